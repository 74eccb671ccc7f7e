// Opens an import file or folder: tells its format from the content (first bytes, then the first record) unless
// one is given, and yields its records as import items.
import { stat } from "node:fs/promises";
import { bibtexItems } from "./bibtex";
import { cslItems, isCslItem } from "./csl-json";
import { datasetFiles, datasetItems, datasetOf, isDatasetFolder } from "./dataset-folder";
import { FORMAT_NAMES, IMPORT_FORMATS, ImportFormat, ImportFormatError, ImportItem, ItemSource } from "./import-record";
import { checkGzip, head } from "./input";
import { JsonRecord, jsonRecords } from "./json-records";
import { isOpenAlexWork, openAlexItems } from "./openalex";
import { isS2agLine, isS2GraphPaper, s2agItems, s2GraphItems } from "./semantic-scholar";
import { isRecord } from "./values";

export interface ImportFileOptions {
  /** Skip detection and read the file as this format. */
  format?: ImportFormat;
}

export interface ImportFile {
  file: string;
  format: ImportFormat;
  /** The file's items, in file order. Iterate once. */
  items: AsyncIterable<ImportItem>;
}

type JsonFormat = Exclude<ImportFormat, "bibtex" | "dataset">;

const JSON_MAPPERS: Record<JsonFormat, (raw: unknown, at: ItemSource) => Iterable<ImportItem>> = {
  openalex: openAlexItems,
  "s2-graph": s2GraphItems,
  s2ag: s2agItems,
  "csl-json": cslItems,
};

/** Records read before one tells the format; a file whose first records are all broken is not guessed at. */
const DETECTION_RECORDS = 100;

function refusal(file: string, what: string): ImportFormatError {
  const names = IMPORT_FORMATS.map((f) => FORMAT_NAMES[f]);
  return new ImportFormatError(file, `${what}; the importer reads ${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}, gzipped or not`);
}

/** Which JSON format a record is in, from its keys. */
export function jsonFormatOf(value: unknown): JsonFormat | undefined {
  if (!isRecord(value)) return undefined;
  if (isS2agLine(value)) return "s2ag";
  if (isS2GraphPaper(value)) return "s2-graph";
  if (isOpenAlexWork(value)) return "openalex";
  if (isCslItem(value)) return "csl-json";
  return undefined;
}

/** An entry or an @string/@comment/@preamble block at a line start. */
const BIBTEX_BLOCK = /^[ \t]*@[A-Za-z]+[ \t]*[{(]/m;
const BIBTEX_NAME = /\.(?:bib|bibtex)(?:\.gz)?$/i;

/**
 * BibTeX allows any text between entries, so a README that quotes a citation to paste (S2AG's do) would pass for
 * BibTeX if a block anywhere told it. So the first content, after blank lines and `%` comments (JabRef's and
 * BibDesk's headers), must be a block; only a file named .bib may open with prose (Mendeley's exports do).
 */
function isBibtex(file: string, start: string): boolean {
  const first = start.split("\n").find((line) => line.trim() !== "" && !line.trimStart().startsWith("%"));
  return (first !== undefined && BIBTEX_BLOCK.test(first)) || (BIBTEX_NAME.test(file) && BIBTEX_BLOCK.test(start));
}

async function sniff(file: string): Promise<"json" | "bibtex" | undefined> {
  const start = await head(file);
  const first = start.trimStart()[0];
  if (first === "{" || first === "[") return "json";
  if (isBibtex(file, start)) return "bibtex";
  return undefined;
}

export async function openImportFile(file: string, options: ImportFileOptions = {}): Promise<ImportFile> {
  if ((await stat(file)).isDirectory()) {
    if (options.format !== undefined && options.format !== "dataset") throw new ImportFormatError(file, `is a folder, not a ${options.format} file`);
    if (!isDatasetFolder(file)) throw refusal(file, "is a folder without papers.jsonl.gz");
    datasetOf(file); // an unknown dataset name is refused now, not at the first item
    for (const part of datasetFiles(file)) await checkGzip(part);
    return { file, format: "dataset", items: datasetItems(file) };
  }
  if (options.format === "dataset") throw new ImportFormatError(file, "is a file; the dataset format is a folder");
  await checkGzip(file);
  const kind = options.format === "bibtex" ? "bibtex" : options.format ? "json" : await sniff(file);
  if (kind === "bibtex") return { file, format: "bibtex", items: bibtexItems(file) };
  if (kind !== "json") throw refusal(file, "is in no format the importer knows");

  const { format, seen, rest } = await detectJson(file, options.format as JsonFormat | undefined);
  return { file, format, items: mapRecords(file, format, seen, rest) };
}

/** Reads ahead to the first record that tells the format; what was read is replayed before the rest. */
async function detectJson(file: string, given: JsonFormat | undefined) {
  const rest = jsonRecords(file);
  const seen: JsonRecord[] = [];
  let format = given;
  while (format === undefined && seen.length < DETECTION_RECORDS) {
    const next = await rest.next();
    if (next.done) break;
    seen.push(next.value);
    // A null tells nothing (Semantic Scholar's /paper/batch answers null for an id it does not know): read on.
    if (next.value.kind === "record" && next.value.value === null) continue;
    if (next.value.kind === "page" && next.value.page === "openalex") format = "openalex";
    else if (next.value.kind === "record") format = jsonFormatOf(next.value.value);
    if (next.value.kind === "record" && format === undefined) break;
  }
  if (format === undefined) {
    await rest.return(undefined);
    const first = seen.find((r) => r.kind === "record");
    throw refusal(file, first ? `has a first record (${first.location}) in no format the importer knows` : "has no JSON record that can be read");
  }
  return { format, seen, rest };
}

async function* mapRecords(file: string, format: JsonFormat, seen: JsonRecord[], rest: AsyncIterable<JsonRecord>): AsyncGenerator<ImportItem> {
  const map = JSON_MAPPERS[format];
  async function* all() {
    yield* seen;
    yield* rest;
  }
  for await (const r of all()) {
    if (r.kind === "page") continue;
    if (r.kind === "error") {
      yield { kind: "error", file, location: r.location, message: r.message };
      continue;
    }
    if (r.value === null) {
      yield { kind: "skipped", file, location: r.location, message: "null: no record (an API's answer for an id it does not know)" };
      continue;
    }
    // A mapper's items are collected first so a record that fails half-way yields only its error.
    let items: ImportItem[];
    try {
      items = [...map(r.value, { file, location: r.location })];
    } catch (err) {
      items = [{ kind: "error", file, location: r.location, message: (err as Error).message }];
    }
    yield* items;
  }
}

/** The format of a file or folder, told from its content. */
export async function detectFormat(file: string): Promise<ImportFormat> {
  if ((await stat(file)).isDirectory() || (await sniff(file)) !== "json") return (await openImportFile(file)).format;
  const { format, rest } = await detectJson(file, undefined);
  await rest.return(undefined);
  return format;
}

/** All items of a file or folder: `for await (const item of readImportItems(path))`. */
export async function* readImportItems(file: string, options: ImportFileOptions = {}): AsyncGenerator<ImportItem> {
  yield* (await openImportFile(file, options)).items;
}
