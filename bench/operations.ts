// The benchmark's operations: for each, the request every target gets and how its answer is made comparable.
import type { BenchGraph } from "./generate";
import { DEFAULT_RELATED_MAX_EXPANSIONS } from "../src/graph/graph.repository";
import { Signal, SIGNALS } from "../src/graph/graph.record";
import { TEXT_STOP_WORDS } from "../src/graph/text-terms";
import { renderSummaryHtml } from "../src/summaries/summary-html";
import { PAPER_PROPERTIES, paperFromValues, paperValues } from "../src/papers/paper.record";

import { RELATED_STATEMENT_EXAMPLE_PAPERS, RELATED_STATEMENT_SCORES, relatedStatementParams } from "./related-statement";

/** Paper.related's default weights (src/graph/graph.args.ts), which B and C must use too. */
export const DEFAULT_WEIGHTS = { seeAlso: 1, cites: 0.5, citedBy: 0.5, coCitation: 1, coupling: 1, text: 0.5 };

export type OperationName = "Q1" | "Q2" | "Q3" | "Q4" | "Q5" | "Q6" | "Q7" | "Q8";
export type TargetName = "A" | "B" | "C";
export type Pool = "uniform" | "hub";

export interface Body {
  query?: string;
  op?: OperationName;
  variables: Record<string, unknown>;
}

export interface Operation {
  name: OperationName;
  title: string;
  /** Variables of one request, drawn from the id pool. */
  variables(pick: () => string, graph: BenchGraph, random: () => number): Record<string, unknown>;
  /** A's and B's GraphQL documents; C gets {op, variables}. */
  query: Record<"A" | "B", string>;
  /** Each target's JSON answer reduced to one canonical shape; arrays whose order is not the contract get sorted. */
  canonical: Record<TargetName, (json: any) => unknown>;
}

const summaryAuthor = (s: any) => ({ id: s.id, body: s.body, votes: s.votes, author: s.author?.name ?? null });
const byId = <T extends { id: string }>(xs: T[]) => [...xs].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
const round = (x: number) => Math.round(x * 1e6) / 1e6;

// Q8's evidence selection: every signal (SIGNALS, in the statement's order of counts and normalized values) with its
// examples, but text, which has shared words instead.
const Q8_EVIDENCE = SIGNALS.map((s) => `${s} { count normalized contribution${s === "text" ? "" : " examples { id title year }"} }`).join(" ");

/** The statement's example lists, by signal: co-citation and coupling have them. */
const EXAMPLES_OF: Partial<Record<Signal, "coCitationExamples" | "couplingExamples">> = { coCitation: "coCitationExamples", coupling: "couplingExamples" };

export const OPERATIONS: Operation[] = [
  {
    name: "Q1",
    title: "paper by id, a few scalars",
    variables: (pick) => ({ id: pick() }),
    query: {
      A: `query Q1($id: ID!) { paper(id: $id) { id title year arxivId } }`,
      B: `query Q1($id: ID!) { papers(where: { id: { eq: $id } }) { id title year arxivId } }`,
    },
    canonical: {
      A: (j) => j.data.paper,
      B: (j) => j.data.papers[0] ?? null,
      C: (j) => j.data[0]?.paper ?? null,
    },
  },
  {
    name: "Q2",
    title: "a paper with its summaries and their authors",
    variables: (pick) => ({ id: pick() }),
    query: {
      A: `query Q2($id: ID!) { paper(id: $id) { id title summaries(first: 20) { id body votes author { name } } } }`,
      B: `query Q2($id: ID!) { papers(where: { id: { eq: $id } }) { id title
            summaries(limit: 20, sort: [{ createdAt: ASC }, { id: ASC }]) { id body votes author { name } } } }`,
    },
    canonical: {
      A: (j) => ({ id: j.data.paper.id, title: j.data.paper.title, summaries: j.data.paper.summaries.map(summaryAuthor) }),
      B: (j) => {
        const p = j.data.papers[0];
        return { id: p.id, title: p.title, summaries: p.summaries.map((s: any) => summaryAuthor({ ...s, author: s.author[0] ?? null })) };
      },
      C: (j) => j.data[0].paper,
    },
  },
  {
    name: "Q3",
    title: "50 papers, each with summaries and 10 references",
    variables: (pick) => ({ ids: [...new Set(Array.from({ length: 50 }, pick))] }),
    query: {
      A: `query Q3($ids: [ID!]) { papers(ids: $ids, first: 100) { edges { node { id title
            summaries(first: 5) { id body } references(first: 10) { id title } } } } }`,
      B: `query Q3($ids: [ID!]) { papers(where: { id: { in: $ids } }, sort: [{ id: ASC }]) { id title
            summaries(limit: 5, sort: [{ createdAt: ASC }, { id: ASC }]) { id body } references(limit: 10, sort: [{ id: ASC }]) { id title } } }`,
    },
    canonical: {
      A: (j) => j.data.papers.edges.map((e: any) => e.node),
      B: (j) => j.data.papers,
      C: (j) => j.data.map((r: any) => r.paper),
    },
  },
  {
    name: "Q4",
    title: "references and citedBy, two levels, 20 per level",
    variables: (pick) => ({ id: pick() }),
    query: {
      A: `query Q4($id: ID!) { paper(id: $id) { id
            references(first: 20) { id title references(first: 20) { id title } citedBy(first: 20) { id title } }
            citedBy(first: 20) { id title references(first: 20) { id title } citedBy(first: 20) { id title } } } }`,
      B: `query Q4($id: ID!) { papers(where: { id: { eq: $id } }) { id
            references(limit: 20, sort: [{ id: ASC }]) { id title
              references(limit: 20, sort: [{ id: ASC }]) { id title } citedBy(limit: 20, sort: [{ id: ASC }]) { id title } }
            citedBy(limit: 20, sort: [{ id: ASC }]) { id title
              references(limit: 20, sort: [{ id: ASC }]) { id title } citedBy(limit: 20, sort: [{ id: ASC }]) { id title } } } }`,
    },
    canonical: {
      A: (j) => j.data.paper,
      B: (j) => j.data.papers[0],
      C: (j) => j.data[0].paper,
    },
  },
  {
    name: "Q5",
    title: "related(first: 10)",
    variables: (pick) => ({ id: pick() }),
    query: {
      A: `query Q5($id: ID!) { paper(id: $id) { id related(first: 10) { edges { node { score paper { id title } } } } } }`,
      B: `query Q5($id: ID!) { papers(where: { id: { eq: $id } }) { id related(first: 10) { score paper { id title } } } }`,
    },
    canonical: {
      A: (j) => j.data.paper.related.edges.map((e: any) => ({ ...e.node, score: round(e.node.score) })),
      B: (j) => j.data.papers[0].related.map((r: any) => ({ ...r, score: round(r.score) })),
      C: (j) =>
        (j.data[0]?.items ?? []).map((r: any) => {
          const paper = paperFromValues(r.paper, PAPER_PROPERTIES);
          return { paper: { id: paper.id, title: paper.title }, score: round(r.score) };
        }),
    },
  },
  {
    name: "Q6",
    title: "full-text search, first summary of each hit",
    variables: (_pick, graph, random) => ({ q: graph.tags[Math.floor(random() * graph.tags.length)] }),
    query: {
      A: `query Q6($q: String!) { search(query: $q, fields: [TITLE], first: 20) { edges { node { score
            paper { id title summaries(first: 1) { id body } } } } } }`,
      B: `query Q6($q: String!) { papersByTitle(phrase: $q, first: 20, sort: [{ score: DESC }]) { edges { score
            node { id title summaries(limit: 1, sort: [{ createdAt: ASC }, { id: ASC }]) { id body } } } } }`,
    },
    canonical: {
      A: (j) => byId(j.data.search.edges.map((e: any) => ({ ...e.node.paper, score: round(e.node.score) }))),
      B: (j) => byId(j.data.papersByTitle.edges.map((h: any) => ({ ...h.node, score: round(h.score) }))),
      C: (j) => byId(j.data.map((r: any) => ({ ...r.paper, score: round(r.score) }))),
    },
  },
  {
    // The front page: every reader gets the same page, as they do. The body is compared as markdown only where it
    // can be: A and C render HTML (the same renderer), B has no way to, so it sends the markdown; the answers are
    // compared on what all three hold (id, votes, writer, paper). B also leaves out createdAt: the library writes a
    // DateTime through APOC, which the benchmark's Neo4j does not have.
    name: "Q7",
    title: "front-page feed: newest 20 summaries with paper, writer, votes and HTML body",
    variables: () => ({}),
    query: {
      A: `query Q7 { summaries(first: 20) { edges { node { id votes createdAt bodyHtml author { name } paper { id title } } } } }`,
      B: `query Q7 { summaries(limit: 20, sort: [{ createdAt: DESC }, { id: ASC }]) { id votes body author { name } paper { id title } } }`,
    },
    canonical: {
      A: (j) => j.data.summaries.edges.map((e: any) => feedItem({ ...e.node, author: e.node.author })),
      B: (j) => j.data.summaries.map((s: any) => feedItem({ ...s, author: s.author[0] ?? null, paper: s.paper[0] })),
      C: (j) => j.data.map((r: any) => feedItem(r.summary)),
    },
  },
  {
    // The explorer's paper page asks for `related` with every signal's evidence and its examples (src/web/explore/
    // documents.ts): the frontend's real cost of Q5. B answers it with a second @cypher field, relatedEvidence, whose
    // statement returns the evidence as maps (the library resolves a non-node object type from a map), and C with the
    // same statement; all three are compared on the whole answer (C's contribution, weight × normalized, computed
    // here from its normalized values).
    name: "Q8",
    title: "related(first: 10) with full evidence, as the explorer's paper page asks",
    variables: (pick) => ({ id: pick() }),
    query: {
      A: `query Q8($id: ID!) { paper(id: $id) { id related(first: 10) { complete edges { node { score paper { id title year }
            evidence { ${Q8_EVIDENCE} } } } } } }`,
      B: `query Q8($id: ID!) { papers(where: { id: { eq: $id } }) { id relatedEvidence(first: 10) { score paper { id title year }
            evidence { ${Q8_EVIDENCE} } } } }`,
    },
    canonical: {
      A: (j) => j.data.paper.related.edges.map((e: any) => relatedItem(e.node.paper, e.node.score, e.node.evidence)),
      B: (j) => j.data.papers[0].relatedEvidence.map((r: any) => relatedItem(r.paper, r.score, r.evidence)),
      C: (j) =>
        (j.data[0]?.items ?? []).map((r: any) => {
          // C's rows carry no contribution: it is the weight times the normalized value, as A and B compute it. The
          // text signal's count is the number of shared words.
          const evidence = Object.fromEntries(
            SIGNALS.map((s, i) => {
              const list = EXAMPLES_OF[s];
              const count = s === "text" ? r.sharedTerms.length : r.counts[i];
              return [s, { count, normalized: r.norms[i], contribution: DEFAULT_WEIGHTS[s] * r.norms[i], examples: list ? r[list] : [] }];
            }),
          );
          return relatedItem(paperFromValues(r.paper, PAPER_PROPERTIES), r.score, evidence);
        }),
    },
  },
];

/** A related item of Q8, whoever answered it: the paper, the score, and each signal's count, normalized value, contribution and examples. */
function relatedItem(paper: any, score: number, evidence: any) {
  const example = (e: any) => ({ id: e.id, title: e.title, year: e.year ?? null });
  return {
    paper: { id: paper.id, title: paper.title, year: paper.year ?? null },
    score: round(score),
    evidence: Object.fromEntries(
      SIGNALS.map((s) => {
        const { count, normalized, contribution, examples = [] } = evidence[s];
        return [s, { count, normalized: round(normalized), contribution: round(contribution), examples: examples.map(example) }];
      }),
    ),
  };
}

function feedItem(s: any) {
  return { id: s.id, votes: s.votes ?? 0, author: s.author?.name ?? null, paper: { id: s.paper.id, title: s.paper.title } };
}

/**
 * The first 20 citers of `paper` as rows of `c`, in id order, from the cites_cited_citing index as A reads them
 * (src/neo4j/schema-setup.ts CITES_END_IDS). The seek names both of the index's properties: without
 * `c.citingId IS NOT NULL`, Neo4j 5.26 plans a scan of every CITES edge (PROFILE on the M store: 40 million db hits
 * for one paper).
 */
const floorCiters = (paper: string) =>
  `MATCH ()-[c:CITES]->() USING INDEX SEEK c:CITES(citedId, citingId) WHERE c.citedId = ${paper}.id AND c.citingId IS NOT NULL WITH c ORDER BY c.citedId, c.citingId LIMIT 20`;

/** Hand-written, optimal Cypher for target C: one statement per operation, shaped like the GraphQL answers. */
export const FLOOR_CYPHER: Record<OperationName, string> = {
  Q1: `MATCH (p:Paper {id: $id}) RETURN p {.id, .title, .year, .arxivId} AS paper`,
  Q2: `
MATCH (p:Paper {id: $id})
CALL (p) {
  OPTIONAL MATCH (s:Summary)-[:SUMMARIZES]->(p)
  WITH s ORDER BY s.createdAt, s.id LIMIT 20
  OPTIONAL MATCH (w:Person)-[:WROTE]->(s)
  WITH s, w ORDER BY s.createdAt, s.id
  RETURN collect(s {.id, .body, .votes, author: w.name}) AS summaries
}
RETURN p {.id, .title, summaries: summaries} AS paper`,
  Q3: `
UNWIND $ids AS id
MATCH (p:Paper {id: id})
CALL (p) {
  OPTIONAL MATCH (s:Summary)-[:SUMMARIZES]->(p)
  WITH s ORDER BY s.createdAt, s.id LIMIT 5
  RETURN collect(s {.id, .body}) AS summaries
}
CALL (p) {
  OPTIONAL MATCH (p)-[:CITES]->(r:Paper)
  WITH r ORDER BY r.id LIMIT 10
  RETURN collect(r {.id, .title}) AS references
}
RETURN p {.id, .title, summaries: summaries, references: references} AS paper ORDER BY p.id`,
  Q4: `
MATCH (p:Paper {id: $id})
CALL (p) {
  OPTIONAL MATCH (p)-[:CITES]->(r:Paper)
  WITH r ORDER BY r.id LIMIT 20
  CALL (r) { OPTIONAL MATCH (r)-[:CITES]->(x:Paper) WITH x ORDER BY x.id LIMIT 20 RETURN collect(x {.id, .title}) AS rr }
  CALL (r) { ${floorCiters("r")} WITH startNode(c) AS x RETURN collect(x {.id, .title}) AS rc }
  WITH r, rr, rc ORDER BY r.id
  RETURN collect(r {.id, .title, references: rr, citedBy: rc}) AS references
}
CALL (p) {
  CALL (p) { ${floorCiters("p")} RETURN startNode(c) AS r }
  CALL (r) { OPTIONAL MATCH (r)-[:CITES]->(x:Paper) WITH x ORDER BY x.id LIMIT 20 RETURN collect(x {.id, .title}) AS rr }
  CALL (r) { ${floorCiters("r")} WITH startNode(c) AS x RETURN collect(x {.id, .title}) AS rc }
  WITH r, rr, rc ORDER BY r.id
  RETURN collect(r {.id, .title, references: rr, citedBy: rc}) AS citedBy
}
RETURN p {.id, references: references, citedBy: citedBy} AS paper`,
  // related as one statement (bench/related-statement.ts), A's ranking before the eleventh round: one statement cannot
  // stop reading candidates once the page is settled, as A's server does, so this is C's best, not a floor under A.
  // Q5 asks for papers and scores, so its statement reads no evidence; Q8's reads it all.
  Q5: RELATED_STATEMENT_SCORES,
  Q8: RELATED_STATEMENT_EXAMPLE_PAPERS,
  Q6: `
CALL db.index.fulltext.queryNodes("paper_title", $q) YIELD node, score
WITH node AS p, score ORDER BY score DESC, p.id LIMIT 20
CALL (p) {
  OPTIONAL MATCH (s:Summary)-[:SUMMARIZES]->(p)
  WITH s ORDER BY s.createdAt, s.id LIMIT 1
  RETURN collect(s {.id, .body}) AS summaries
}
RETURN p {.id, .title, summaries: summaries} AS paper, score`,
  // bodyHtml is rendered by the floor's server (FLOOR_FINISH), as A renders it.
  Q7: `
MATCH (s:Summary)
WITH s ORDER BY s.createdAt DESC, s.id LIMIT 20
MATCH (s)-[:SUMMARIZES]->(p:Paper)
OPTIONAL MATCH (w:Person)-[:WROTE]->(s)
RETURN s {.id, .votes, .body, createdAt: toString(s.createdAt), author: CASE WHEN w IS NULL THEN null ELSE {name: w.name} END,
          paper: p {.id, .title}} AS summary
ORDER BY s.createdAt DESC, s.id`,
};

/** What the floor does to its rows besides JSON: Q7's HTML body, made by the renderer A uses. */
export const FLOOR_FINISH: Partial<Record<OperationName, (row: any) => unknown>> = {
  Q7: ({ summary: { body, ...rest } }) => ({ summary: { ...rest, bodyHtml: renderSummaryHtml(body) } }),
};

/** C's parameters for Q5 and Q8: the first page of 10 with the default weights and budget, as A's field has them. */
export function floorParams(op: OperationName, variables: Record<string, unknown>): Record<string, unknown> {
  if (op !== "Q5" && op !== "Q8") return variables;
  const page = { first: 10, after: null, weights: DEFAULT_WEIGHTS, maxExpansions: DEFAULT_RELATED_MAX_EXPANSIONS };
  return relatedStatementParams([variables.id as string], page);
}

/**
 * B has no ranked-related field, so its `related` and `relatedEvidence` are the library's @cypher forms of the one
 * statement, for `this`: `related` in the statement's form without evidence (papers and scores, Q5), and
 * `relatedEvidence` with it, the evidence returned as maps (Q8). The library passes field arguments as parameters
 * ($first); the weights and bounds are written in.
 */
function relatedCypherForB(statement: string, item: string): string {
  return `
CALL (this) {
  ${statement
    .replace("UNWIND $ids AS id", "WITH this.id AS id")
    // The library maps a node's fields from a map, where A reads a list of values.
    .replace(paperValues("q", PAPER_PROPERTIES), "q {.*}")
    .replace(/\$w\.(\w+)/g, (_m, k: keyof typeof DEFAULT_WEIGHTS) => String(DEFAULT_WEIGHTS[k]))
    .replace(/\$afterScore/g, String(Number.MAX_VALUE))
    .replace(/\$afterId/g, '""')
    .replace(/\$limit/g, "$first")
    .replace(/\$budget/g, String(DEFAULT_RELATED_MAX_EXPANSIONS))
    .replace(/\$stopWords/g, JSON.stringify(TEXT_STOP_WORDS))}
}
UNWIND items AS item
RETURN ${item} AS related`;
}

export const RELATED_CYPHER_FOR_B = relatedCypherForB(RELATED_STATEMENT_SCORES, "{score: item.score, paper: item.paper}");

// Each signal's evidence as Paper.related's has it: count, normalized, contribution (weight × normalized), examples
// (text: the number of shared words, and no examples).
export const RELATED_EVIDENCE_CYPHER_FOR_B = relatedCypherForB(
  RELATED_STATEMENT_EXAMPLE_PAPERS,
  `{score: item.score, paper: item.paper, evidence: {${SIGNALS.map((s, i) => {
    const count = s === "text" ? "size(item.sharedTerms)" : `item.counts[${i}]`;
    const list = EXAMPLES_OF[s];
    const examples = s === "text" ? "" : `, examples: ${list ? `item.${list}` : "[]"}`;
    return `\n  ${s}: {count: ${count}, normalized: item.norms[${i}], contribution: ${DEFAULT_WEIGHTS[s]} * item.norms[${i}]${examples}}`;
  }).join(",")}}}`,
);

export function body(op: Operation, target: TargetName, variables: Record<string, unknown>): Body {
  return target === "C" ? { op: op.name, variables } : { query: op.query[target], variables };
}

/** Stable JSON with object keys sorted, so equal answers compare equal whatever the key order. */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableStringify((value as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}
