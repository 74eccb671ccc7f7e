// How the "similar wording" signal of Paper.related reads a paper's words from its title and abstract: lower-cased,
// split at anything but letters and digits, short words and stop words left out. Written twice, as Cypher
// (wordsCypher: the paper's query terms, picked inside the statement that runs the full-text queries) and in the
// server (textWords: which of them a page's paper shares, read from the title and abstract the page reads anyway), so
// the evidence matches the query only while the two agree: test/integration/text-words.test.ts compares them on every
// paper of a real corpus and on the corner cases below.

/** Words too common in any paper's title or abstract to say what it is about (English and paper boilerplate). */
export const TEXT_STOP_WORDS = [
  "and", "are", "as", "at", "be", "been", "but", "by", "can", "for", "from", "has", "have", "in", "into", "is", "it",
  "its", "not", "of", "on", "or", "such", "that", "the", "their", "then", "there", "these", "they", "this", "to",
  "was", "were", "which", "will", "with", "we", "our", "also", "both", "than", "other", "may", "one", "two", "new",
  "all", "any", "some", "more", "most", "only", "when", "where", "how", "what", "use", "using", "used", "show",
  "shown", "paper", "papers", "study", "results", "result", "based", "present", "presented", "given", "case",
  "cases", "well", "via", "within", "between", "under", "over", "about", "after", "before", "each", "same",
  "very", "however", "here", "find", "found", "obtain", "obtained", "consider", "considered", "discuss",
];

// Characters that separate words in titles and abstracts (LaTeX included); what is left after splitting and is not
// made of letters and digits only is dropped, so a term can never carry Lucene syntax.
const SEPARATORS = [".", ",", ";", ":", "!", "?", "(", ")", "[", "]", "{", "}", "$", "\\", "/", "-", "_", "^", "~",
  "'", '"', "`", "*", "+", "=", "<", ">", "|", "&", "%", "#", "@", "\n", "\r", "\t"];

/**
 * Cypher: the list of words (with repeats) of the paper bound to `v`; an empty list when it has no text, and for a
 * stub: a stub's title is a key, an identifier (journals/corr/1608.06993, doi:10.1103/...) or a link's text, not the
 * paper's wording, and its words ("journals", "corr", "doi") would relate stubs to one another.
 */
export function wordsCypher(v: string): string {
  const text = `toLower(coalesce(${v}.title, '') + ' ' + coalesce(${v}.abstract, ''))`;
  const spaced = SEPARATORS.reduce((expr, c) => `replace(${expr}, ${JSON.stringify(c)}, ' ')`, text);
  const words = `[word IN split(${spaced}, ' ') WHERE size(word) >= 3 AND word =~ '[\\\\p{L}\\\\p{N}]+' AND NOT word IN $stopWords]`;
  return `CASE WHEN ${v}.stub = true THEN [] ELSE ${words} END`;
}

// The separators as one character class, each escaped.
const SEPARATOR_CLASS = new RegExp(`[${SEPARATORS.map((c) => (/[\\\]^-]/.test(c) ? `\\${c}` : c)).join("")}]`, "g");
// Cypher's `=~` matches the whole string, with Java's Unicode categories; `u` makes \p{L} and \p{N} JavaScript's.
const WORD = /^[\p{L}\p{N}]+$/u;
const STOP_WORDS = new Set(TEXT_STOP_WORDS);

/**
 * wordsCypher in the server, for a paper read with its title, abstract and stub: the same words in the same order.
 * Cypher's `size` of a string counts code points, as the spread does here, and `toLower` lower-cases as JavaScript's
 * toLowerCase does. The two read Unicode's categories from their own tables (Java's, V8's): a letter added to Unicode
 * after the older of the two could be a word on one side only.
 */
export function textWords(paper: { title?: string | null; abstract?: string | null; stub?: boolean | null }): string[] {
  if (paper.stub === true) return [];
  const text = `${paper.title ?? ""} ${paper.abstract ?? ""}`.toLowerCase().replace(SEPARATOR_CLASS, " ");
  // `word.length` (UTF-16 units) first: a cheap test that code points, never more than the units, cannot pass.
  return text.split(" ").filter((word) => word.length >= 3 && [...word].length >= 3 && WORD.test(word) && !STOP_WORDS.has(word));
}
