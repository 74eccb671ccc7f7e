// Cypher for graph exploration: related papers, neighbourhoods, paths and citation analytics.
// Every traversal caps its fan-out in the query itself; docs/graph-queries.md has the PROFILE findings.
import type { Database, Tx } from "../neo4j/database";
import { int, Row } from "../neo4j/values";
import { statementCache } from "../neo4j/projection";
import { PAPER_PROPERTIES, paperFromValues, PaperProjection, paperValues, SelectedPaper } from "../papers/paper.record";
import {
  FirstPagesQuery,
  firstPagesCalls,
  firstPagesColumnNames,
  firstPagesColumns,
  firstPagesKey,
  firstPagesParams,
  ListedPaper,
  listedFromRow,
  PAPERS_OF_KEYS,
  refsOfKeys,
} from "../papers/paper.repository";
import { TEXT_STOP_WORDS, textWords, wordsCypher } from "./text-terms";
import {
  DirectionName,
  EDGE_KINDS,
  EdgeKindName,
  EdgeRecordOut,
  PathRecord,
  RankedPaperRecord,
  RelatedGroup,
  RelatedRecord,
  RelatedWeights,
  Signal,
  SignalRecord,
  SIGNALS,
  SubgraphNodeRecord,
  SubgraphRecord,
  YearCountRecord,
} from "./graph.record";
import { CandidateFacts, RankedCandidate, RelatedCandidates, RelatedRanking } from "./related-ranking";

/**
 * The default work budget of the two 2-hop signals, in edges expanded per signal and per paper (the sum of the
 * intermediates' fan-outs). The worst hep-th paper needs less than this for either signal, so nothing there is cut;
 * the figures are in docs/graph-queries.md#bounded-work. RELATED_MAX_EXPANSIONS overrides it.
 */
export const DEFAULT_RELATED_MAX_EXPANSIONS = 100_000;
/** The text signal's query: at most this many of the paper's words, the most frequent in its own text first. */
export const TEXT_QUERY_TERMS = 25;
/** The text signal's candidates: the best this many hits of each full-text index (title, abstract), stubs left out. */
export const TEXT_CANDIDATES = 50;
/** Shared words shown as the text signal's evidence. */
export const MAX_TEXT_TERMS = 10;
/**
 * allShortestPaths may find very many equally short paths; at most this many are ordered. When there are more, the
 * first ones in order cannot be known without enumerating them all, so the answer says there are too many instead.
 */
export const MAX_PATHS_ENUMERATED = 1000;

export interface RelatedPage {
  first: number;
  /** The (score, id) of the last item already seen, or null for the first page. */
  after: { score: number; id: string } | null;
  weights: RelatedWeights;
  /** Edges the second hop of each 2-hop signal may expand, per paper. */
  maxExpansions: number;
  /**
   * Whether the answer holds each item's evidence (Paper.related's `evidence` is selected). Without it no examples
   * are picked and no query words are sent, so the page statement reads the papers alone (no example lookups, no
   * tokenizing of their words), and the items' evidence keeps its normalized values with no examples, terms or text
   * count.
   */
  evidence: boolean;
  /**
   * The properties of the items' papers that the answer selects (a PaperProjection). With evidence every property is
   * read (relatedPaperProps): the shared words need the title and abstract.
   */
  props: PaperProjection;
  /**
   * With evidence, the properties of the example papers the answer selects (the union over the signals' `examples`),
   * read with the page (RelatedGroup.examples); null when no example's paper is selected, and then the page statement
   * reads the examples' ids only.
   */
  exampleProps: PaperProjection | null;
}

/** The properties a related page's papers are read with (RelatedPage.props; with evidence, every one). */
export function relatedPaperProps(page: Pick<RelatedPage, "evidence" | "props">): PaperProjection {
  return page.evidence ? PAPER_PROPERTIES : page.props;
}

/**
 * Whether the first round of facts reads the papers' properties along, for the page to need no statement of its own
 * when that round settles it (an ordinary paper's list): without evidence, whose examples need the page's statement
 * anyway, and without the abstract, the one property long enough to make reading it for every candidate of the round
 * cost more than the statement it saves (bench/README.md, twenty-sixth round).
 */
function propsInFacts(page: Pick<RelatedPage, "evidence" | "props">): boolean {
  return !page.evidence && !page.props.includes("abstract");
}

export interface NeighbourhoodQuery {
  ids: string[];
  depth: number;
  direction: DirectionName;
  edges: EdgeKindName[];
  yearFrom: number | null;
  yearTo: number | null;
  limit: number;
}

/** Shortest paths in order, or only their length when there are too many to order (more than MAX_PATHS_ENUMERATED). */
export type ShortestPaths = { tooMany: false; paths: PathRecord[] } | { tooMany: true; length: number };

export interface PathQuery {
  from: string;
  to: string;
  maxDepth: number;
  directed: boolean;
  edges: EdgeKindName[];
  first: number;
}

// The intermediates of one 2-hop signal ($intermediate is the pattern from p to them, $fanOut their degree on the far
// side), fewest edges first. All of them are expanded when their fan-outs fit $budget; otherwise the longest prefix
// that fits, so the answer holds exact counts over the most specific intermediates and says it is partial. Since the
// list is sorted by fan-out, the first one that does not fit ends the prefix.
function intermediatesCypher(weight: string, pattern: string, fanOut: string, name: string): string {
  return `
CALL (p) {
  MATCH ${pattern}
  WHERE ${weight} > 0 AND x <> p
  // Once each, even if parallel edges join it to p: RelatedRanking's bound needs a candidate's count of shared
  // intermediates to be at most its own degree on that side.
  WITH DISTINCT x
  WITH x, ${fanOut} AS fan ORDER BY fan, x.id
  WITH collect(x) AS found, collect(fan) AS fans
  WITH found, reduce(a = [0, 0], f IN fans | CASE WHEN a[0] + f <= $budget THEN [a[0] + f, a[1] + 1] ELSE a END) AS fit
  RETURN found[..fit[1]] AS ${name}, size(found) AS ${name}Total, fit[0] AS ${name}Edges
}`;
}

// The part of `related` that stays in Cypher, for the paper `p` of each row (`carried`: the other columns kept): the
// intermediates of its two 2-hop signals and its text signal's hits. Each weight that is 0 switches its signal off
// before it expands anything.
function relatedEvidenceOf(carried: readonly string[]): string {
  return `
WITH ${[...carried, "p"].join(", ")}, p.citationCount AS pIn, p.referenceCount AS pOut
${intermediatesCypher("$w.coCitation", "(p)<-[:CITES]-(x:Paper)", "x.referenceCount", "citers")}
${intermediatesCypher("$w.coupling", "(p)-[:CITES]->(x:Paper)", "x.citationCount", "refs")}
// Similar wording, as Lucene's more-like-this does it: the paper's own most frequent words (stop words left out) are
// an OR query on the title and abstract indexes, whose BM25 scoring weighs each shared word by its rarity (idf).
CALL (p) {
  UNWIND (CASE WHEN $w.text > 0 THEN ${wordsCypher("p")} ELSE [] END) AS word
  WITH word, count(*) AS tf ORDER BY tf DESC, size(word) DESC, word LIMIT ${TEXT_QUERY_TERMS}
  RETURN collect(word) AS terms
}
CALL (terms) {
  UNWIND (CASE WHEN size(terms) > 0 THEN ["paper_title", "paper_abstract"] ELSE [] END) AS index
  CALL db.index.fulltext.queryNodes(index, reduce(query = "", t IN terms | query + " " + t), {limit: ${TEXT_CANDIDATES}})
    YIELD node, score
  // A stub's title is not its wording (text-terms.ts): it is never a hit. The indexes hold stubs, so this leaves fewer
  // than the limit when stubs are among the best hits.
  WITH node, score WHERE node.stub IS NULL OR node.stub <> true
  WITH node, sum(score) AS score
  // A candidate's text value is its score over the best one (the paper's own, as a rule), so it lies in 0..1.
  WITH collect({q: node, score: score}) AS hits, max(score) AS best
  RETURN [h IN hits | {q: h.q, value: h.score / best}] AS textHits
}`;
}

// relatedEvidenceOf for the papers of $ids, each row's id as `id`: the statement's start for B and C too (bench/).
export const RELATED_EVIDENCE = `
UNWIND $ids AS id
MATCH (p:Paper {id: id})${relatedEvidenceOf(["id"])}`;

// How much of RELATED_EVIDENCE's 2-hop evidence was read (RelatedWork), as the last columns of a statement after it.
export const RELATED_WORK = `size(citers) = citersTotal AND size(refs) = refsTotal AS complete,
  citersEdges + refsEdges AS edgesExpanded,
  size(citers) + size(refs) AS intermediatesExamined,
  citersTotal + refsTotal AS intermediatesTotal`;

// Every candidate of every signal, uncounted: one entry per path, a node by its internal id (the facts and page
// statements after it, in the same read transaction, look nodes up by it; docs/graph-queries.md says what a node
// deleted in between does). Counting, scoring and paging happen in
// RelatedRanking, which reads the degrees of only the candidates that could reach the page; counting every candidate
// and reading its degrees here cost Neo4j more than the rows cost both sides (docs/graph-queries.md#paperrelated).
// The ids travel as floats, exact below 2^53: neo4j-driver decodes a Bolt integer into an Integer object, and a hub's
// lists hold about a hundred thousand. An intermediate is never one of the two papers it relates. The 2-hop lists
// leave q's label unchecked: CITES joins papers only (every writer: ingest, mutations, restore), and the check would
// read every candidate's record.
const RELATED_CANDIDATE_COLUMNS = `toFloat(id(p)) AS self, pIn, pOut,
  CASE WHEN $w.seeAlso > 0 THEN [(p)-[:SEE_ALSO]-(q:Paper) | toFloat(id(q))] ELSE [] END AS seeAlso,
  CASE WHEN $w.cites > 0 THEN [(p)-[:CITES]->(q:Paper) | toFloat(id(q))] ELSE [] END AS cites,
  CASE WHEN $w.citedBy > 0 THEN [(p)<-[:CITES]-(q:Paper) | toFloat(id(q))] ELSE [] END AS citing,
  [c IN citers | toFloat(id(c))] AS citers, [c IN citers | [(c)-[:CITES]->(q) WHERE q <> c | toFloat(id(q))]] AS coCitation,
  [r IN refs | toFloat(id(r))] AS refs, [r IN refs | [(r)<-[:CITES]-(q) WHERE q <> r | toFloat(id(q))]] AS coupling,
  terms, [h IN textHits | [toFloat(id(h.q)), h.value]] AS text,
  ${RELATED_WORK}`;

const RELATED_CANDIDATES = `${RELATED_EVIDENCE}
RETURN id AS key, ${RELATED_CANDIDATE_COLUMNS}`;

// A paper lookup (PaperRepository.findByKeys: the papers some keys name, with the first pages of their lists asked
// for) that reads each paper's related candidates too, in place of RELATED_CANDIDATES: `paper(id:)` with `related`
// selected, whose lookup then costs no statement of its own (docs/graph-queries.md#paperrelated). The candidates'
// key is the paper's id (relatedKey), as Paper.related loads it.
const PAPERS_WITH_RELATED_BY_KEYS = statementCache(
  ({ props, pages }: { props: PaperProjection; pages: FirstPagesQuery }) => {
    const calls = firstPagesCalls(pages);
    return `${PAPERS_OF_KEYS}${calls && `\n${calls}`}${relatedEvidenceOf(["ref", ...firstPagesColumnNames(pages)])}
RETURN ref.id AS key, ${paperValues("p", props)} AS paper${firstPagesColumns(pages)}, p.id AS relatedKey, ${RELATED_CANDIDATE_COLUMNS}`;
  },
  ({ props, pages }) => `${props.join(",")}|${firstPagesKey(pages)}`,
);

// What a candidate's exact score needs: its stored degrees (exact: src/neo4j/schema-setup.ts; every writer keeps
// them, and schema setup fills them in at start for a paper without them) and its id, which orders ties; with `props`
// (propsInFacts), the paper's properties too, as the page answers them.
const RELATED_FACTS = statementCache(
  (props: PaperProjection | null) => `
UNWIND $nodes AS node
MATCH (q) WHERE id(q) = toInteger(node)
RETURN collect([node, q.id, q.citationCount, q.referenceCount${props ? props.map((k) => `, q.${k}`).join("") : ""}]) AS facts`,
  (props) => props?.join(",") ?? "",
);

// The page's papers and their example intermediates: their ids, or with `examples` (RelatedPage.exampleProps) the
// properties the answer selects of them, so that the examples' papers need no statement of their own. The words each
// page paper shares with the paper's query are found in the server, from the title and abstract read here anyway
// (textWords): tokenizing ten papers' text in Cypher was most of this statement's cost to Neo4j (bench/README.md,
// twenty-third round).
const RELATED_PAGE = statementCache(
  ({ props, examples }: { props: PaperProjection; examples: PaperProjection | null }) => `
UNWIND $items AS item
MATCH (q) WHERE id(q) = item.node
CALL (item) {
  UNWIND item.examples AS node
  MATCH (x:Paper) WHERE id(x) = node
  RETURN collect([node, ${examples ? paperValues("x", examples) : "x.id"}]) AS examples
}
RETURN item.key AS key, item.node AS node, ${paperValues("q", props)} AS paper, examples`,
  ({ props, examples }) => `${props.join(",")}|${examples?.join(",") ?? ""}`,
);

// Reads only the citers' years; a paper's citers are bounded by its in-degree, never a second hop.
const CITATIONS_BY_YEAR_BY_PAPER_IDS = `
UNWIND $ids AS id
MATCH (p:Paper {id: id})
CALL (p) {
  MATCH (p)<-[:CITES]-(c:Paper) WHERE c.year IS NOT NULL
  WITH c.year AS year, count(*) AS count ORDER BY year
  RETURN collect({year: year, count: count}) AS items
}
RETURN id AS key, items`;

const SEEDS = `
UNWIND $ids AS id
MATCH (p:Paper {id: id})
RETURN p.id AS id, p.year AS year, COUNT { (p)<-[:CITES]-() } AS citations`;

/** The arrow of a pattern, from a fixed allow-list: relationship types can't be parameters. */
function relationship(direction: DirectionName, kinds: EdgeKindName[], { name = "", range = "" } = {}): string {
  const types = EDGE_KINDS.filter((k) => kinds.includes(k)).join("|");
  if (!types) throw new Error("at least one edge kind is needed");
  const body = `[${name}:${types}${range}]`;
  return direction === "OUT" ? `-${body}->` : direction === "IN" ? `<-${body}-` : `-${body}-`;
}

// One BFS level: the frontier's unvisited neighbours, most-cited first, at most $room of them.
function expandLevelCypher(direction: DirectionName, kinds: EdgeKindName[]): string {
  return `
UNWIND $frontier AS id
MATCH (a:Paper {id: id})${relationship(direction, kinds)}(b:Paper)
WHERE NOT b.id IN $visited
  AND ($yearFrom IS NULL OR b.year >= $yearFrom) AND ($yearTo IS NULL OR b.year <= $yearTo)
WITH DISTINCT b
WITH b, COUNT { (b)<-[:CITES]-() } AS citations
ORDER BY citations DESC, b.id
LIMIT $room
RETURN b.id AS id, b.year AS year, citations`;
}

// The induced subgraph: every edge of the chosen kinds between two chosen nodes, whatever the traversal direction.
function edgesWithinCypher(kinds: EdgeKindName[]): string {
  return `
UNWIND $ids AS id
MATCH (a:Paper {id: id})${relationship("OUT", kinds, { name: "e" })}(b:Paper)
WHERE b.id IN $ids
RETURN a.id AS from, b.id AS to, type(e) AS kind ORDER BY from, to, kind`;
}

function shortestPathsCypher(q: PathQuery): string {
  if (!Number.isInteger(q.maxDepth) || q.maxDepth < 1) throw new Error("maxDepth must be a positive integer");
  const arrow = relationship(q.directed ? "OUT" : "BOTH", q.edges, { range: `*..${q.maxDepth}` });
  return `
MATCH (a:Paper {id: $from})
// Seeking b inside a subquery keeps the plan an Apply over one row instead of a cartesian product of two seeks.
CALL (a) {
  MATCH (b:Paper {id: $to})
  MATCH path = allShortestPaths((a)${arrow}(b))
  RETURN path
}
// One more than the cap, to tell "exactly the cap" from "more than it".
WITH path LIMIT ${MAX_PATHS_ENUMERATED + 1}
WITH [n IN nodes(path) | n.id] AS ids,
     [r IN relationships(path) | {from: startNode(r).id, to: endNode(r).id, kind: type(r)}] AS edges
// Paths through the same papers differ by their edges' kinds, then by which end each edge starts from; every writer
// MERGEs its edges, so one edge of a kind joins two papers in one direction and this order is total.
ORDER BY ids, [e IN edges | e.kind], [e IN edges | e.from]
WITH collect({ids: ids, edges: edges}) AS paths
RETURN size(paths) AS found, size(paths[0].edges) AS length, paths[0..$first] AS paths`;
}

// The stored count's index yields papers most-cited first, so only the first $limit (and their ties) are read.
const TOP_CITED = `
MATCH (p:Paper) WHERE p.citationCount > 0
WITH p, p.citationCount AS count
RETURN ${paperValues("p", PAPER_PROPERTIES)} AS paper, count ORDER BY count DESC, p.id LIMIT $limit`;

// With a year window the year index yields only the papers inside it.
const TOP_CITED_IN_YEARS = `
MATCH (p:Paper) WHERE p.year >= $yearFrom AND p.year <= $yearTo AND p.citationCount > 0
WITH p, p.citationCount AS count
RETURN ${paperValues("p", PAPER_PROPERTIES)} AS paper, count ORDER BY count DESC, p.id LIMIT $limit`;

const PRIOR_WORKS = `
UNWIND $ids AS id
MATCH (s:Paper {id: id})-[:CITES]->(r:Paper)
WHERE NOT r.id IN $ids
WITH r, count(DISTINCT s) AS count
RETURN ${paperValues("r", PAPER_PROPERTIES)} AS paper, count ORDER BY count DESC, r.id LIMIT $limit`;

const DERIVATIVE_WORKS = `
UNWIND $ids AS id
MATCH (s:Paper {id: id})<-[:CITES]-(d:Paper)
WHERE NOT d.id IN $ids
WITH d, count(DISTINCT s) AS count
RETURN ${paperValues("d", PAPER_PROPERTIES)} AS paper, count ORDER BY count DESC, d.id LIMIT $limit`;

/** The parameters of RELATED_EVIDENCE (and so of RELATED_CANDIDATES) for these papers. */
export function relatedParams(ids: readonly string[], page: Pick<RelatedPage, "weights" | "maxExpansions">): Record<string, unknown> {
  return { ids: [...ids], ...relatedEvidenceParams(page) };
}

/** The parameters of relatedEvidenceOf: the weights and the work budget. */
function relatedEvidenceParams(page: Pick<RelatedPage, "weights" | "maxExpansions">): Record<string, unknown> {
  // The stop words are read for the text signal only.
  return { w: page.weights, budget: int(page.maxExpansions), stopWords: page.weights.text > 0 ? TEXT_STOP_WORDS : [] };
}

const NO_EXAMPLES = { coCitation: [], coupling: [] };

/** An item's example intermediates, both signals' (a node may be an example of both). */
const exampleNodes = (e: { coCitation: number[]; coupling: number[] } = NO_EXAMPLES) => [...e.coCitation, ...e.coupling];

/** A page item's key in RELATED_PAGE's answer: the paper it is related to, and its node. */
const itemKey = (key: string, node: number) => `${key}\u0000${node}`;

/** RELATED_CANDIDATES' columns are RelatedCandidates' fields, its integers converted on the way out. */
function toCandidates(row: Row): RelatedCandidates {
  return row as unknown as RelatedCandidates;
}

/**
 * A page's item: the ranked candidate with its paper, shared words and example ids, as RelatedRecord holds them.
 * `names` are the ids of the example nodes the page's statement read.
 */
function toRelated(
  ranked: RankedCandidate,
  paper: SelectedPaper,
  names: ReadonlyMap<number, string>,
  examples: { coCitation: number[]; coupling: number[] },
  queryTerms: readonly string[],
): RelatedRecord {
  // The paper's query words it shares, in the query's order; every item's, a text hit or not: one that came by its
  // edges alone may share words too, and its evidence says so (its text value stays 0, as it was not among the hits).
  const words = queryTerms.length > 0 ? new Set(textWords(paper)) : undefined;
  const terms = words ? queryTerms.filter((t) => words.has(t)) : [];
  const named = (nodes: number[]) => nodes.flatMap((n) => names.get(n) ?? []);
  const exampleIds: Partial<Record<Signal, string[]>> = { coCitation: named(examples.coCitation), coupling: named(examples.coupling) };
  // The text signal's count is the number of shared query words.
  const counts = [...ranked.counts, terms.length];
  const evidence = Object.fromEntries(
    SIGNALS.map((s, i) => [
      s,
      { count: counts[i], normalized: ranked.norms[i], exampleIds: exampleIds[s] ?? [], terms: s === "text" ? terms.slice(0, MAX_TEXT_TERMS) : [] },
    ]),
  ) as Record<Signal, SignalRecord>;
  return { paper, score: ranked.score, evidence };
}

function toRanked(row: Row): RankedPaperRecord {
  return { paper: paperFromValues(row.paper, PAPER_PROPERTIES), count: row.count as number };
}

function toNode(row: Row, depth: number): SubgraphNodeRecord {
  return { id: row.id as string, year: (row.year as number) ?? null, citations: row.citations as number, depth };
}

function yearBound(year: number | null) {
  return year === null ? null : int(year);
}

/**
 * The related pages of the papers whose candidates (RELATED_CANDIDATES' columns) were read in `tx`: the facts of
 * those that may reach a page (one statement per round, for the whole batch; RelatedRanking says which), then the
 * pages' papers (one statement, for the items whose properties the facts did not bring: propsInFacts), in the same
 * transaction, whose node ids the candidates hold.
 */
async function rankRelated(tx: Tx, candidates: readonly RelatedCandidates[], page: RelatedPage): Promise<RelatedGroup[]> {
  const rankings = candidates.map((c) => new RelatedRanking(c, page.weights, page.first, page.after));
  const props = relatedPaperProps(page);
  // The first round's facts, by node, when they bring the papers' properties (after the four facts).
  const papers = new Map<number, unknown[]>();
  let factsProps = propsInFacts(page) ? props : null;
  for (;;) {
    const wanted = rankings.map((r) => r.nextNodes());
    const nodes = [...new Set(wanted.flat())];
    if (nodes.length === 0) break;
    // One row, the nodes as floats both ways: a row or an Integer per node would cost the driver more.
    const [read] = await tx.run(RELATED_FACTS(factsProps), { nodes });
    const facts = new Map<number, CandidateFacts>();
    for (const entry of read.facts as Array<[number, string, number, number, ...unknown[]]>) {
      const [node, id, citationCount, referenceCount] = entry;
      facts.set(node, { id, citationCount, referenceCount });
      if (factsProps) papers.set(node, entry);
    }
    // A further round (a hub's) reads four times as many candidates: the page's statement reads the few it needs.
    factsProps = null;
    // Each statement reads what is committed when it runs: a node deleted since the candidates were read has no
    // facts and is left out, as it is from the page's papers and the examples below.
    rankings.forEach((ranking, k) => {
      for (const node of wanted[k]) {
        const found = facts.get(node);
        if (found) ranking.settle(node, found);
      }
    });
  }
  const pages = rankings.map((ranking) => {
    const ranked = ranking.page();
    // Without evidence (RelatedPage.evidence) no examples are picked and no shared words are looked for.
    const examples = page.evidence ? ranking.examples(ranked.map((r) => r.node)) : new Map<number, never>();
    return { ranking, ranked, examples };
  });
  const items = pages.flatMap(({ ranking, ranked, examples }) =>
    ranked
      .filter((r) => !papers.has(r.node))
      .map((r) => ({ key: ranking.candidates.key, node: int(r.node), examples: [...new Set(exampleNodes(examples.get(r.node)))].map(int) })),
  );
  const exampleProps = page.evidence ? page.exampleProps : null;
  const pageRows = items.length > 0 ? await tx.run(RELATED_PAGE({ props, examples: exampleProps }), { items }) : [];
  const read = new Map(pageRows.map((r) => [itemKey(r.key as string, r.node as number), r]));
  const names = new Map<number, string>();
  // The example papers, by node, when their properties were read (exampleProps).
  const examplePapers = new Map<number, SelectedPaper>();
  for (const row of pageRows) {
    for (const [node, value] of row.examples as Array<[number, unknown]>) {
      if (exampleProps) {
        const paper = paperFromValues(value, exampleProps);
        examplePapers.set(node, paper);
        names.set(node, paper.id);
      } else names.set(node, value as string);
    }
  }
  return pages.map(({ ranking, ranked, examples }) => {
    const key = ranking.candidates.key;
    const queryTerms = page.evidence ? ranking.candidates.terms : [];
    return {
      key,
      total: ranking.total,
      items: ranked.flatMap((r) => {
        const row = read.get(itemKey(key, r.node));
        const entry = papers.get(r.node);
        const paper = entry ? paperFromValues(entry.slice(4), props) : row && paperFromValues(row.paper, props);
        return paper ? [toRelated(r, paper, names, examples.get(r.node) ?? NO_EXAMPLES, queryTerms)] : [];
      }),
      examples: [...new Set(ranked.flatMap((r) => exampleNodes(examples.get(r.node))))].flatMap((node) => examplePapers.get(node) ?? []),
      work: {
        complete: ranking.candidates.complete,
        edgesExpanded: ranking.candidates.edgesExpanded,
        intermediatesExamined: ranking.candidates.intermediatesExamined,
        intermediatesTotal: ranking.candidates.intermediatesTotal,
      },
    };
  });
}

export class GraphRepository {
  constructor(private readonly db: Database) {}

  /**
   * Ranked related papers of many papers, each with its own page and the total it pages through, in one read
   * transaction: the candidates of the whole batch (one statement), the facts of those that may reach a page (one
   * statement per round, for the whole batch; RelatedRanking says which), then the pages' papers (one statement,
   * none when the first round of facts brought them: rankRelated).
   */
  findRelatedByPaperIds(ids: readonly string[], page: RelatedPage): Promise<RelatedGroup[]> {
    return this.db.readTransaction(async (tx) => rankRelated(tx, (await tx.run(RELATED_CANDIDATES, relatedParams(ids, page))).map(toCandidates), page));
  }

  /**
   * PaperRepository.findByKeys with each found paper's related page too, in one read transaction whose first
   * statement is the lookup and the candidates (PAPERS_WITH_RELATED_BY_KEYS), then the facts and pages as in
   * findRelatedByPaperIds; each group keyed by its paper's id.
   */
  findPapersWithRelatedByKeys(
    keys: readonly string[],
    props: PaperProjection,
    pages: FirstPagesQuery,
    page: RelatedPage,
  ): Promise<Array<{ key: string } & ListedPaper & { related: RelatedGroup }>> {
    return this.db.readTransaction(async (tx) => {
      const rows = await tx.run(PAPERS_WITH_RELATED_BY_KEYS({ props, pages }), {
        refs: refsOfKeys(keys),
        ...firstPagesParams(pages),
        ...relatedEvidenceParams(page),
      });
      // Two keys may name one paper: its list is ranked once.
      const candidates = new Map(rows.map((r) => [r.relatedKey as string, { ...toCandidates(r), key: r.relatedKey as string }]));
      const related = new Map((await rankRelated(tx, [...candidates.values()], page)).map((g) => [g.key, g]));
      return rows.map((r) => ({ key: r.key as string, ...listedFromRow(r, props, pages), related: related.get(r.relatedKey as string)! }));
    });
  }

  async findCitationsByYearByPaperIds(ids: readonly string[]): Promise<Array<{ key: string; items: YearCountRecord[] }>> {
    const rows = await this.db.read(CITATIONS_BY_YEAR_BY_PAPER_IDS, { ids: [...ids] });
    return rows.map((r) => ({ key: r.key as string, items: r.items as YearCountRecord[] }));
  }

  /**
   * Breadth-first, one statement per level in one read transaction. A level that would overflow `limit` keeps its
   * most-cited nodes and ends the walk, so no level is ever expanded from more than `limit` nodes.
   */
  findNeighbourhood(q: NeighbourhoodQuery): Promise<SubgraphRecord> {
    return this.db.readTransaction(async (tx) => {
      const seedRows = await tx.run(SEEDS, { ids: q.ids });
      const byId = new Map<string, SubgraphNodeRecord>();
      for (const r of seedRows) byId.set(r.id as string, toNode(r, 0));
      const seeds = q.ids.filter((id) => byId.has(id));
      let frontier = [...byId.keys()];
      let truncated = false;
      for (let depth = 1; depth <= q.depth && frontier.length > 0 && !truncated; depth++) {
        // Seeds are always kept, so the room left may be 0: one extra row then only tells whether more exist.
        const room = Math.max(q.limit - byId.size, 0);
        const rows = await this.expandLevel(tx, q, frontier, [...byId.keys()], room + 1);
        truncated = rows.length > room;
        frontier = rows.slice(0, room).map((r) => r.id as string);
        for (const r of rows.slice(0, room)) byId.set(r.id as string, toNode(r, depth));
      }
      const nodes = [...byId.values()];
      const edges = nodes.length > 0 ? await tx.run(edgesWithinCypher(q.edges), { ids: nodes.map((n) => n.id) }) : [];
      return { seeds, nodes, edges: edges as unknown as EdgeRecordOut[], truncated };
    });
  }

  private expandLevel(tx: Tx, q: NeighbourhoodQuery, frontier: string[], visited: string[], room: number): Promise<Row[]> {
    return tx.run(expandLevelCypher(q.direction, q.edges), {
      frontier,
      visited,
      yearFrom: yearBound(q.yearFrom),
      yearTo: yearBound(q.yearTo),
      room: int(room),
    });
  }

  /** The first `first` shortest paths in order, or, when more than MAX_PATHS_ENUMERATED exist, how long they are. */
  async findShortestPaths(q: PathQuery): Promise<ShortestPaths> {
    const [row] = await this.db.read(shortestPathsCypher(q), { from: q.from, to: q.to, first: int(q.first) });
    if (!row) return { tooMany: false, paths: [] };
    if ((row.found as number) > MAX_PATHS_ENUMERATED) return { tooMany: true, length: row.length as number };
    return { tooMany: false, paths: row.paths as PathRecord[] };
  }

  async findTopCited(first: number, yearFrom: number | null, yearTo: number | null): Promise<RankedPaperRecord[]> {
    const rows =
      yearFrom === null && yearTo === null
        ? await this.db.read(TOP_CITED, { limit: int(first) })
        : await this.db.read(TOP_CITED_IN_YEARS, {
            yearFrom: int(yearFrom ?? Number.MIN_SAFE_INTEGER),
            yearTo: int(yearTo ?? Number.MAX_SAFE_INTEGER),
            limit: int(first),
          });
    return rows.map(toRanked);
  }

  /** Papers the seeds cite, ranked by how many seeds cite them; the seeds themselves are left out. */
  async findPriorWorks(ids: string[], first: number): Promise<RankedPaperRecord[]> {
    return (await this.db.read(PRIOR_WORKS, { ids, limit: int(first) })).map(toRanked);
  }

  /** Papers citing the seeds, ranked by how many seeds they cite; the seeds themselves are left out. */
  async findDerivativeWorks(ids: string[], first: number): Promise<RankedPaperRecord[]> {
    return (await this.db.read(DERIVATIVE_WORKS, { ids, limit: int(first) })).map(toRanked);
  }
}

/**
 * Exposed for the PROFILE scripts (test/profile) and bench/graph-latency.ts: the statements the server runs, of
 * `related` its candidates statement (the facts and page statements take what the ranking computed in between).
 */
export const GRAPH_QUERIES = {
  RELATED_CANDIDATES,
  CITATIONS_BY_YEAR_BY_PAPER_IDS,
  SEEDS,
  TOP_CITED,
  TOP_CITED_IN_YEARS,
  PRIOR_WORKS,
  DERIVATIVE_WORKS,
  expandLevelCypher,
  edgesWithinCypher,
  shortestPathsCypher,
};
