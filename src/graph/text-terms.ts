// How the "similar wording" signal of Paper.related reads a paper's words, as Cypher over its title and abstract:
// lower-cased, split at anything but letters and digits, short words and stop words left out. The same expression
// picks the paper's query terms and finds which of them a candidate shares, so the evidence matches the query.

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
