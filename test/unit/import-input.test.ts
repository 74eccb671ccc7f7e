// Reading import files as text: gzipped or not, the file closed whatever the reader does, a damaged gzip file
// refused with its name.
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { detectFormat, ImportFormatError, openImportFile, readImportItems } from "../../src/ingest/formats";
import { head, lines, readText } from "../../src/ingest/formats/input";
import { DATA_DIR } from "../helpers/datasets";
import { FORMAT_SAMPLES, scratchFile } from "../helpers/import-items";

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
    for (let i = 0; i < 3; i++) {
      await detectFormat(S2_PAPER_GZ);
      await detectFormat(path.join(DATA_DIR, "hepth"));
      for await (const item of readImportItems(path.join(DATA_DIR, "hepth"))) if (item) break;
    }
    expect(openFiles()).toBe(before);
  });
});

describe("a damaged gzip file", () => {
  const paper = readFileSync(S2_PAPER_GZ);
  /** The real Paper.json.gz cut short, as by an interrupted download. */
  const truncated = () => {
    const file = scratchFile("", { name: "Paper.json.gz" });
    writeFileSync(file, paper.subarray(0, 200_000));
    return file;
  };
  const damaged = (file: string) => new ImportFormatError(file, "is a damaged or truncated gzip file").message;

  it("is refused when opened, naming the file, before any record is read", async () => {
    const file = truncated();
    const err = await openImportFile(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportFormatError); // which the import command reports and passes over in a folder
    expect((err as Error).message).toBe(`${damaged(file)} (unexpected end of file)`);
    await expect(openImportFile(file, { format: "s2-graph" })).rejects.toThrow(damaged(file));
  });

  it("is refused when a byte in the middle is wrong (the CRC no longer matches)", async () => {
    const file = scratchFile("", { name: "Paper.json.gz" });
    const flipped = Buffer.from(paper);
    flipped[paper.length >> 1] ^= 0xff;
    writeFileSync(file, flipped);
    await expect(openImportFile(file)).rejects.toThrow(damaged(file));
  });

  it("is refused in a dataset folder, naming the folder's file", async () => {
    const folder = path.join(path.dirname(scratchFile("")), "cora-lda");
    mkdirSync(folder);
    copyFileSync(path.join(DATA_DIR, "cora-lda", "papers.jsonl.gz"), path.join(folder, "papers.jsonl.gz"));
    const citations = readFileSync(path.join(DATA_DIR, "cora-lda", "citations.tsv.gz"));
    writeFileSync(path.join(folder, "citations.tsv.gz"), citations.subarray(0, citations.length - 100));
    await expect(openImportFile(folder)).rejects.toThrow(damaged(path.join(folder, "citations.tsv.gz")));
  });

  it("fails a reader with the file's name if it goes bad after the check (the file changed meanwhile)", async () => {
    const file = truncated();
    await expect(readText(file)).rejects.toThrow(damaged(file));
    const reading = async () => {
      for await (const line of lines(file)) if (!line) break;
    };
    await expect(reading()).rejects.toThrow(damaged(file));
  });
});
