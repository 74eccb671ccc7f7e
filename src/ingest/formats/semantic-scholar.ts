// Semantic Scholar as import records: Graph API paper objects (camelCase, nested citations/references) and the
// S2AG dataset lines (lower-case papers and citations files).
import { externalIds, hasAnyId } from "./external-ids";
import { ExternalIds, ImportItem, ImportPaper, ItemSource, RecordError } from "./import-record";
import { array, asRecord, compact, isRecord, RawRecord, text, yearAndDate } from "./values";

export function isS2agLine(r: RawRecord): boolean {
  return "citingcorpusid" in r || "citedcorpusid" in r || "corpusid" in r || "externalids" in r;
}

export function isS2GraphPaper(r: RawRecord): boolean {
  return "paperId" in r || "externalIds" in r || "corpusId" in r;
}

function graphIds(p: RawRecord): ExternalIds {
  const ext = isRecord(p.externalIds) ? p.externalIds : isRecord(p.externalids) ? p.externalids : {};
  return externalIds(
    { s2: p.paperId ?? p.url, corpusId: p.corpusId ?? p.corpusid },
    {
      doi: ext.DOI,
      arxiv: ext.ArXiv,
      mag: ext.MAG,
      dblp: ext.DBLP,
      pubmed: ext.PubMed,
      pmcid: ext.PubMedCentral,
      acl: ext.ACL,
      corpusId: ext.CorpusId,
    },
  );
}

/** The paper fields both spellings share (Graph API camelCase and S2AG lower-case differ only in the ids and the date). */
function s2Paper(p: RawRecord, ids: ExternalIds, publicationDate: unknown): ImportPaper {
  const venue = isRecord(p.publicationVenue) ? p.publicationVenue : undefined;
  const journal = isRecord(p.journal) ? p.journal : undefined;
  return compact({
    ids,
    title: text(p.title) ?? null,
    abstract: text(p.abstract),
    ...yearAndDate(p.year, publicationDate),
    venue: text(p.venue) ?? text(venue?.name) ?? text(journal?.name),
    url: text(p.url),
    authors: array(p.authors).flatMap((a) => {
      const name = isRecord(a) ? text(a.name) : undefined;
      return name ? [name] : [];
    }),
    references: undefined as ExternalIds[] | undefined,
  });
}

/**
 * A Graph API paper and the papers nested in it. Nesting implies edges: each nested citation cites the root (a
 * citation item), the root cites each nested reference (the root's `references`). Nested papers carry no lists
 * of their own, so their `references` stay absent. A nested paper without any id (an unresolved bibliography
 * string) is a "skipped" item.
 */
export function* s2GraphItems(raw: unknown, at: ItemSource): Generator<ImportItem> {
  const root = asRecord(raw, "the paper");
  const ids = graphIds(root);
  if (!hasAnyId(ids)) throw new RecordError("a paper without paperId, corpusId or externalIds");
  const nested: { paper: ImportPaper; at: ItemSource }[] = [];
  const edges: ImportItem[] = [];
  const skipped: ImportItem[] = [];
  const errors: ImportItem[] = [];
  const references: ExternalIds[] = [];

  for (const list of ["citations", "references"] as const) {
    for (const [i, entry] of array(root[list]).entries()) {
      const nestedAt = { file: at.file, location: at.location === "document" ? `${list}[${i}]` : `${at.location} ${list}[${i}]` };
      // The /citations and /references endpoints wrap each paper as {citingPaper} or {citedPaper}.
      const wrapped = isRecord(entry) ? (entry.citingPaper ?? entry.citedPaper ?? entry) : entry;
      if (!isRecord(wrapped)) {
        errors.push({ kind: "error", ...nestedAt, message: `a nested paper is ${wrapped === null ? "null" : typeof wrapped}, not an object` });
        continue;
      }
      const paperIds = graphIds(wrapped);
      if (!hasAnyId(paperIds)) {
        const title = text(wrapped.title);
        skipped.push({ kind: "skipped", ...nestedAt, message: `${list === "citations" ? "citing" : "cited"} work without an id${title ? `: "${title}"` : ""}` });
        continue;
      }
      nested.push({ paper: s2Paper(wrapped, paperIds, wrapped.publicationDate), at: nestedAt });
      if (list === "references") references.push(paperIds);
      else edges.push({ kind: "citation", ...nestedAt, citation: { from: paperIds, to: ids } });
    }
  }
  const paper = s2Paper(root, ids, root.publicationDate);
  if (Array.isArray(root.references)) paper.references = references;
  yield { kind: "paper", ...at, paper };
  for (const n of nested) yield { kind: "paper", ...n.at, paper: n.paper };
  yield* edges;
  yield* skipped;
  yield* errors;
}

/** One line of an S2AG papers file or citations file (the kind is told per line). */
export function* s2agItems(raw: unknown, at: ItemSource): Generator<ImportItem> {
  const r = asRecord(raw, "the line");
  if ("citingcorpusid" in r || "citedcorpusid" in r) {
    const from = externalIds({ corpusId: r.citingcorpusid });
    const to = externalIds({ corpusId: r.citedcorpusid });
    if (!from.corpusId && r.citingcorpusid != null) throw new RecordError(`citingcorpusid ${JSON.stringify(r.citingcorpusid)} is not a corpus id`);
    if (!to.corpusId && r.citedcorpusid != null) throw new RecordError(`citedcorpusid ${JSON.stringify(r.citedcorpusid)} is not a corpus id`);
    if (!from.corpusId || !to.corpusId) {
      yield { kind: "skipped", ...at, message: `${from.corpusId ? "cited" : "citing"} work not matched to an S2 paper (corpus id null)` };
      return;
    }
    yield { kind: "citation", ...at, citation: { from, to } };
    return;
  }
  // Other S2AG datasets (abstracts, authors, tldrs) also have corpusid; only papers lines have a title.
  if (!("title" in r)) throw new RecordError("not an S2AG papers or citations line (no title, no citingcorpusid)");
  const ids = graphIds(r);
  if (!ids.corpusId) throw new RecordError(`corpusid ${JSON.stringify(r.corpusid)} is not a corpus id`);
  yield { kind: "paper", ...at, paper: s2Paper(r, ids, r.publicationdate) };
}
