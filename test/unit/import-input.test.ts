// Reading import files as text: gzipped or not, the file closed whatever the reader does, a damaged gzip file
// refused with its name, text that is not UTF-8 read in its declared encoding or refused, never garbled.
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { detectFormat, ImportFormatError, openImportFile, readImportItems } from "../../src/ingest/formats";
import { head, lines, readText } from "../../src/ingest/formats/input";
import { DATA_DIR } from "../helpers/datasets";
import { FORMAT_SAMPLES, readItems, scratchFile } from "../helpers/import-items";

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

describe("BibTeX that is not UTF-8", () => {
  /**
   * AAN's original metadata holds 35 records with Windows-1252 bytes, in BibTeX's field syntax: L08-1391 and
   * L08-1021 are two, made entries here as a JabRef library of that encoding would hold them.
   */
  const entry = () => {
    const records = gunzipSync(readFileSync(path.join(DATA_DIR, "aan", "acl-metadata.txt.gz"))).toString("latin1").split("\n\n");
    const bib = ["L08-1391", "L08-1021"].map((id) => {
      const record = records.find((r) => r.startsWith(`id = {${id}}`))!;
      return `@inproceedings{${id},\n${record.split("\n").slice(1).join(",\n")}\n}\n`;
    });
    return Buffer.from(bib.join("\n"), "latin1");
  };
  const TITLES = ["Let\u2019s not Argue about Semantics", "Annotating \u201ctense?in a Tense-less Language"];
  const jabref = (encoding: string) => Buffer.from(`% This file was created with JabRef 2.10.\n% Encoding: ${encoding}\n\n`);
  const bibFile = (...parts: Buffer[]) => {
    const file = scratchFile("", { name: "library.bib" });
    writeFileSync(file, Buffer.concat(parts));
    return file;
  };
  const titleOf = async (file: string) => (await readItems(file)).papers.map((p) => p.paper.title);

  it("holds bytes that are not UTF-8 (0x92 and 0x93, Windows-1252's quotes)", () => {
    expect(entry().includes(Buffer.from("Let\x92s", "latin1"))).toBe(true);
    expect(entry().includes(Buffer.from("\x93tense", "latin1"))).toBe(true);
  });

  it.each(["ISO8859_1", "Cp1252", "windows-1252"])("is read in the encoding JabRef's header names: %s", async (encoding) => {
    expect(await titleOf(bibFile(jabref(encoding), entry()))).toEqual(TITLES);
  });

  it("is refused without a header, naming the file and the line, rather than read as J\ufffdrgen", async () => {
    const file = bibFile(Buffer.from("% notes\n\n"), entry());
    await expect(readItems(file)).rejects.toThrow(new ImportFormatError(file, "is not UTF-8 (line 5) and declares no other encoding"));
    const wrongHeader = bibFile(jabref("UTF-8"), entry());
    await expect(readItems(wrongHeader)).rejects.toThrow(/library\.bib: is not UTF-8 \(line 6\) and is not valid in the encoding it declares, "UTF-8", either$/);
    const unknown = bibFile(jabref("EBCDIC_37"), entry());
    await expect(readItems(unknown)).rejects.toThrow(/declares the encoding "EBCDIC-37", which is not one the importer knows$/);
  });

  it("is read as UTF-8 when it is UTF-8, whatever its header says (converted, the header left as it was)", async () => {
    const utf8 = Buffer.from(entry().toString("latin1").replace("\x92", "\u2019").replace("\x93", "\u201c"), "utf8");
    expect(await titleOf(bibFile(jabref("ISO8859_1"), utf8))).toEqual(TITLES);
  });
});
