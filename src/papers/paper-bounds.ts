// The bounds of a paper's fields, one rule for the API's input (PaperInput's decorators), for imports
// (withinBounds of src/ingest/corpus-import.ts) and for what a summary's links write (a stub's title, a note).
import { isURL } from "class-validator";

export const MAX_TITLE_LENGTH = 1000;
/** A SEE_ALSO edge's note: a curator's (addSeeAlso), or the text of the summary link that made the edge. */
export const MAX_NOTE_LENGTH = 1000;
export const MAX_ABSTRACT_LENGTH = 100_000;
export const MAX_VENUE_LENGTH = 300;
export const MAX_URL_LENGTH = 2000;
export const MAX_AUTHORS = 500;

/** What a paper's url must be: an http(s) URL (validator.js's isURL, through class-validator). */
export const PAPER_URL_OPTIONS = { protocols: ["http", "https"], require_protocol: true, require_tld: false };

export function isPaperUrl(value: string): boolean {
  return value.length <= MAX_URL_LENGTH && isURL(value, PAPER_URL_OPTIONS);
}

/** `value` cut to at most `max` UTF-16 code units, never between the two halves of a surrogate pair. */
export function cutToLength(value: string, max: number): string {
  const head = value.slice(0, max);
  return /[\uD800-\uDBFF]$/.test(head) ? head.slice(0, -1) : head;
}
