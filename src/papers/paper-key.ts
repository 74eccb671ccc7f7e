// Normalises the identifiers a user may hold for a paper before lookup.

/**
 * Accepts a paper id, an arXiv id in any common spelling, or a DOI in any common spelling, and returns the form
 * stored on papers: "arXiv:1512.03385v2" and "https://arxiv.org/abs/1512.03385" become "1512.03385";
 * "https://doi.org/10.1109/X" and "doi:10.1109/X" become "10.1109/X". Anything else is returned trimmed.
 */
export function normalizePaperKey(raw: string): string {
  const key = raw.trim();
  const arxiv = /^(?:arxiv:|https?:\/\/(?:www\.)?arxiv\.org\/(?:abs|pdf)\/)(\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?\/\d{7})(?:v\d+)?(?:\.pdf)?$/i.exec(key);
  if (arxiv) return arxiv[1];
  const bareArxiv = /^(\d{4}\.\d{4,5})v\d+$/.exec(key);
  if (bareArxiv) return bareArxiv[1];
  const doi = /^(?:doi:|https?:\/\/(?:dx\.)?doi\.org\/)(10\.\d{4,9}\/\S+)$/i.exec(key);
  if (doi) return doi[1];
  return key;
}
