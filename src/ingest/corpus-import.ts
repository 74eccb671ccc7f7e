// Imports one file or folder of any format (src/ingest/formats/) into Neo4j: items read as a stream, written in
// batches, each batch one transaction that finds the papers its identifiers name, merges into them, creates stubs
// for cited works outside the corpus and writes the CITES edges. A batch that fails is written again record by
// record, so a bad record is reported and skipped without losing its neighbours. docs/importing.md.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Database, Tx } from "../neo4j/database";
import { DatabaseTimeoutError, DatabaseUnavailableError } from "../neo4j/database-errors";
import { createStubs, findPapers, importCitations, importPapers, lockImports } from "./corpus-write.repository";
import type { ExternalIds, ImportFormat, ImportItem, ImportPaper } from "./formats/import-record";
import { ImportFormatError, openImportFile } from "./formats";
import { lookupsOf, planPapers, planStubs } from "./identity-plan";
import { isPublicationYear } from "../papers/publication-year";
import { cutToLength, isPaperUrl, MAX_ABSTRACT_LENGTH, MAX_AUTHORS, MAX_TITLE_LENGTH, MAX_URL_LENGTH, MAX_VENUE_LENGTH } from "../papers/paper-bounds";
import { MAX_PERSON_NAME_LENGTH } from "../people/person.record";

type Of<K extends ImportItem["kind"]> = Extract<ImportItem, { kind: K }>;
type Writable = Of<"paper"> | Of<"citation">;

/** A record that was not imported, and where it is. */
export interface ImportProblem {
  file: string;
  location: string;
  message: string;
}

export interface CorpusImportReport {
  file: string;
  format: ImportFormat;
  /** Paper records read. */
  papers: number;
  /** New paper nodes made from them. */
  created: number;
  /** Paper records that reached a paper already stored or another record of the same file. */
  merged: number;
  /** Stored stubs that records filled in. */
  filledStubs: number;
  /** Records whose identifiers named two or more stored papers (merged into the best-ranked one). */
  conflicts: number;
  /** Citations read: reference lists and citation rows. */
  citations: number;
  selfCitations: number;
  /** CITES edges that did not exist before. */
  citationsCreated: number;
  /** New stub nodes for cited works outside the file and the database. */
  stubs: number;
  /** Well-formed records with nothing to import (a reference without identifier). */
  skipped: number;
  /** Malformed records, and records whose write failed: reported and skipped. */
  errors: number;
  /** The first MAX_PROBLEMS of them. */
  problems: ImportProblem[];
  /** Values of imported records left out or cut: a BibTeX field naming an undefined @string, a value beyond upsertPaper's bounds. */
  warnings: number;
  /** The first MAX_PROBLEMS of them. */
  notes: ImportProblem[];
  seconds: number;
  recordsPerSecond: number;
  /** Stopped by ImportOptions.signal after a batch, with records left to read: running it again finishes it. */
  interrupted: boolean;
}

export interface Progress {
  advance(records: number): void;
  stop(): void;
}

export interface ImportOptions {
  format?: ImportFormat;
  progress?: Progress;
  /** Everything in one transaction, failing as a whole (the importPapers mutation). */
  oneTransaction?: boolean;
  /** Refuse (ImportTooLargeError, before writing anything) content with more paper and citation records. */
  maxRecords?: number;
  /** Checked after each batch: once aborted, the import stops there (what was written stays) and says so. */
  signal?: AbortSignal;
}

export class ImportTooLargeError extends Error {}

// Records per transaction, as chosen for the dataset importer on hep-th; the rates: docs/importing.md#measured.
export const PAPER_BATCH = 2_000;
export const CITATION_BATCH = 10_000;
/** Problems listed in a report; all are counted. */
export const MAX_PROBLEMS = 50;

/** What one batch adds to the report's counts. */
type BatchCounts = Pick<CorpusImportReport, "created" | "merged" | "filledStubs" | "conflicts" | "citations" | "selfCitations" | "citationsCreated" | "stubs">;

/**
 * One batch, in the caller's transaction: lock, find, plan, write papers, then stubs and edges. `written` maps the
 * dataset ids of the papers this import wrote in earlier batches to their nodes, and this batch's are added (a
 * dataset paper may have merged into a paper known by its arXiv id): a citation end named by such an id (a dataset
 * folder's rows) needs no lookup, which keeps a dataset's citations about as cheap as before identities were merged.
 */
async function writeBatch(tx: Tx, items: Writable[], written: ReadonlyMap<string, string>): Promise<BatchCounts & { written: Array<[string, string]> }> {
  await lockImports(tx);
  const papers = items.filter((i): i is Of<"paper"> => i.kind === "paper").map((i) => i.paper);
  const plan = planPapers(papers, await findPapers(tx, lookupsOf(papers.map((paper) => ({ ids: paper.ids, paper })))));
  await importPapers(tx, plan.papers);

  // Citation ends: `from` is a paper just written (its node id) or identifiers to place like any cited work.
  const ends: ExternalIds[] = [];
  const links: Array<{ from: string | number; to: number }> = [];
  papers.forEach((paper: ImportPaper, i) => {
    for (const ref of paper.references ?? []) links.push({ from: plan.targets[i], to: ends.push(ref) - 1 });
  });
  for (const item of items) {
    if (item.kind === "citation") links.push({ from: ends.push(item.citation.from) - 1, to: ends.push(item.citation.to) - 1 });
  }
  // This batch's dataset papers too: one may have merged into a paper stored under another id (its arXiv id's), and a
  // row of the same batch citing it by its dataset id must reach that node, not a stub of the dataset id. A dataset
  // end's other ids (AAN's ACL id) are the ones its paper record had, so its dataset id alone places it.
  const writtenHere = papers.flatMap((p, i): Array<[string, string]> => (p.ids.datasetId ? [[p.ids.datasetId, plan.targets[i]]] : []));
  const here = new Map(writtenHere);
  const knownId = (ids: ExternalIds) => (ids.datasetId ? here.get(ids.datasetId) ?? written.get(ids.datasetId) ?? null : null);
  const unknown = ends.filter((ids) => knownId(ids) === null);
  const stubs = planStubs(unknown, await findPapers(tx, lookupsOf(unknown.map((ids) => ({ ids })))));
  await createStubs(tx, stubs.stubs);
  let next = 0;
  const endIds = ends.map((ids) => knownId(ids) ?? stubs.targets[next++]);

  const edges = new Map<string, { from: string; to: string }>();
  let selfCitations = 0;
  for (const link of links) {
    const from = typeof link.from === "string" ? link.from : endIds[link.from];
    const to = endIds[link.to];
    if (from === to) selfCitations += 1;
    else edges.set(`${from}\t${to}`, { from, to });
  }
  return {
    created: plan.created,
    merged: plan.merged,
    filledStubs: plan.filledStubs,
    conflicts: plan.conflicts,
    citations: links.length,
    selfCitations,
    citationsCreated: await importCitations(tx, [...edges.values()]),
    stubs: stubs.stubs.length,
    written: writtenHere,
  };
}

/** Failures of the database itself end the import; anything else is the record's fault. */
function isDatabaseFailure(err: unknown): boolean {
  return err instanceof DatabaseUnavailableError || err instanceof DatabaseTimeoutError;
}

/** Imports a file or folder (format detected from the content unless given) and reports what it did. */
export async function importFile(db: Database, file: string, options: ImportOptions = {}): Promise<CorpusImportReport> {
  const opened = await openImportFile(file, { format: options.format });
  return importItems(db, opened.file, opened.format, opened.items, options);
}

export async function importItems(
  db: Database,
  file: string,
  format: ImportFormat,
  items: AsyncIterable<ImportItem>,
  options: ImportOptions = {},
): Promise<CorpusImportReport> {
  const started = process.hrtime.bigint();
  const report: CorpusImportReport = {
    file,
    format,
    papers: 0,
    created: 0,
    merged: 0,
    filledStubs: 0,
    conflicts: 0,
    citations: 0,
    selfCitations: 0,
    citationsCreated: 0,
    stubs: 0,
    skipped: 0,
    errors: 0,
    problems: [],
    warnings: 0,
    notes: [],
    seconds: 0,
    recordsPerSecond: 0,
    interrupted: false,
  };
  const problem = (p: ImportProblem) => {
    report.errors += 1;
    if (report.problems.length < MAX_PROBLEMS) report.problems.push({ file: p.file, location: p.location, message: p.message });
  };
  const written = new Map<string, string>();
  const add = ({ written: pairs, ...c }: BatchCounts & { written: Array<[string, string]> }) => {
    for (const key of Object.keys(c) as (keyof BatchCounts)[]) report[key] += c[key];
    for (const [datasetId, id] of pairs) written.set(datasetId, id);
  };

  let batch: Writable[] = [];
  let batchPapers = 0;
  let batchLinks = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const pending = batch;
    batch = [];
    batchPapers = 0;
    batchLinks = 0;
    try {
      add(await db.writeTransaction((tx) => writeBatch(tx, pending, written)));
    } catch (err) {
      if (options.oneTransaction || isDatabaseFailure(err)) throw err;
      if (pending.length === 1) {
        problem({ ...pending[0], message: `not written: ${(err as Error).message}` });
      } else {
        for (const item of pending) {
          try {
            add(await db.writeTransaction((tx) => writeBatch(tx, [item], written)));
          } catch (one) {
            if (isDatabaseFailure(one)) throw one;
            problem({ ...item, message: `not written: ${(one as Error).message}` });
          }
        }
      }
    }
    options.progress?.advance(pending.length);
  };

  for await (const read of items) {
    const item = read.kind === "paper" ? withinBounds(read) : read;
    if (item.kind === "skipped") report.skipped += 1;
    else if (item.kind === "error") problem(item);
    else {
      // A paper record counts with its reference list: one work may list thousands.
      const records = item.kind === "paper" ? 1 + (item.paper.references?.length ?? 0) : 1;
      if (options.maxRecords !== undefined && report.papers + batchLinks + records > options.maxRecords) {
        throw new ImportTooLargeError(`more than ${options.maxRecords} records (papers and citations): import it with npm run import`);
      }
      batch.push(item);
      if (item.kind === "paper") {
        for (const message of item.warnings ?? []) {
          report.warnings += 1;
          if (report.notes.length < MAX_PROBLEMS) report.notes.push({ file: item.file, location: item.location, message });
        }
        report.papers += 1;
        batchPapers += 1;
        batchLinks += item.paper.references?.length ?? 0;
      } else {
        batchLinks += 1;
      }
      if (!options.oneTransaction && (batchPapers >= PAPER_BATCH || batchLinks >= CITATION_BATCH)) {
        await flush();
        if (options.signal?.aborted) {
          report.interrupted = true;
          break;
        }
      }
    }
  }
  if (!report.interrupted) await flush();
  options.progress?.stop();

  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  report.seconds = Math.round(seconds * 10) / 10;
  report.recordsPerSecond = Math.round((report.papers + report.citations) / seconds);
  return report;
}

/** At most `max` UTF-16 units, as class-validator counts a length, without splitting a surrogate pair. */
/**
 * A paper record as the API's own inputs (PaperInput, src/papers/paper-bounds.ts) bound it. A year outside
 * upsertPaper's window (1600 to next year) is no publication year: the record is imported without it (and without its
 * month and day), as a source's missing year is. An author name longer than MAX_PERSON_NAME_LENGTH makes the record an
 * error: it is no name, and as an index key it could fail the whole batch. A title, abstract or venue longer than
 * upsertPaper takes is cut to its bound, a byline to its first MAX_AUTHORS names, and a url that is not an http(s) URL
 * is left out, each with a warning. Identifiers are bounded where they are read (external-ids.ts).
 */
export function withinBounds(item: Of<"paper">): Of<"paper"> | Of<"error"> {
  const long = item.paper.authors.find((a) => a.length > MAX_PERSON_NAME_LENGTH);
  if (long !== undefined) {
    return { kind: "error", file: item.file, location: item.location, message: `an author name of ${long.length} characters (at most ${MAX_PERSON_NAME_LENGTH})` };
  }
  const { year, month: _month, day: _day, ...undated } = item.paper;
  const paper = { ...(year === undefined || isPublicationYear(year) ? item.paper : undated) };
  const warnings = [...(item.warnings ?? [])];
  for (const [field, max] of [["title", MAX_TITLE_LENGTH], ["abstract", MAX_ABSTRACT_LENGTH], ["venue", MAX_VENUE_LENGTH]] as const) {
    const value = paper[field];
    if (value == null || value.length <= max) continue;
    paper[field] = cutToLength(value, max);
    warnings.push(`${field} of ${value.length} characters cut to ${max}`);
  }
  if (paper.url !== undefined && !isPaperUrl(paper.url)) {
    warnings.push(`url ${JSON.stringify(cutToLength(paper.url, 100))} is not an http(s) URL of at most ${MAX_URL_LENGTH} characters: left out`);
    delete paper.url;
  }
  if (paper.authors.length > MAX_AUTHORS) {
    warnings.push(`${paper.authors.length} authors: the first ${MAX_AUTHORS} kept`);
    paper.authors = paper.authors.slice(0, MAX_AUTHORS);
  }
  return { ...item, paper, ...(warnings.length > 0 ? { warnings } : {}) };
}

/** The importer for content sent through the API: written to a temporary file, read and written as one transaction. */
export class CorpusImporter {
  constructor(private readonly db: Database) {}

  async importText(content: string, options: { format?: ImportFormat; maxRecords: number }): Promise<CorpusImportReport> {
    const dir = await mkdtemp(path.join(os.tmpdir(), "papers-graph-import-"));
    const file = path.join(dir, "content");
    const named = (text: string) => text.split(file).join("content");
    try {
      await writeFile(file, content);
      const opened = await openImportFile(file, { format: options.format }).catch((err: unknown) => {
        throw err instanceof ImportFormatError ? new ImportFormatError("content", named(err.message).replace(/^content: /, "")) : err;
      });
      const report = await importItems(this.db, "content", opened.format, opened.items, { oneTransaction: true, maxRecords: options.maxRecords });
      const inContent = (p: ImportProblem) => ({ ...p, file: "content", message: named(p.message) });
      return { ...report, problems: report.problems.map(inContent), notes: report.notes.map(inContent) };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}
