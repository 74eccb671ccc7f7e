// The records of a JSON import file: one per line in JSON Lines, or the elements of one document (a bare array,
// an OpenAlex /works page, a Semantic Scholar {data: [...]} page, or a single object).
import { lines, readText } from "./input";
import { isRecord } from "./values";

export type JsonRecord =
  | { kind: "record"; value: unknown; location: string }
  /** Announces the records of a page that follow: an empty OpenAlex page still tells the format. */
  | { kind: "page"; page: PageKind; location: string }
  | { kind: "error"; message: string; location: string };

export type PageKind = "openalex" | "s2";

/**
 * JSON Lines is streamed. A JSON document (a first line that is not JSON by itself, e.g. pretty-printed) is read
 * and parsed whole: API pages and single papers are small, and bulk dumps come as JSON Lines.
 */
export async function* jsonRecords(file: string): AsyncGenerator<JsonRecord> {
  const it = lines(file);
  const first = await it.next();
  if (first.done) return;
  let firstValue: unknown;
  try {
    firstValue = JSON.parse(first.value.text);
  } catch {
    await it.return(undefined);
    const whole = await readText(file);
    let doc: unknown;
    try {
      doc = JSON.parse(whole);
    } catch {
      // Neither a document nor a good first line: JSON Lines with a broken first record (the rest may be fine).
      yield* jsonLines(file);
      return;
    }
    yield* expand(doc, "");
    return;
  }
  // A file of one line is a compact JSON document (an API response), and its records are located as in one.
  const second = await it.next();
  if (second.done) {
    yield* expand(firstValue, "");
    return;
  }
  yield* expand(firstValue, `line ${first.value.number}`);
  yield* parseLine(second.value.text, `line ${second.value.number}`);
  for await (const line of it) yield* parseLine(line.text, `line ${line.number}`);
}

async function* jsonLines(file: string): AsyncGenerator<JsonRecord> {
  for await (const line of lines(file)) yield* parseLine(line.text, `line ${line.number}`);
}

function* parseLine(text: string, location: string): Generator<JsonRecord> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    yield { kind: "error", message: `not valid JSON: ${(err as Error).message}`, location };
    return;
  }
  yield* expand(value, location);
}

function at(location: string, index: string): string {
  return location === "" ? index : `${location} ${index}`;
}

function* expand(value: unknown, location: string): Generator<JsonRecord> {
  const page = pageOf(value);
  if (page) {
    yield { kind: "page", page: page.kind, location: location === "" ? "document" : location };
    for (const [i, v] of page.items.entries()) yield { kind: "record", value: citationEnd(v), location: at(location, `${page.key}[${i}]`) };
  } else if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) yield { kind: "record", value: v, location: at(location, `[${i}]`) };
  } else {
    yield { kind: "record", value, location: location === "" ? "document" : location };
  }
}

/**
 * OpenAlex list responses are {meta, results: [...]}; Semantic Scholar's pages are {total?, offset, next?, data: [...]}
 * (search, a paper's citations or references) or {total, token, data: [...]} (bulk search).
 */
function pageOf(v: unknown): { key: string; items: unknown[]; kind: PageKind } | undefined {
  if (!isRecord(v)) return undefined;
  if (isRecord(v.meta) && Array.isArray(v.results)) return { key: "results", items: v.results, kind: "openalex" };
  if (Array.isArray(v.data) && ("offset" in v || "token" in v || "next" in v)) return { key: "data", items: v.data, kind: "s2" };
  return undefined;
}

/**
 * An item of a Semantic Scholar /paper/{id}/citations or /references page, {citingPaper} or {citedPaper} beside the
 * citation's contexts and intents, is read as that paper. The page does not name the paper it lists the citations of
 * (that id is in the request's URL only), so the citation itself cannot be imported from it, only the papers.
 */
function citationEnd(v: unknown): unknown {
  if (!isRecord(v)) return v;
  const end = isRecord(v.citingPaper) ? v.citingPaper : isRecord(v.citedPaper) ? v.citedPaper : undefined;
  return end && !("paperId" in v) ? end : v;
}
