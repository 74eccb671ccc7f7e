// Cypher for summaries: by id, by the paper they summarize, and the papers they mention.
import type { Database } from "../neo4j/database";
import { Group, Page, readGroups } from "../neo4j/page";
import { Row } from "../neo4j/values";
import { PaperRecord, toPaper } from "../papers/paper.repository";

export interface SummaryRecord {
  id: string;
  body: string;
  votes: number;
  createdAt: string;
  paperId: string;
  authorName: string | null;
}

const FIND_BY_IDS = `
UNWIND $ids AS id
MATCH (s:Summary {id: id})-[:SUMMARIZES]->(p:Paper)
OPTIONAL MATCH (w:Person)-[:WROTE]->(s)
RETURN id AS key, s {.*, paperId: p.id, authorName: w.name} AS summary`;

// Oldest first; the keyset is (createdAt, id) and $after names the last summary seen.
const BY_PAPER_IDS = `
UNWIND $ids AS id
MATCH (p:Paper {id: id})
OPTIONAL MATCH (c:Summary {id: $after})
CALL (p, c) {
  MATCH (s:Summary)-[:SUMMARIZES]->(p)
  WHERE $after = "" OR (c IS NOT NULL AND (s.createdAt > c.createdAt OR (s.createdAt = c.createdAt AND s.id > c.id)))
  WITH s ORDER BY s.createdAt, s.id LIMIT $limit
  OPTIONAL MATCH (w:Person)-[:WROTE]->(s)
  RETURN s, w.name AS authorName
}
WITH id, p, s, authorName ORDER BY s.createdAt, s.id
RETURN id AS key, collect(s {.*, paperId: p.id, authorName: authorName}) AS items`;

const MENTIONS_BY_SUMMARY_IDS = `
UNWIND $ids AS id
MATCH (s:Summary {id: id})
CALL (s) {
  MATCH (s)-[:MENTIONS]->(m:Paper) WHERE m.id > $after
  RETURN m ORDER BY m.id LIMIT $limit
}
WITH id, m ORDER BY m.id
RETURN id AS key, collect(m {.*}) AS items`;

export function toSummary(row: Row): SummaryRecord {
  return {
    id: row.id as string,
    body: row.body as string,
    votes: (row.votes as number) ?? 0,
    createdAt: row.createdAt as string,
    paperId: row.paperId as string,
    authorName: (row.authorName as string) ?? null,
  };
}

export class SummaryRepository {
  constructor(private readonly db: Database) {}

  async findByIds(ids: readonly string[]): Promise<Array<{ key: string; summary: SummaryRecord }>> {
    const rows = await this.db.read(FIND_BY_IDS, { ids: [...ids] });
    return rows.map((r) => ({ key: r.key as string, summary: toSummary(r.summary as Row) }));
  }

  findByPaperIds(ids: readonly string[], page: Page): Promise<Group<SummaryRecord>[]> {
    return readGroups(this.db, BY_PAPER_IDS, ids, page, toSummary);
  }

  findMentionsBySummaryIds(ids: readonly string[], page: Page): Promise<Group<PaperRecord>[]> {
    return readGroups(this.db, MENTIONS_BY_SUMMARY_IDS, ids, page, toPaper);
  }
}
