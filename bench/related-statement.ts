// `related` as one Cypher statement: the form B's @cypher field and C's floor run (bench/operations.ts). It was the
// server's own statement until the eleventh round moved the counting, scoring and paging into the server
// (src/graph/related-ranking.ts); the benchmark's equal-answers check holds the two to the same pages.
import { RELATED_EVIDENCE, RELATED_WORK, RelatedPage, relatedParams } from "../src/graph/graph.repository";
import { MAX_EXAMPLES } from "../src/graph/related-ranking";
import { wordsCypher } from "../src/graph/text-terms";
import { int } from "../src/neo4j/values";
import { PAPER_PROPERTIES, paperValues } from "../src/papers/paper.record";

// Salton's cosine of a 2-hop count: shared intermediates over the geometric mean of the two papers' degrees (their
// stored counts, exact: src/neo4j/schema-setup.ts), at most 1.
function cosineCypher(count: string, pDegree: string, qDegree: string): string {
  const mean = `sqrt(toFloat(${pDegree}) * ${qDegree})`;
  return `CASE WHEN ${count} = 0 THEN 0.0 WHEN ${count} >= ${mean} THEN 1.0 ELSE ${count} / ${mean} END`;
}

// The first MAX_EXAMPLES intermediates (in their fewest-edges-first order, which UNWIND, WHERE and LIMIT keep) that
// `pattern` joins to q; LIMIT stops the scan there, so a hub's thousands of citers are not all checked for each
// listed paper.
function examplesCypher(list: string, v: string, pattern: string, name: string, papers: boolean): string {
  return `CALL (q, ${list}) {
    UNWIND ${list} AS ${v} WITH ${v} WHERE ${v} <> q AND ${pattern} WITH ${v} LIMIT ${MAX_EXAMPLES}
    RETURN collect(${papers ? `${v} {.id, .title, .year}` : `${v}.id`}) AS ${name}
  }`;
}

// After the evidence: one row per (candidate, signal) from five branches, each counted in its branch, then one row
// per candidate with its counts, scored; the page by a full sort, then the page's normalized values and, with
// `evidence`, its examples and shared words (without, the items have none: an answer of papers and scores, as B's
// field and Q5 ask, needs neither, and A skips them too when `evidence` is not selected). The examples are ids, or
// with `examplePapers` the example papers' id, title and year, as Q8 asks A for them.
function relatedStatement(evidence: boolean, examplePapers = false): string {
  return `${RELATED_EVIDENCE}
CALL (p, pIn, pOut, citers, refs, textHits) {
  CALL (p, citers, refs, textHits) {
    MATCH (p)-[:SEE_ALSO]-(q:Paper) WHERE $w.seeAlso > 0 RETURN q, 0 AS signal, count(*) AS n, 0.0 AS value
    UNION ALL
    MATCH (p)-[:CITES]->(q:Paper) WHERE $w.cites > 0 RETURN q, 1 AS signal, count(*) AS n, 0.0 AS value
    UNION ALL
    MATCH (p)<-[:CITES]-(q:Paper) WHERE $w.citedBy > 0 RETURN q, 2 AS signal, count(*) AS n, 0.0 AS value
    UNION ALL
    UNWIND citers AS c MATCH (c)-[:CITES]->(q) WHERE q <> c RETURN q, 3 AS signal, count(*) AS n, 0.0 AS value
    UNION ALL
    UNWIND refs AS r MATCH (r)<-[:CITES]-(q) WHERE q <> r RETURN q, 4 AS signal, count(*) AS n, 0.0 AS value
    UNION ALL
    UNWIND textHits AS h RETURN h.q AS q, 5 AS signal, 0 AS n, h.value AS value
  }
  WITH q, signal, n, value WHERE q <> p
  WITH q,
       sum(CASE signal WHEN 0 THEN n ELSE 0 END) AS seeAlso,
       sum(CASE signal WHEN 1 THEN n ELSE 0 END) AS cites,
       sum(CASE signal WHEN 2 THEN n ELSE 0 END) AS citedBy,
       sum(CASE signal WHEN 3 THEN n ELSE 0 END) AS coCitation,
       sum(CASE signal WHEN 4 THEN n ELSE 0 END) AS coupling,
       max(CASE signal WHEN 5 THEN value ELSE 0.0 END) AS text
  // Only the score is computed for every candidate; the normalized values are built for the page's rows below.
  WITH q, seeAlso, cites, citedBy, coCitation, coupling, text,
       $w.seeAlso * CASE WHEN seeAlso > 0 THEN 1.0 ELSE 0.0 END + $w.cites * cites + $w.citedBy * citedBy
         + $w.coCitation * ${cosineCypher("coCitation", "pIn", "q.citationCount")}
         + $w.coupling * ${cosineCypher("coupling", "pOut", "q.referenceCount")} + $w.text * text AS score
  WHERE score > 0
  WITH q, seeAlso, cites, citedBy, coCitation, coupling, text, score,
       score < $afterScore OR (score = $afterScore AND q.id > $afterId) AS next
  // The page: the best $limit after the cursor, from a full sort of the candidates' small rows. Not Top (ORDER BY
  // ... LIMIT) over a list of them: Neo4j accounts each row Top keeps with every list in scope (195 MB at S for a
  // hub's page of 100; an older statement's Top over its list of scored candidates took about 1 GB on hep-th, where
  // the transaction memory of a 1 GB heap is 0.7 GB).
  ORDER BY score DESC, q.id
  RETURN count(*) AS total,
         collect(CASE WHEN next THEN q END)[..$limit] AS qs,
         collect(CASE WHEN next THEN score END)[..$limit] AS scores,
         collect(CASE WHEN next THEN [seeAlso, cites, citedBy, coCitation, coupling] END)[..$limit] AS countLists,
         collect(CASE WHEN next THEN text END)[..$limit] AS texts
}
CALL (pIn, pOut, qs, scores, countLists, texts, citers, refs, terms) {
  UNWIND range(0, size(qs) - 1) AS i
  WITH qs[i] AS q, scores[i] AS score, countLists[i] AS counts, texts[i] AS text
  WITH q, score, counts,
       [CASE WHEN counts[0] > 0 THEN 1.0 ELSE 0.0 END, toFloat(counts[1]), toFloat(counts[2]),
        ${cosineCypher("counts[3]", "pIn", "q.citationCount")}, ${cosineCypher("counts[4]", "pOut", "q.referenceCount")},
        text] AS norms
  ${evidence ? evidenceOfRow(examplePapers) : "WITH q, score, counts, norms, [] AS coCitationExamples, [] AS couplingExamples, terms, [] AS words"}
  RETURN collect({
    paper: ${paperValues("q", PAPER_PROPERTIES)}, score: score, counts: counts, norms: norms,
    coCitationExamples: coCitationExamples, couplingExamples: couplingExamples,
    sharedTerms: [t IN terms WHERE t IN words]
  }) AS items
}
RETURN id AS key, total, items, ${RELATED_WORK}`;
}

// A page row's examples and shared words (with every row's words, a text hit or not, as the repository reads them).
const evidenceOfRow = (papers: boolean) => `${examplesCypher("citers", "c", "(c)-[:CITES]->(q)", "coCitationExamples", papers)}
  ${examplesCypher("refs", "r", "(q)-[:CITES]->(r)", "couplingExamples", papers)}
  // The paper's words once per row, not once per query word inside the comprehension below.
  WITH q, score, counts, norms, coCitationExamples, couplingExamples, terms,
       CASE WHEN size(terms) > 0 THEN ${wordsCypher("q")} ELSE [] END AS words`;

/** The whole answer, evidence included: C's Q8, and the profile scripts' comparison with the repository. */
export const RELATED_STATEMENT = relatedStatement(true);
/** The whole answer with the example papers' id, title and year: Q8's, for B's relatedEvidence field and C. */
export const RELATED_STATEMENT_EXAMPLE_PAPERS = relatedStatement(true, true);
/** Papers and scores only: B's related field and C's Q5. */
export const RELATED_STATEMENT_SCORES = relatedStatement(false);

/** The parameters of every form of the statement (the same) for a page of these papers' related papers. */
export function relatedStatementParams(ids: readonly string[], page: Omit<RelatedPage, "evidence" | "props" | "exampleProps">): Record<string, unknown> {
  return {
    ...relatedParams(ids, page),
    // No cursor is a cursor above every score, so the parameters keep their types and Neo4j one cached plan.
    afterScore: page.after?.score ?? Number.MAX_VALUE,
    afterId: page.after?.id ?? "",
    limit: int(page.first),
  };
}
