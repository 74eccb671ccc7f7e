// The bounds of a paper's fields, one rule for the API's input (PaperInput's decorators) and for imports
// (withinBounds of src/ingest/corpus-import.ts).
import { isURL } from "class-validator";

export const MAX_TITLE_LENGTH = 1000;
export const MAX_ABSTRACT_LENGTH = 100_000;
export const MAX_VENUE_LENGTH = 300;
export const MAX_URL_LENGTH = 2000;
export const MAX_AUTHORS = 500;

/** What a paper's url must be: an http(s) URL (validator.js's isURL, through class-validator). */
export const PAPER_URL_OPTIONS = { protocols: ["http", "https"], require_protocol: true, require_tld: false };

export function isPaperUrl(value: string): boolean {
  return value.length <= MAX_URL_LENGTH && isURL(value, PAPER_URL_OPTIONS);
}
