// The datasets in ../shared/data the importer knows, and how a line of each one's papers.jsonl.gz becomes a paper.
// Ids are namespaced `<dataset>:<original id>` (hepth:9201001) so datasets live side by side; docs/importing.md.
import { arxivUrl, datasetPaperId } from "../papers/paper-ids";
import { texToUnicode } from "./formats/bibtex";
import type { ExternalIds } from "./formats/import-record";
import { givenFamily } from "./formats/values";
import type { PaperInputRecord } from "./ingest.repository";

export interface DatasetDefinition {
  /** The folder name, which is also the id namespace. */
  name: string;
  /**
   * The identifier kind the dataset's own ids are, when they are a public one, so a record of another source that
   * carries it (an S2 paper's externalIds.ACL) finds the dataset's paper.
   */
  idKind?: Exclude<keyof ExternalIds, "datasetId">;
  toPaper(raw: Record<string, unknown>): PaperInputRecord;
}

const str = (v: unknown): string | null => (typeof v === "string" && v.trim() !== "" ? v : null);
const int = (v: unknown): number | null => (typeof v === "number" && Number.isInteger(v) ? v : null);

/** citeseer-tape has no title field: its text is the title running straight into the abstract. */
const CITESEER_TITLE_LENGTH = 120;

function leadingWords(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), 1))}…`;
}

export const DATASETS: Record<string, DatasetDefinition> = {
  hepth: {
    name: "hepth",
    toPaper: (r) => ({
      id: datasetPaperId("hepth", r.id as string),
      title: r.title as string,
      abstract: str(r.abstract),
      // TeX accents as the BibTeX parser reads them (T. H\"ubsch is T. Hübsch), so a name matches other sources'.
      authors: ((r.authors_list as string[]) ?? []).map(texToUnicode),
      year: int(r.year),
      venue: str(r.journal_ref),
      arxivId: str(r.arxiv_id),
      url: str(r.arxiv_id) && arxivUrl(r.arxiv_id as string),
    }),
  },
  aan: {
    name: "aan",
    // AAN's ids are the ACL Anthology's (D10-1001; the 54 with a letter suffix, J79-1032b, too).
    idKind: "acl",
    toPaper: (r) => ({
      id: datasetPaperId("aan", r.id as string),
      title: r.title as string,
      // AAN writes "Rush, Alexander M."; other sources, "Alexander M. Rush".
      authors: ((r.authors as string[]) ?? []).map(givenFamily),
      year: int(r.year),
      venue: str(r.venue),
    }),
  },
  "cora-lda": {
    name: "cora-lda",
    // 685 "titles" are postscript URLs with / written as #; they stay the title (nothing better exists) and
    // also become the url. word_counts is a bag of words, not an abstract, and is not stored.
    toPaper: (r) => ({
      id: datasetPaperId("cora-lda", r.id as number),
      title: r.title as string,
      url: r.title_is_url === true ? (r.title as string).replace(/#/g, "/") : null,
    }),
  },
  "citeseer-tape": {
    name: "citeseer-tape",
    toPaper: (r) => ({
      id: datasetPaperId("citeseer-tape", r.id as string),
      title: leadingWords(r.text as string, CITESEER_TITLE_LENGTH),
      abstract: r.text as string,
    }),
  },
};
