// The normalised records every import format parses into: papers, citation edges, and what could not be read.
// The importer (corpus-import.ts) merges identities across sources from `ExternalIds` and writes the rest.

/**
 * Every identifier a source gives for one work, normalised (see external-ids.ts): only the keys with a value are
 * present. A record may have none (a BibTeX entry without doi or eprint); its location is then its only handle.
 */
export interface ExternalIds {
  /** Lower-case, without https://doi.org/: `10.1145/3383583.3398584`. */
  doi?: string;
  /** Without version: `1512.03385`, `hep-th/9901001`; also taken from arXiv DOIs `10.48550/arXiv.1512.03385`. */
  arxiv?: string;
  /** `W3046863325`. */
  openalex?: string;
  /** Semantic Scholar paperId, 40 lower-case hex digits. */
  s2?: string;
  /** Semantic Scholar CorpusId, as a string (the API gives an int, the S2AG files a string). */
  corpusId?: string;
  /** DBLP key: `journals/x/Turing50`. */
  dblp?: string;
  /** PubMed id, digits. */
  pubmed?: string;
  /** PubMed Central id with its prefix: `PMC4587898`. */
  pmcid?: string;
  /** Microsoft Academic Graph id, digits. */
  mag?: string;
  /** ACL Anthology id: `P19-1001`. */
  acl?: string;
  /** A paper of a bundled dataset folder, namespaced as the existing importer does: `hepth:9201001`. */
  datasetId?: string;
}

export interface ImportPaper {
  ids: ExternalIds;
  /** Null only where the source has none (one OpenAlex work in the samples). */
  title: string | null;
  abstract?: string;
  year?: number;
  month?: number;
  day?: number;
  venue?: string;
  url?: string;
  /** Display names in source order, "Given Family". */
  authors: string[];
  /**
   * The works this record says it cites, when the record carries its own reference list (OpenAlex
   * `referenced_works`, a Semantic Scholar paper's nested `references`). Absent when the source does not say:
   * BibTeX and CSL-JSON have no citations, and S2AG and dataset-folder edges come as separate citation items.
   * References without any identifier are not listed; they become "skipped" items.
   */
  references?: ExternalIds[];
}

/** An edge given apart from a paper record: `from` cites `to`. */
export interface ImportCitation {
  from: ExternalIds;
  to: ExternalIds;
}

/** Where an item came from, for reports: `line 12`, `results[3]`, `line 1 citations[17]`, `@gemici2016 (line 880)`. */
export interface ItemSource {
  file: string;
  location: string;
}

export type ImportItem =
  /** `warnings`: what of the record was left out or cut, and why (a BibTeX field naming an undefined @string). */
  | ({ kind: "paper"; paper: ImportPaper; warnings?: string[] } & ItemSource)
  | ({ kind: "citation"; citation: ImportCitation } & ItemSource)
  /** Well-formed but nothing to import: a citation to a work the source could not identify. */
  | ({ kind: "skipped"; message: string } & ItemSource)
  /** A malformed record; parsing went on with the next one. */
  | ({ kind: "error"; message: string } & ItemSource);

export const IMPORT_FORMATS = ["openalex", "s2-graph", "s2ag", "bibtex", "csl-json", "dataset"] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** How each format is named to people, in the order the refusal sentence lists them. */
export const FORMAT_NAMES: Record<ImportFormat, string> = {
  openalex: "OpenAlex works (a /works page, a JSON array or JSON Lines)",
  "s2-graph": "Semantic Scholar Graph API papers (an object, an array or JSON Lines)",
  s2ag: "Semantic Scholar S2AG dataset papers or citations (JSON Lines)",
  bibtex: "BibTeX",
  "csl-json": "CSL-JSON (e.g. a Zotero export)",
  dataset: "a dataset folder (papers.jsonl.gz and citations.tsv.gz)",
};

/** A file or folder the importer cannot read at all (as opposed to a malformed record inside a readable one). */
export class ImportFormatError extends Error {
  constructor(readonly file: string, message: string) {
    super(`${file}: ${message}`);
    this.name = "ImportFormatError";
  }
}

/** Thrown by a format's record mapper; becomes an "error" item at that record's location. */
export class RecordError extends Error {}
