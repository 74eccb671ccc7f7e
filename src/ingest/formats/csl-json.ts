// CSL-JSON items (Zotero's "CSL JSON" export, citeproc input) as import records. CSL has no citation links.
import { arxivFromUrl, externalIds, normaliseArxiv } from "./external-ids";
import { ImportItem, ItemSource, RecordError } from "./import-record";
import { array, asRecord, compact, isRecord, isoDate, partialDate, PartialDate, RawRecord, text } from "./values";

const CSL_FIELDS = ["title", "issued", "author", "DOI", "URL", "container-title"];

export function isCslItem(r: RawRecord): boolean {
  return typeof r.type === "string" && "id" in r && CSL_FIELDS.some((f) => f in r);
}

/** `{"date-parts": [[2020, 5]]}` (numbers or numeric strings), or the `raw` / `literal` forms Zotero sometimes writes. */
export function cslDate(v: unknown): PartialDate {
  if (!isRecord(v)) return {};
  const first = array(v["date-parts"])[0];
  if (Array.isArray(first)) return partialDate(first[0], first[1], first[2]);
  return isoDate(v.raw ?? v.literal);
}

function cslName(a: unknown): string | undefined {
  if (!isRecord(a)) return undefined;
  const literal = text(a.literal);
  if (literal) return literal;
  const parts = [a.given, a["dropping-particle"], a["non-dropping-particle"], a.family].map(text).filter((p) => p !== undefined);
  const name = parts.join(" ");
  const suffix = text(a.suffix);
  return name === "" ? undefined : suffix ? `${name} ${suffix}` : name;
}

export function* cslItems(raw: unknown, at: ItemSource): Generator<ImportItem> {
  const item = asRecord(raw, "the item");
  if (typeof item.type !== "string") throw new RecordError("not a CSL item (no type)");
  // Zotero writes arXiv preprints with number "arXiv:2006.06872".
  const arxivNumber = /^arxiv:/i.test(text(item.number) ?? "") ? normaliseArxiv(item.number) : undefined;
  yield {
    kind: "paper",
    ...at,
    paper: compact({
      ids: externalIds({ doi: item.DOI, pubmed: item.PMID, pmcid: item.PMCID, arxiv: arxivNumber ?? arxivFromUrl(item.URL) }),
      title: text(item.title) ?? null,
      abstract: text(item.abstract),
      ...cslDate(item.issued),
      venue: text(item["container-title"]) ?? text(item["event-title"]),
      url: text(item.URL),
      authors: array(item.author).flatMap((a) => cslName(a) ?? []),
    }),
  };
}
