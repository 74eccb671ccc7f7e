// Turns what a user typed into a Lucene query that cannot fail to parse: only its words, each a quoted term.

/**
 * Keeps the runs of letters and digits and drops everything else, so `title:(`, `"`, `*`, `~`, `\`, `[` or `/`
 * never reach Lucene's parser; each word is then quoted, so words such as AND, OR and NOT are searched as text
 * too. Words are alternatives (Lucene's default OR): papers matching more of them score higher. Returns null when
 * no word is left (the query was only punctuation).
 */
export function toLuceneQuery(text: string): string | null {
  const words = text.match(/[\p{L}\p{N}]+/gu);
  if (!words) return null;
  return words.map((w) => `"${w}"`).join(" ");
}
