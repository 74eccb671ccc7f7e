// The window of a publication year, one rule for the API's inputs (upsertPaper) and for imports.

export const MIN_YEAR = 1600;

/** Next year, read at validation time so a long-running server moves with the calendar. */
export function maxYear(): number {
  return new Date().getUTCFullYear() + 1;
}

export function isPublicationYear(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= MIN_YEAR && (value as number) <= maxYear();
}
