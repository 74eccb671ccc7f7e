// Turns what a user typed into a Lucene query that cannot fail to parse: only its words, lower-cased terms.

/**
 * Keeps the runs of letters and digits and drops everything else, so `title:(`, `"`, `*`, `~`, `\`, `[` or `/`
 * never reach Lucene's parser. Words are lower-cased: Lucene's operators AND, OR and NOT are upper-case only, so
 * they are searched as text, and the index's analyser lower-cases anyway. Plain terms rather than quoted phrases:
 * a one-word phrase matches the same documents but makes Lucene read positions, which costs more (measured:
 * bench/README.md#first-round-the-hot-path). Words are alternatives (Lucene's default OR): papers matching more
 * of them score higher. Returns null when no word is left (the query was only punctuation).
 */
export function toLuceneQuery(text: string): string | null {
  const words = text.match(/[\p{L}\p{N}]+/gu);
  if (!words) return null;
  return words.map((w) => w.toLowerCase()).join(" ");
}
