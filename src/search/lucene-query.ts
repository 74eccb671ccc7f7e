// Turns what a user typed into a Lucene query that cannot fail to parse: every word becomes a quoted term.

/**
 * Words are split on whitespace and each is wrapped in double quotes, with `"` and `\` inside escaped: inside a
 * quoted term Lucene's parser reads no other syntax, so `title:(`, `*`, `~`, `AND`, `[` or `/` are plain text for
 * the index's analyzer. Words joined by spaces are alternatives (OR): papers matching more of them score higher.
 * Returns null when nothing searchable is left (only whitespace).
 */
export function toLuceneQuery(text: string): string | null {
  const words = text.split(/\s+/).filter((w) => w.length > 0);
  if (words.length === 0) return null;
  return words.map((w) => `"${w.replace(/["\\]/g, "\\$&")}"`).join(" ");
}
