// Cypher for papers and the edges between them. Every list query is batched over $ids and paged by keyset.
import type { Database } from "../neo4j/database";
import { Group, Page, readGroups } from "../neo4j/page";
import { perProjection, projectionValues, statementCache } from "../neo4j/projection";
import { int, Row } from "../neo4j/values";
import { SelectedSummary, summaryFromValues, SummaryProjection } from "../summaries/summary.record";
import { summaryPage } from "../summaries/summary.repository";
import { IDENTIFIER_KINDS, IDENTIFIER_PROPERTY, identifiersOfKey, UNIQUE_IDENTIFIER_KINDS } from "./paper-identity";
import { doiKey } from "./paper-ids";
import {
  ExternalIdRecord,
  PAPER_PROPERTIES,
  PaperProjection,
  PaperProperty,
  paperFromValues,
  PaperStatsRecord,
  paperValues,
  readPaperGroups,
  SeeAlsoLinkRecord,
  SelectedPaper,
} from "./paper.record";

export interface PaperListQuery {
  /** Only the papers these keys name (see normalizePaperKey: any id form); all papers when absent. */
  keys?: string[];
  after: string;
  limit: number;
}

export interface PaperFilter {
  yearFrom?: number;
  yearTo?: number;
  hasSummary?: boolean;
  authorName?: string;
}

export type PaperSortOrder = "ID" | "CITATIONS" | "YEAR" | "TITLE";

/** Where a page of an ordered list starts: after the item with this sort value and id. */
export interface PaperKeyset {
  value: string | number;
  id: string;
}

export interface OrderedPaperListQuery {
  ids?: string[];
  filter: PaperFilter;
  orderBy: PaperSortOrder;
  after: PaperKeyset | null;
  limit: number;
}

/** A first page of one of a listed paper's own lists: its size and the properties of its items. */
export interface FirstPageQuery<P> {
  first: number;
  props: P;
}

/** A first page of papers, whose items may come with the first pages of their own lists (`pages`). */
export interface FirstCitationPageQuery extends FirstPageQuery<PaperProjection> {
  pages?: FirstPagesQuery;
}

/**
 * The lists of each listed paper whose first page a list statement reads along with the papers (one statement
 * instead of one more per list), each as its field resolver would read it through its loader.
 */
export interface FirstPagesQuery {
  summaries?: FirstPageQuery<SummaryProjection>;
  references?: FirstCitationPageQuery;
  citedBy?: FirstCitationPageQuery;
}

/**
 * What a list statement read of a paper's lists: those the FirstPagesQuery asked for, and only those; each paper of
 * a page with the first pages of its own lists that the query asked for (none: empty).
 */
export interface FirstPages {
  summaries?: SelectedSummary[];
  references?: ListedPaper[];
  citedBy?: ListedPaper[];
}

/** A paper of a list, with the first pages of its lists. */
export interface ListedPaper {
  paper: SelectedPaper;
  pages: FirstPages;
}

const IDENTIFIER_PROPERTIES = IDENTIFIER_KINDS.map((k) => IDENTIFIER_PROPERTY[k]);
const IDENTIFIERS_BY_PAPER_IDS = `
UNWIND $ids AS id
MATCH (p:Paper {id: id})
RETURN id AS key, ${projectionValues("p", IDENTIFIER_PROPERTIES)} AS values`;

const FIND_BY_IDS = perProjection<PaperProperty>((props) => `
UNWIND $ids AS id
MATCH (p:Paper {id: id})
RETURN id AS key, ${paperValues("p", props)} AS paper`);

/**
 * The papers known under any of a ref's identifiers ($refs: PaperIdentifiers, plus whatever the caller returns),
 * as `ref` and `p`, each paper once per ref; a null identifier matches nothing. Paper lookups and the summary
 * writer's link resolution both start with it. One index seek per identifier kind: a UNION keeps each of them
 * index-backed, where an OR would not.
 */
const PAPERS_OF_REF = `CALL (ref) {
  MATCH (p:Paper {id: ref.id}) RETURN p
  UNION
  MATCH (p:Paper {arxivId: ref.arxivId}) RETURN p
  UNION
  MATCH (p:Paper {doi: toLower(ref.doi)}) RETURN p
${UNIQUE_IDENTIFIER_KINDS.map((kind) => `  UNION\n  MATCH (p:Paper {${IDENTIFIER_PROPERTY[kind]}: ref.${IDENTIFIER_PROPERTY[kind]}}) RETURN p\n`).join("")}}`;
export const MATCH_PAPERS_BY_IDENTIFIERS = `
UNWIND $refs AS ref
${PAPERS_OF_REF}`;

// The papers each key names, as `ref` and `p` (no row for a key no paper has). A key that is a paper's id names that
// paper; only a key that is no id is looked up as the other identifiers. So the common case costs one index seek
// per key, not one per identifier kind (bench/README.md#third-round-neo4js-share), and a key that is one paper's id
// and another's arXiv id or DOI names the first, not whichever row came last.
export const PAPERS_OF_KEYS = `
UNWIND $refs AS ref
OPTIONAL MATCH (byId:Paper {id: ref.id})
CALL (ref, byId) {
  WITH byId WHERE byId IS NOT NULL
  RETURN byId AS p
  UNION ALL
  WITH ref WHERE byId IS NULL
  ${PAPERS_OF_REF.replace(/\n/g, "\n  ")}
  RETURN p
}`;

export type CitationDirection = "references" | "citedBy";
export const CITATION_DIRECTIONS: readonly CitationDirection[] = ["references", "citedBy"];

// Per direction: the stored count (exact, schema-setup.ts PAPER_COUNTS) that skips a paper with nothing in that
// direction without walking its edges, and the rows `r` of a page in id order after `after`, cut at `limit`.
// A paper's references are walked and sorted (a paper cites tens of papers); its citers come from the index
// cites_cited_citing in (citedId, citingId) order, which Neo4j reads up to the page's last row and no further: a
// hub's citers are thousands, and walking them meant reading and sorting every one (schema-setup.ts CITES_END_IDS;
// bench/README.md, Q4 at M). The seek needs a predicate on both of the index's properties (`c.citingId > after`,
// "" on a first page): with citedId alone, Neo4j scans every CITES edge. The SEEK hint keeps it from the other plan
// it sometimes chose on a small store: a scan of the whole index in its order, filtered by citedId, which at scale
// reads every entry before the paper's (test/integration/stored-counts.test.ts reads the plans).
/** The Cypher names a page of citations reads: the paper `p`, its id as the seek of citers reads it, the rows `r`. */
interface CitationNames {
  p: string;
  id: string;
  r: string;
}

const CITATION_WALKS: Record<CitationDirection, { count: string; page: (after: string, limit: string, names: CitationNames) => string }> = {
  references: {
    count: "referenceCount",
    page: (after, limit, { p, r }) => `MATCH (${p})-[:CITES]->(${r}:Paper) WHERE ${r}.id > ${after}
  WITH ${r} ORDER BY ${r}.id LIMIT ${limit}`,
  },
  citedBy: {
    count: "citationCount",
    page: (after, limit, { id, r }) => `MATCH ()-[c:CITES]->() USING INDEX SEEK c:CITES(citedId, citingId)
  WHERE c.citedId = ${id} AND c.citingId > ${after}
  WITH c ORDER BY c.citedId, c.citingId LIMIT ${limit}
  WITH startNode(c) AS ${r}`,
  },
};

/**
 * A page of paper `p`'s citations in one direction as rows of `r`, in id order: the first `limit` after the id
 * `after` (both Cypher expressions), the RETURN left to the caller. `id` is p's id as the index seek of citers
 * reads it (below; `p.id` by default). The one text of this read: the batch below and the list statements that read
 * first pages along use it (a nested first page with other names).
 */
const citationRows = (direction: CitationDirection, after: string, limit: string, names: Partial<CitationNames> = {}) => {
  const { p = "p", r = "r", id = `${p}.id` } = names;
  return `WITH ${p} WHERE ${p}.${CITATION_WALKS[direction].count} > 0
  ${CITATION_WALKS[direction].page(after, limit, { p, id, r })}`;
};

// Both directions of CITES in one statement: a key is "O<id>" (what the paper cites) or "I<id>" (what cites it),
// so `references` and `citedBy` selected at one nesting level cost one round-trip together, not one each. Neo4j's
// planner puts the `left(key, 1) = "I"` filter after the index seek of citers, so an "O" key of a hub would read all
// its citers before being dropped; the seek's id is null for "O" keys, and such a seek reads nothing (measured on the
// M store: 162,862 db hits for 10 hubs in both directions, 707 with it).
const CITATIONS_BY_PAPER_KEYS = perProjection<PaperProperty>((props) => `
UNWIND $ids AS key
MATCH (p:Paper {id: substring(key, 1)})
CALL (p, key) {
  WITH p, key WHERE left(key, 1) = "O"
  ${citationRows("references", "$after", "$limit")}
  RETURN r
  UNION ALL
  WITH p, key WHERE left(key, 1) = "I"
  ${citationRows("citedBy", "$after", "$limit", { id: 'CASE WHEN left(key, 1) = "I" THEN p.id END' })}
  RETURN r
}
WITH key, r ORDER BY r.id
RETURN key, collect(${paperValues("r", props)}) AS items`);

/** No first pages: a plain read of papers. */
export const NO_PAGES: FirstPagesQuery = Object.freeze({});

// A first page read along with the papers `p` of a list: the parameter of each list's size. A nested page's
// parameter is prefixed by the lists it is under ("references_citedByFirst"), and its column and row variable are
// suffixed by its depth below the listed paper ("citedBy1", "r1"; a column is seen only inside its parent list's
// subquery). The top level has neither: the texts the statements had before nesting.
const FIRST_PAGE_SIZES = { summaries: "summariesFirst", references: "referencesFirst", citedBy: "citedByFirst" } as const;
const FIRST_PAGE_LISTS = Object.keys(FIRST_PAGE_SIZES) as Array<keyof FirstPagesQuery>;
const atDepth = (name: string, depth: number) => (depth === 0 ? name : `${name}${depth}`);
const askedLists = (pages: FirstPagesQuery) => FIRST_PAGE_LISTS.filter((list) => pages[list]);
/** The first pages asked of the papers of a list's first page (summaries have none). */
const nestedPages = (pages: FirstPagesQuery, list: keyof FirstPagesQuery) => (list === "summaries" ? undefined : pages[list]?.pages);

/** What names a FirstPagesQuery's statement text: the lists asked for and their projections (sizes are parameters). */
export const firstPagesKey = (pages: FirstPagesQuery = NO_PAGES): string =>
  FIRST_PAGE_LISTS.map((list) => {
    const page = pages[list];
    if (!page) return "-";
    const nested = nestedPages(pages, list);
    return nested ? `${page.props.join(",")}(${firstPagesKey(nested)})` : page.props.join(",");
  }).join("/");

/**
 * The CALL subqueries that read the asked first pages of the paper `p` of each row, one column per list (named as
 * the list at the top), with the same order, size and stored-count guards as the loaders' batches; "" when none is
 * asked. A page of papers whose items have pages asked reads those in the same way, nested, one level deeper: each
 * item a list of its values and its own pages' columns.
 */
export function firstPagesCalls(pages: FirstPagesQuery = NO_PAGES, p = "p", depth = 0, under = ""): string {
  const calls: string[] = [];
  if (pages.summaries) calls.push(summaryPage(pages.summaries.props, atDepth("summaries", depth), `$${under}${FIRST_PAGE_SIZES.summaries}`, null, p));
  for (const direction of CITATION_DIRECTIONS) {
    const page = pages[direction];
    if (!page) continue;
    const r = atDepth("r", depth);
    const values = paperValues(r, page.props);
    const nested = page.pages;
    // Each item's own pages, then the items in id order again: each item is [its values, its pages' columns].
    const columns = nested ? askedLists(nested).map((list) => atDepth(list, depth + 1)) : [];
    const items = nested
      ? `
  ${firstPagesCalls(nested, r, depth + 1, `${under}${direction}_`).replace(/\n/g, "\n  ")}
  WITH ${[r, ...columns].join(", ")} ORDER BY ${r}.id`
      : "";
    calls.push(`CALL (${p}) {
  ${citationRows(direction, '""', `$${under}${FIRST_PAGE_SIZES[direction]}`, { p, r })}${items}
  RETURN collect(${nested ? `[${[values, ...columns].join(", ")}]` : values}) AS ${atDepth(direction, depth)}
}`);
  }
  return calls.join("\n");
}

/** A listed paper in a row of a statement of papers: its `paper` column read with `props`, and its first pages. */
export function listedFromRow(row: Row, props: PaperProjection, pages: FirstPagesQuery = NO_PAGES): ListedPaper {
  return { paper: paperFromValues(row.paper, props), pages: firstPagesFromRow(row, pages) };
}

/** The columns firstPagesCalls adds, by name: to carry them through a WITH. */
export const firstPagesColumnNames = (pages: FirstPagesQuery = NO_PAGES): string[] => askedLists(pages);

/** The columns firstPagesCalls adds, to carry into a RETURN: ", summaries, references" or "". */
export const firstPagesColumns = (pages: FirstPagesQuery = NO_PAGES) => askedLists(pages).map((list) => `, ${list}`).join("");

/** The parameters of firstPagesCalls: each asked page's size. */
export function firstPagesParams(pages: FirstPagesQuery = NO_PAGES, under = "", params: Record<string, unknown> = {}): Record<string, unknown> {
  for (const list of FIRST_PAGE_LISTS) {
    const page = pages[list];
    if (!page) continue;
    params[`${under}${FIRST_PAGE_SIZES[list]}`] = int(page.first);
    const nested = nestedPages(pages, list);
    if (nested) firstPagesParams(nested, `${under}${list}_`, params);
  }
  return params;
}

/** The first pages in a row of a statement with firstPagesCalls. */
export function firstPagesFromRow(row: Row, pages: FirstPagesQuery = NO_PAGES, depth = 0): FirstPages {
  const read: FirstPages = {};
  const summaries = pages.summaries;
  if (summaries) read.summaries = (row[atDepth("summaries", depth)] as unknown[]).map((v) => summaryFromValues(v, summaries.props));
  for (const direction of CITATION_DIRECTIONS) {
    const page = pages[direction];
    if (!page) continue;
    const values = row[atDepth(direction, depth)] as unknown[];
    const nested = page.pages;
    if (!nested) {
      read[direction] = values.map((v) => ({ paper: paperFromValues(v, page.props), pages: {} }));
      continue;
    }
    const columns = askedLists(nested).map((list) => atDepth(list, depth + 1));
    read[direction] = values.map((v) => {
      const [paper, ...lists] = v as unknown[];
      const nestedRow: Row = Object.fromEntries(columns.map((column, i) => [column, lists[i]]));
      return { paper: paperFromValues(paper, page.props), pages: firstPagesFromRow(nestedRow, nested, depth + 1) };
    });
  }
  return read;
}

/** What a statement of papers reads: their properties and the first pages of their lists. */
interface Listing {
  props: PaperProjection;
  pages: FirstPagesQuery;
}

/** A statement of papers per Listing, each text made once (statementCache). */
const perListing = (statement: (listing: Listing) => string) =>
  statementCache(statement, ({ props, pages }) => `${props.join(",")}|${firstPagesKey(pages)}`);

/**
 * The end of a list statement over rows of `p` (and the `carried` columns): ordered by `order`, cut at $limit, and
 * with first pages asked, those read for the papers of the page alone, after the cut.
 */
function listEnd(order: string, { props, pages }: Listing, carried: readonly string[] = []): string {
  const columns = [`${paperValues("p", props)} AS paper`, ...carried].join(", ");
  const calls = firstPagesCalls(pages);
  if (!calls) return `RETURN ${columns} ORDER BY ${order} LIMIT $limit`;
  return `WITH ${["p", ...carried].join(", ")} ORDER BY ${order} LIMIT $limit
${calls}
RETURN ${columns}${firstPagesColumns(pages)} ORDER BY ${order}`;
}

// The papers some keys name, each with the first pages of its lists asked for (none by default).
const FIND_BY_KEYS = perListing(({ props, pages }) => {
  const calls = firstPagesCalls(pages);
  return `${PAPERS_OF_KEYS}${calls && `\n${calls}`}
RETURN ref.id AS key, ${paperValues("p", props)} AS paper${firstPagesColumns(pages)}`;
});

// The list of the papers some keys name: the keys resolved in the same statement, not in one before it.
const LIST_BY_KEYS = perListing((listing) => `${PAPERS_OF_KEYS}
WITH DISTINCT p WHERE p.id > $after
${listEnd("p.id", listing)}`);

const COUNT_BY_KEYS = `${PAPERS_OF_KEYS}
RETURN count(DISTINCT p) AS n`;

/** The $refs of PAPERS_OF_KEYS: each key tried as an id, an arXiv id, a DOI and the other identifiers. */
export const refsOfKeys = (keys: readonly string[]) => keys.map((key) => ({ id: key, arxivId: key, doi: doiKey(key), ...identifiersOfKey(key) }));

// `p.id > $after` with $after = "" is an index range seek that also yields id order, so LIMIT stops early.
const LIST = perListing((listing) => `
MATCH (p:Paper) WHERE p.id > $after
${listEnd("p.id", listing)}`);

const COUNT = `MATCH (p:Paper) RETURN count(p) AS n`;

// Filters for the ordered list and its count; every condition is off when its parameter is null.
const FILTERED = `
MATCH (p:Paper)
WHERE ($ids IS NULL OR p.id IN $ids)
  AND ($yearFrom IS NULL OR p.year >= $yearFrom)
  AND ($yearTo IS NULL OR p.year <= $yearTo)
  AND ($hasSummary IS NULL OR EXISTS { (p)<-[:SUMMARIZES]-(:Summary) } = $hasSummary)
  AND ($authorName IS NULL OR EXISTS { (p)<-[:AUTHORED]-(:Person {name: $authorName}) })`;

// The sort expressions and directions, a fixed allow-list; ties always fall back to id ascending.
const SORTS: Record<PaperSortOrder, { key: string; descending: boolean }> = {
  ID: { key: "p.id", descending: false },
  CITATIONS: { key: "p.citationCount", descending: true },
  YEAR: { key: "coalesce(p.year, 0)", descending: true },
  TITLE: { key: "p.title", descending: false },
};

const LIST_ORDERED = Object.fromEntries(
  Object.entries(SORTS).map(([order, { key, descending }]) => [
    order,
    perListing(
      (listing) => `${FILTERED}
WITH p, ${key} AS sortKey
WHERE $after IS NULL OR sortKey ${descending ? "<" : ">"} $after.value OR (sortKey = $after.value AND p.id > $after.id)
${listEnd(`sortKey ${descending ? "DESC" : "ASC"}, p.id`, listing, ["sortKey"])}`,
    ),
  ]),
) as Record<PaperSortOrder, (listing: Listing) => string>;

const COUNT_FILTERED = `${FILTERED}
RETURN count(p) AS n`;

const SEE_ALSO_BY_PAPER_IDS = perProjection<PaperProperty>((props) => `
UNWIND $ids AS id
MATCH (p:Paper {id: id})
CALL (p) {
  MATCH (p)-[s:SEE_ALSO]->(o:Paper) WHERE o.id > $after
  RETURN o, s ORDER BY o.id LIMIT $limit
}
WITH id, o, s ORDER BY o.id
RETURN id AS key, collect({paper: ${paperValues("o", props)}, note: s.note, source: s.source, createdBy: s.createdBy, createdAt: s.createdAt}) AS items`);

// The counts every writer keeps on the paper (src/neo4j/schema-setup.ts PAPER_COUNTS).
const STATS_BY_PAPER_IDS = `
UNWIND $ids AS id
MATCH (p:Paper {id: id})
RETURN id AS key, p.citationCount AS citationCount, p.referenceCount AS referenceCount,
       p.seeAlsoCount AS seeAlsoCount, p.summaryCount AS summaryCount`;

/** The key of one paper's list in one direction, as findCitationsByPaperKeys expects it. */
export function citationKey(direction: CitationDirection, paperId: string): string {
  return (direction === "references" ? "O" : "I") + paperId;
}

function filterParams(ids: string[] | undefined, f: PaperFilter): Record<string, unknown> {
  return {
    ids: ids ?? null,
    yearFrom: f.yearFrom == null ? null : int(f.yearFrom),
    yearTo: f.yearTo == null ? null : int(f.yearTo),
    hasSummary: f.hasSummary ?? null,
    authorName: f.authorName ?? null,
  };
}

export class PaperRepository {
  constructor(private readonly db: Database) {}

  async findByIds(ids: readonly string[], props: PaperProjection = PAPER_PROPERTIES): Promise<Array<{ key: string; paper: SelectedPaper }>> {
    const rows = await this.db.read(FIND_BY_IDS(props), { ids: [...ids] });
    return rows.map((r) => ({ key: r.key as string, paper: paperFromValues(r.paper, props) }));
  }

  /**
   * Looks papers up by key (see normalizePaperKey), each key tried as an id, an arXiv id, a DOI and the other
   * identifiers; each paper with the first pages of its lists that `pages` asks for.
   */
  async findByKeys(
    keys: readonly string[],
    props: PaperProjection = PAPER_PROPERTIES,
    pages: FirstPagesQuery = NO_PAGES,
  ): Promise<Array<{ key: string } & ListedPaper>> {
    const rows = await this.db.read(FIND_BY_KEYS({ props, pages }), { refs: refsOfKeys(keys), ...firstPagesParams(pages) });
    return rows.map((r) => ({ key: r.key as string, ...listedFromRow(r, props, pages) }));
  }

  /** A page of papers in id order, with the first pages of their lists that `pages` asks for. */
  async list({ keys, after, limit }: PaperListQuery, props: PaperProjection = PAPER_PROPERTIES, pages: FirstPagesQuery = NO_PAGES): Promise<ListedPaper[]> {
    const rows = await this.db.read((keys ? LIST_BY_KEYS : LIST)({ props, pages }), {
      refs: keys ? refsOfKeys(keys) : null,
      after,
      limit: int(limit),
      ...firstPagesParams(pages),
    });
    return rows.map((r) => listedFromRow(r, props, pages));
  }

  /** All papers, or those the keys name (as list). */
  async count(keys?: string[]): Promise<number> {
    const [row] = await this.db.read(keys ? COUNT_BY_KEYS : COUNT, { refs: keys ? refsOfKeys(keys) : null });
    return row.n as number;
  }

  /**
   * A filtered and/or ordered page, with the first pages `pages` asks for; each item comes with its sort value, which
   * the next page's keyset needs.
   */
  async listOrdered(
    q: OrderedPaperListQuery,
    props: PaperProjection = PAPER_PROPERTIES,
    pages: FirstPagesQuery = NO_PAGES,
  ): Promise<Array<ListedPaper & { sortKey: string | number }>> {
    const after = q.after && { value: typeof q.after.value === "number" ? int(q.after.value) : q.after.value, id: q.after.id };
    const rows = await this.db.read(LIST_ORDERED[q.orderBy]({ props, pages }), {
      ...filterParams(q.ids, q.filter),
      after,
      limit: int(q.limit),
      ...firstPagesParams(pages),
    });
    return rows.map((r) => ({ ...listedFromRow(r, props, pages), sortKey: r.sortKey as string | number }));
  }

  async countFiltered(ids: string[] | undefined, filter: PaperFilter): Promise<number> {
    const [row] = await this.db.read(COUNT_FILTERED, filterParams(ids, filter));
    return row.n as number;
  }

  /** Keys from citationKey(): each paper's references ("O") or citers ("I"), in id order, paged per key. */
  findCitationsByPaperKeys(keys: readonly string[], page: Page, props: PaperProjection = PAPER_PROPERTIES): Promise<Group<SelectedPaper>[]> {
    return readPaperGroups(this.db, CITATIONS_BY_PAPER_KEYS, keys, page, props);
  }

  findSeeAlsoByPaperIds(ids: readonly string[], page: Page, props: PaperProjection = PAPER_PROPERTIES): Promise<Group<SeeAlsoLinkRecord>[]> {
    return readGroups(
      this.db,
      SEE_ALSO_BY_PAPER_IDS(props),
      ids,
      page,
      (r: Row) => ({
        paper: paperFromValues(r.paper, props),
        note: (r.note as string) ?? null,
        source: (r.source as string) ?? null,
        createdBy: (r.createdBy as string) ?? null,
        createdAt: (r.createdAt as string) ?? null,
      }),
    );
  }

  async findStatsByPaperIds(ids: readonly string[]): Promise<Array<{ key: string } & PaperStatsRecord>> {
    const rows = await this.db.read(STATS_BY_PAPER_IDS, { ids: [...ids] });
    return rows as unknown as Array<{ key: string } & PaperStatsRecord>;
  }

  /** Each paper's identifiers other than its id, in IDENTIFIER_KINDS order. */
  async findExternalIdsByPaperIds(ids: readonly string[]): Promise<Array<{ key: string; ids: ExternalIdRecord[] }>> {
    const rows = await this.db.read(IDENTIFIERS_BY_PAPER_IDS, { ids: [...ids] });
    return rows.map((r) => ({
      key: r.key as string,
      ids: IDENTIFIER_KINDS.flatMap((kind, i) => {
        const value = (r.values as unknown[])[i];
        return typeof value === "string" ? [{ kind, value }] : [];
      }),
    }));
  }
}
