// Imports one dataset folder (papers.jsonl.gz + citations.tsv.gz) through the ingest repository's batched
// UNWIND ... MERGE writers. Running it again changes nothing, and a run that stopped half-way is completed by
// running it again: every batch is its own transaction and MERGE skips what is already there.
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { createGunzip } from "node:zlib";
import path from "node:path";
import { datasetIdPrefix, datasetPaperId } from "../papers/paper-ids";
import type { EdgeRecord, IngestRepository, PaperInputRecord } from "./ingest.repository";
import { DATASETS, DatasetDefinition } from "./datasets";

export interface DatasetFiles {
  dataset: DatasetDefinition;
  papers: string;
  citations: string;
}

export interface ImportReport {
  dataset: string;
  papers: number;
  /** Distinct author strings over the dataset's papers. */
  authors: number;
  citationRows: number;
  /** Rows whose two ids both have a paper record. */
  resolvedRows: number;
  /** Distinct citations written: resolved rows less self-citations and duplicates. */
  citations: number;
  /** Rows citing_id == cited_id, all skipped (SOURCE.md counts them over all rows, dangling or not). */
  selfCitations: number;
  /** Rows naming a paper without a record; skipped, not stubbed (a stub would have no title). */
  danglingRows: number;
  danglingIds: number;
  duplicateRows: number;
  /** What the database holds for the dataset's namespace after the import. */
  stored: { papers: number; citations: number };
  seconds: number;
  rowsPerSecond: number;
}

export interface Progress {
  start(totalRows: number): void;
  advance(rows: number): void;
  stop(): void;
}

// Rows per transaction, chosen on hep-th (larger batches stopped paying off); the rate: docs/importing.md#measured.
export const PAPER_BATCH = 2_000;
export const CITATION_BATCH = 10_000;

async function* lines(file: string): AsyncGenerator<string> {
  const rl = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  for await (const line of rl) if (line.length > 0) yield line;
}

async function countLines(file: string): Promise<number> {
  let n = 0;
  for await (const _ of lines(file)) n += 1;
  return n;
}

/**
 * Resolves command-line arguments (dataset folders, or papers.jsonl.gz / citations.tsv.gz files inside one) to
 * the datasets to import. The folder name picks the dataset and its id namespace.
 */
export function resolveDatasets(args: string[]): DatasetFiles[] {
  const folders = [...new Set(args.map((a) => (/\.(jsonl|tsv)\.gz$/.test(a) ? path.dirname(a) : a)).map((f) => path.resolve(f)))];
  return folders.map((folder) => {
    const dataset = DATASETS[path.basename(folder)];
    if (!dataset) {
      throw new Error(`${folder}: unknown dataset "${path.basename(folder)}"; known: ${Object.keys(DATASETS).join(", ")}`);
    }
    return { dataset, papers: path.join(folder, "papers.jsonl.gz"), citations: path.join(folder, "citations.tsv.gz") };
  });
}

export async function importDataset(ingest: IngestRepository, files: DatasetFiles, progress?: Progress): Promise<ImportReport> {
  const started = process.hrtime.bigint();
  const { name } = files.dataset;
  const paperRows = await countLines(files.papers);
  const citationRows = (await countLines(files.citations)) - 1; // header
  progress?.start(paperRows + citationRows);

  const ids = new Set<string>();
  const authors = new Set<string>();
  let batch: PaperInputRecord[] = [];
  for await (const line of lines(files.papers)) {
    const paper = files.dataset.toPaper(JSON.parse(line));
    ids.add(paper.id);
    for (const a of paper.authors ?? []) authors.add(a);
    batch.push(paper);
    if (batch.length === PAPER_BATCH) {
      await ingest.upsertPapers(batch);
      progress?.advance(batch.length);
      batch = [];
    }
  }
  if (batch.length > 0) await ingest.upsertPapers(batch);
  progress?.advance(batch.length);

  let edges: EdgeRecord[] = [];
  let self = 0;
  let dangling = 0;
  let resolved = 0;
  let duplicates = 0;
  let header = true;
  const danglingIds = new Set<string>();
  const seen = new Set<string>();
  const flush = async () => {
    if (edges.length > 0) await ingest.upsertCitations(edges);
    edges = [];
  };
  for await (const line of lines(files.citations)) {
    if (header) {
      header = false;
      continue;
    }
    const [citing, cited] = line.split("\t");
    const from = datasetPaperId(name, citing);
    const to = datasetPaperId(name, cited);
    const missing = [from, to].filter((id) => !ids.has(id));
    if (from === to) self += 1;
    if (missing.length > 0) {
      dangling += 1;
      for (const id of missing) danglingIds.add(id);
      continue;
    }
    resolved += 1;
    if (from === to) continue;
    if (seen.has(`${from}\t${to}`)) {
      duplicates += 1;
    } else {
      seen.add(`${from}\t${to}`);
      edges.push({ from, to });
      if (edges.length === CITATION_BATCH) {
        await flush();
        progress?.advance(CITATION_BATCH);
      }
    }
  }
  const last = edges.length;
  await flush();
  progress?.advance(citationRows - (seen.size - last)); // the rest: last batch and every skipped row
  progress?.stop();

  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return {
    dataset: name,
    papers: ids.size,
    authors: authors.size,
    citationRows,
    resolvedRows: resolved,
    citations: seen.size,
    selfCitations: self,
    danglingRows: dangling,
    danglingIds: danglingIds.size,
    duplicateRows: duplicates,
    stored: await ingest.countNamespace(datasetIdPrefix(name)),
    seconds: Math.round(seconds * 10) / 10,
    rowsPerSecond: Math.round((paperRows + citationRows) / seconds),
  };
}
