// The documented id forms of papers and summaries, shared by input validation, link extraction and the importer.

/**
 * A paper id is either
 * - a ShortScience bibtexKey (DBLP style, 2 to 4 slash-separated parts): `journals/corr/1512.03385`,
 *   `conf/nips/GrefenstetteHSB15`, `journals/corr/hep-th/9901001` (an old-style arXiv id), or
 * - a namespaced id `<namespace>:<original id>`: `hepth:9201001`, `aan:D10-1001`, `doi:10.1145/3292500.3330701`.
 */
export const PAPER_ID = /^(?:[A-Za-z][A-Za-z0-9-]*(?:\/[A-Za-z0-9._+-]+){1,3}|[a-z][a-z0-9-]*:[^\s]+)$/;
export const PAPER_ID_HINT = "a paper id such as journals/corr/1512.03385, conf/nips/GrefenstetteHSB15 or hepth:9201001";

/** A summary id: `<namespace>/<name>`, e.g. `shortscience/resnet` or, for summaries added through the API, `summaries/<uuid>`. */
export const SUMMARY_ID = /^[a-z][a-z0-9-]*\/[A-Za-z0-9._-]+$/;
export const SUMMARY_ID_HINT = "a summary id such as shortscience/resnet";

/** arXiv identifiers without version: new style `1512.03385`, old style `hep-th/9901001`. */
export const ARXIV_ID = /^(?:\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?\/\d{7})$/;
export const DOI = /^10\.\d{4,9}\/\S+$/;

/** The id a paper known only by its arXiv id gets: ShortScience's form for arXiv papers. */
export function arxivPaperId(arxivId: string): string {
  return `journals/corr/${arxivId}`;
}

/** The id a paper known only by its DOI gets. */
export function doiPaperId(doi: string): string {
  return `doi:${doi}`;
}

/** Dataset papers live side by side under `<dataset>:<original id>`, e.g. hepth:9201001. */
export function datasetPaperId(dataset: string, originalId: string | number): string {
  return `${dataset}:${originalId}`;
}
