// Cypher for summaries: by id, by the paper they summarize, and the papers they mention.
import type { Database } from "../neo4j/database";
import { Group, Page, readGroups } from "../neo4j/page";
import { PAPER_PROPERTIES, PaperProjection, paperValues, SelectedPaper } from "../papers/paper.record";
import { readPaperGroups } from "../papers/paper.repository";
import { SelectedSummary, SUMMARY_PROPERTIES, summaryFromValues, SummaryProjection, summaryValues } from "./summary.record";

const FIND_BY_IDS = `
UNWIND $ids AS id
MATCH (s:Summary {id: id})-[:SUMMARIZES]->(p:Paper)
OPTIONAL MATCH (w:Person)-[:WROTE]->(s)
RETURN id AS key, ${summaryValues("s", "p.id", "w")} AS summary`;

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
  RETURN s, w
}
WITH id, p, s, w ORDER BY s.createdAt, s.id
RETURN id AS key, collect(${summaryValues("s", "p.id", "w")}) AS items`;

const MENTIONS_BY_SUMMARY_IDS = `
UNWIND $ids AS id
MATCH (s:Summary {id: id})
CALL (s) {
  MATCH (s)-[:MENTIONS]->(m:Paper) WHERE m.id > $after
  RETURN m ORDER BY m.id LIMIT $limit
}
WITH id, m ORDER BY m.id
RETURN id AS key, collect(${paperValues("m")}) AS items`;

// One person's votes: their identity key is the same for every summary of the batch.
const VOTES_BY_SUMMARY_IDS = `
UNWIND $ids AS id
MATCH (:Person {identity: $identity})-[v:VOTED]->(:Summary {id: id})
RETURN id AS key, v.value AS value`;

export class SummaryRepository {
  constructor(private readonly db: Database) {}

  async findByIds(ids: readonly string[], props: SummaryProjection = SUMMARY_PROPERTIES): Promise<Array<{ key: string; summary: SelectedSummary }>> {
    const rows = await this.db.read(FIND_BY_IDS, { ids: [...ids], props });
    return rows.map((r) => ({ key: r.key as string, summary: summaryFromValues(r.summary, props) }));
  }

  findByPaperIds(ids: readonly string[], page: Page, props: SummaryProjection = SUMMARY_PROPERTIES): Promise<Group<SelectedSummary>[]> {
    return readGroups(this.db, BY_PAPER_IDS, ids, page, (values) => summaryFromValues(values, props), { props });
  }

  async findVotesBySummaryIds(ids: readonly string[], identity: string): Promise<Array<{ key: string; value: number }>> {
    const rows = await this.db.read(VOTES_BY_SUMMARY_IDS, { ids: [...ids], identity });
    return rows.map((r) => ({ key: r.key as string, value: r.value as number }));
  }

  findMentionsBySummaryIds(ids: readonly string[], page: Page, props: PaperProjection = PAPER_PROPERTIES): Promise<Group<SelectedPaper>[]> {
    return readPaperGroups(this.db, MENTIONS_BY_SUMMARY_IDS, ids, page, props);
  }
}
