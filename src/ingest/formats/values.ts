// Small readers of loosely typed source values, shared by every format's record mapper.
import { RecordError } from "./import-record";

export type RawRecord = Record<string, unknown>;

export function isRecord(v: unknown): v is RawRecord {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The value as a record, or a RecordError naming what it was instead. */
export function asRecord(v: unknown, what: string): RawRecord {
  if (!isRecord(v)) throw new RecordError(`${what} is ${Array.isArray(v) ? "an array" : v === null ? "null" : typeof v}, not an object`);
  return v;
}

/**
 * A trimmed, non-empty string in Unicode NFC, else undefined (sources use null, "" and missing alike). NFC because
 * the BibTeX parser writes accents decomposed (`a` + U+0301 for {\'a}), which would not match the same name from
 * another source. For the same reason a dotless i or j with an accent on it (the parser's reading of {\'\i}, which
 * TeX needs to put an accent on an i) becomes the plain letter, so that NFC composes it: "Ortín", not "Ortı́n".
 */
export function text(v: unknown): string | undefined {
  if (typeof v !== "string") return undefined;
  const t = v.trim().replace(/\u0131(?=\p{Mn})/gu, "i").replace(/\u0237(?=\p{Mn})/gu, "j").normalize("NFC");
  return t === "" ? undefined : t;
}

/**
 * A name as "Given Family", the form ImportPaper.authors holds, from "Family, Given" or BibTeX's "Family, Jr.,
 * Given" ("Taylor, II, Charles T." is "Charles T. Taylor II"); a name without a comma is taken to be in that form
 * already. Names are not parsed as BibTeX here: the sources that write them so (aan) are not TeX.
 */
export function givenFamily(name: string): string {
  const parts = name.split(",").map((p) => p.trim());
  if (parts.length === 1) return name.trim();
  const [family, ...rest] = parts;
  const [suffix, given] = rest.length === 1 ? ["", rest[0]] : [rest[0], rest.slice(1).join(" ")];
  return [given, family, suffix].filter((p) => p !== "").join(" ");
}

/** An integer from a number or a string of digits (CSL date-parts and BibTeX fields are often strings). */
export function integer(v: unknown): number | undefined {
  if (typeof v === "number") return Number.isInteger(v) ? v : undefined;
  const t = text(v);
  return t && /^-?\d+$/.test(t) ? Number(t) : undefined;
}

export function array(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

export interface PartialDate {
  year?: number;
  month?: number;
  day?: number;
}

/** Year, month and day with only the precision given; a month or day out of range ends the precision there. */
export function partialDate(year: unknown, month?: unknown, day?: unknown): PartialDate {
  const y = integer(year);
  if (y === undefined) return {};
  const m = integer(month);
  if (m === undefined || m < 1 || m > 12) return { year: y };
  const d = integer(day);
  return d === undefined || d < 1 || d > 31 ? { year: y, month: m } : { year: y, month: m, day: d };
}

/** `2020`, `2020-08` or `2020-08-01` (the ISO forms of publication_date, publicationDate and biblatex `date`). */
export function isoDate(v: unknown): PartialDate {
  const m = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?/.exec(text(v) ?? "");
  return m ? partialDate(m[1], m[2], m[3]) : {};
}

/**
 * A year field and an ISO date field together (OpenAlex publication_year/publication_date, S2 year/publicationDate):
 * the date's precision when it agrees with the year, else the year alone.
 */
export function yearAndDate(year: unknown, date: unknown): PartialDate {
  const y = partialDate(year);
  const d = isoDate(date);
  return d.year !== undefined && (y.year === undefined || d.year === y.year) ? d : y;
}

/** Drops undefined properties so records compare and serialise without empty keys. */
export function compact<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}
