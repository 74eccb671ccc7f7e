// Reads an import file through the formats layer and sorts its items by kind, so tests read as counts of papers,
// citations, skipped and broken records.
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { openImportFile, type ImportFileOptions, type ImportFormat, type ImportItem, type ImportPaper } from "../../src/ingest/formats";
import { DATA_DIR } from "./datasets";

export const FORMAT_SAMPLES = path.join(DATA_DIR, "formats");
export const FIXTURES = path.resolve(__dirname, "..", "fixtures", "formats");

type Of<K extends ImportItem["kind"]> = Extract<ImportItem, { kind: K }>;

export interface ReadItems {
  format: ImportFormat;
  papers: Of<"paper">[];
  citations: Of<"citation">[];
  skipped: Of<"skipped">[];
  errors: Of<"error">[];
}

export async function readItems(file: string, options?: ImportFileOptions): Promise<ReadItems> {
  const opened = await openImportFile(file, options);
  const read: ReadItems = { format: opened.format, papers: [], citations: [], skipped: [], errors: [] };
  for await (const item of opened.items) {
    if (item.kind === "paper") read.papers.push(item);
    else if (item.kind === "citation") read.citations.push(item);
    else if (item.kind === "skipped") read.skipped.push(item);
    else read.errors.push(item);
  }
  return read;
}

export async function readPapers(file: string): Promise<ImportPaper[]> {
  return (await readItems(file)).papers.map((p) => p.paper);
}

/** How many papers have each kind of id: { doi: 383, arxiv: 154, ... }. */
export function idCoverage(papers: ImportPaper[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const p of papers) for (const key of Object.keys(p.ids)) counts[key] = (counts[key] ?? 0) + 1;
  return counts;
}

/** Writes a scratch file (gzipped if asked) whose name says nothing about its format. */
export function scratchFile(content: string, options: { gzip?: boolean; name?: string } = {}): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "import-formats-"));
  const file = path.join(dir, options.name ?? "upload.dat");
  writeFileSync(file, options.gzip ? gzipSync(content) : content);
  return file;
}
