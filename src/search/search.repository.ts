// Cypher for full-text search over paper titles, paper abstracts and summary bodies (one Neo4j full-text index
// each, created in neo4j/schema-setup, so every hit knows which field matched).
import type { Database } from "../neo4j/database";
import { int } from "../neo4j/values";
import { PAPER_PROPERTIES, PaperProjection, paperFromValues, paperValues, SelectedPaper } from "../papers/paper.record";
import { SelectedSummary, SUMMARY_PROPERTIES, summaryFromValues, SummaryProjection, summaryValues } from "../summaries/summary.record";

export type SearchField = "TITLE" | "ABSTRACT" | "SUMMARY";
export const ALL_SEARCH_FIELDS: SearchField[] = ["TITLE", "ABSTRACT", "SUMMARY"];

export interface SearchHitRecord {
  score: number;
  field: SearchField;
  /** The id of the matched node: the paper's, or the summary's for a SUMMARY hit. */
  key: string;
  paper: SelectedPaper;
  summary: SelectedSummary | null;
}

/** Keyset of a hit: score descending, then field, then key; unique, so pages never overlap or skip. */
export interface SearchKeyset {
  score: number;
  field: SearchField;
  key: string;
}

// Each branch runs only when its field is asked for: a skipped branch never touches its index.
const HITS = `
CALL () {
  WITH 1 AS _ WHERE "TITLE" IN $fields
  CALL db.index.fulltext.queryNodes("paper_title", $query) YIELD node, score
  RETURN node AS p, null AS s, "TITLE" AS field, score
  UNION ALL
  WITH 1 AS _ WHERE "ABSTRACT" IN $fields
  CALL db.index.fulltext.queryNodes("paper_abstract", $query) YIELD node, score
  RETURN node AS p, null AS s, "ABSTRACT" AS field, score
  UNION ALL
  WITH 1 AS _ WHERE "SUMMARY" IN $fields
  CALL db.index.fulltext.queryNodes("summary_body", $query) YIELD node, score
  MATCH (node)-[:SUMMARIZES]->(p:Paper)
  RETURN p, node AS s, "SUMMARY" AS field, score
}`;

const SEARCH = `${HITS}
WITH p, s, field, score, coalesce(s.id, p.id) AS key
WHERE $after IS NULL OR score < $after.score
   OR (score = $after.score AND (field > $after.field OR (field = $after.field AND key > $after.key)))
WITH p, s, field, score, key ORDER BY score DESC, field, key LIMIT $limit
OPTIONAL MATCH (w:Person)-[:WROTE]->(s)
RETURN score, field, key, ${paperValues("p")} AS paper,
       CASE WHEN s IS NULL THEN null ELSE ${summaryValues("s", "p.id", "w", "summaryProps")} END AS summary
ORDER BY score DESC, field, key`;

const COUNT = `${HITS}
RETURN count(*) AS n`;

export class SearchRepository {
  constructor(private readonly db: Database) {}

  /** `query` must already be a safe Lucene query (see toLuceneQuery). */
  async search(
    query: string,
    fields: SearchField[],
    after: SearchKeyset | null,
    limit: number,
    props: { paper: PaperProjection; summary: SummaryProjection } = { paper: PAPER_PROPERTIES, summary: SUMMARY_PROPERTIES },
  ): Promise<SearchHitRecord[]> {
    const rows = await this.db.read(SEARCH, { query, fields, after, limit: int(limit), props: props.paper, summaryProps: props.summary });
    return rows.map((r) => {
      const s = r.summary as unknown[] | null;
      return {
        score: r.score as number,
        field: r.field as SearchField,
        key: r.key as string,
        paper: paperFromValues(r.paper, props.paper),
        summary: s && summaryFromValues(s, props.summary),
      };
    });
  }

  async count(query: string, fields: SearchField[]): Promise<number> {
    const [row] = await this.db.read(COUNT, { query, fields });
    return row.n as number;
  }
}
