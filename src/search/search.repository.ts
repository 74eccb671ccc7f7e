// Cypher for full-text search over paper titles, paper abstracts and summary bodies (one Neo4j full-text index
// each, created in neo4j/schema-setup, so every hit knows which field matched).
import type { Database } from "../neo4j/database";
import { int } from "../neo4j/values";
import { statementCache } from "../neo4j/projection";
import { PAPER_PROPERTIES, PaperProjection, paperFromValues, paperValues, SelectedPaper } from "../papers/paper.record";
import { SelectedSummary, SUMMARY_PROPERTIES, summaryFromValues, SummaryProjection, summaryValues } from "../summaries/summary.record";
import { FirstPages, FirstPagesQuery, firstPagesCalls, firstPagesColumns, firstPagesFromRow, firstPagesKey, firstPagesParams } from "../papers/paper.repository";

export type SearchField = "TITLE" | "ABSTRACT" | "SUMMARY";
export const ALL_SEARCH_FIELDS: SearchField[] = ["TITLE", "ABSTRACT", "SUMMARY"];

export interface SearchHitRecord {
  score: number;
  field: SearchField;
  /** The id of the matched node: the paper's, or the summary's for a SUMMARY hit. */
  key: string;
  paper: SelectedPaper;
  summary: SelectedSummary | null;
  /** The first pages of the paper's lists that SearchProjection.pages asked for. */
  pages: FirstPages;
}

/** Keyset of a hit: score descending, then field, then key; unique, so pages never overlap or skip. */
export interface SearchKeyset {
  score: number;
  field: SearchField;
  key: string;
}

// One branch per field asked for, and only those: a statement per field set, so a search of titles alone is one
// index call with nothing to skip.
const HIT_BRANCHES: Record<SearchField, string> = {
  TITLE: `CALL db.index.fulltext.queryNodes("paper_title", $query) YIELD node, score
  RETURN node AS p, null AS s, "TITLE" AS field, score`,
  ABSTRACT: `CALL db.index.fulltext.queryNodes("paper_abstract", $query) YIELD node, score
  RETURN node AS p, null AS s, "ABSTRACT" AS field, score`,
  SUMMARY: `CALL db.index.fulltext.queryNodes("summary_body", $query) YIELD node, score
  MATCH (node)-[:SUMMARIZES]->(p:Paper)
  RETURN p, node AS s, "SUMMARY" AS field, score`,
};

const hits = (fields: readonly SearchField[]) => `CALL () {
  ${fields.map((f) => HIT_BRANCHES[f]).join("\n  UNION ALL\n  ")}
}`;

/** What one search reads: the projections, and which first pages of each hit paper's lists come along. */
export interface SearchProjection {
  paper: PaperProjection;
  /** The matched summary of a SUMMARY hit. */
  summary: SummaryProjection;
  /** The first pages of each hit paper's lists (as its list fields read them), read in the same statement. */
  pages?: FirstPagesQuery;
}

const SEARCH = statementCache(
  ({ fields, props }: { fields: readonly SearchField[]; props: SearchProjection }) => `${hits(fields)}
WITH p, s, field, score, coalesce(s.id, p.id) AS key
WHERE $after IS NULL OR score < $after.score
   OR (score = $after.score AND (field > $after.field OR (field = $after.field AND key > $after.key)))
WITH p, s, field, score, key ORDER BY score DESC, field, key LIMIT $limit
OPTIONAL MATCH (w:Person)-[:WROTE]->(s)
${firstPagesCalls(props.pages)}
RETURN score, field, key, ${paperValues("p", props.paper)} AS paper,
       CASE WHEN s IS NULL THEN null ELSE ${summaryValues("s", "p.id", "w", props.summary)} END AS summary${firstPagesColumns(props.pages)}
ORDER BY score DESC, field, key`,
  ({ fields, props }) => [fields.join(), props.paper.join(), props.summary.join(), firstPagesKey(props.pages)].join("|"),
);

const COUNT = statementCache(
  (fields: readonly SearchField[]) => `${hits(fields)}
RETURN count(*) AS n`,
  (fields) => fields.join(),
);

/** Each field once, in ALL_SEARCH_FIELDS order: one statement per set, whatever order the client named them in. */
const fieldSet = (fields: readonly SearchField[]) => ALL_SEARCH_FIELDS.filter((f) => fields.includes(f));

export class SearchRepository {
  constructor(private readonly db: Database) {}

  /** `query` must already be a safe Lucene query (see toLuceneQuery); `fields` not empty. */
  async search(
    query: string,
    fields: SearchField[],
    after: SearchKeyset | null,
    limit: number,
    props: SearchProjection = { paper: PAPER_PROPERTIES, summary: SUMMARY_PROPERTIES },
  ): Promise<SearchHitRecord[]> {
    const cypher = SEARCH({ fields: fieldSet(fields), props });
    const rows = await this.db.read(cypher, { query, after, limit: int(limit), ...firstPagesParams(props.pages) });
    return rows.map((r) => {
      const s = r.summary as unknown[] | null;
      return {
        score: r.score as number,
        field: r.field as SearchField,
        key: r.key as string,
        paper: paperFromValues(r.paper, props.paper),
        summary: s && summaryFromValues(s, props.summary),
        pages: firstPagesFromRow(r, props.pages),
      };
    });
  }

  async count(query: string, fields: SearchField[]): Promise<number> {
    const [row] = await this.db.read(COUNT(fieldSet(fields)), { query });
    return row.n as number;
  }
}
