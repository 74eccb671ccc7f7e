// Reading import files as text: gzipped or not, the file closed whatever the reader does.
import { readdirSync } from "node:fs";
import path from "node:path";
import { detectFormat, readImportItems } from "../../src/ingest/formats";
import { head } from "../../src/ingest/formats/input";
import { DATA_DIR } from "../helpers/datasets";
import { FORMAT_SAMPLES } from "../helpers/import-items";

const S2_PAPER_GZ = path.join(FORMAT_SAMPLES, "s2-graph-api-paper", "Paper.json.gz");
const S2AG_PAPERS = path.join(FORMAT_SAMPLES, "s2ag-samples", "papers__papers-sample.jsonl");

/** The descriptors this process holds (Linux). */
const openFiles = () => readdirSync("/proc/self/fd").length;

describe("import files are closed", () => {
  it("after sniffing the start of a gzipped and a plain file", async () => {
    const before = openFiles();
    for (let i = 0; i < 5; i++) {
      await head(S2_PAPER_GZ);
      await head(S2AG_PAPERS);
    }
    expect(openFiles()).toBe(before);
  });

  it("after detecting the format of a gzipped file and a dataset folder, and after a reader stops early", async () => {
    const before = openFiles();
    for (let i = 0; i < 5; i++) {
      await detectFormat(S2_PAPER_GZ);
      await detectFormat(path.join(DATA_DIR, "hepth"));
      for await (const item of readImportItems(path.join(DATA_DIR, "hepth"))) if (item) break;
    }
    expect(openFiles()).toBe(before);
  });
});
