// Cypher for summaries: by id, by the paper they summarize, and the papers they mention.
import type { Database } from "../neo4j/database";
import { Group, Page, readGroups } from "../neo4j/page";
import { Row, zipRow } from "../neo4j/values";
import { PAPER_PROPERTIES, PaperProjection, PaperRecord, paperValues, readPaperGroups } from "../papers/paper.repository";

export interface SummaryRecord {
  id: string;
  body: string;
  votes: number;
  createdAt: string;
  paperId: string;
  authorName: string | null;
}

/** The stored properties of a Summary node, in the order reads return them. */
export const SUMMARY_PROPERTIES = ["id", "body", "votes", "createdAt"] as const;
export type SummaryProperty = (typeof SUMMARY_PROPERTIES)[number];
/** Which properties a read returns (see PaperProjection); the paper's id and the author's name always come along. */
export type SummaryProjection = readonly SummaryProperty[];

/** The projection that answers a selection of Summary fields: bodyHtml is made from the body. */
export function summaryProjection(selected: ReadonlySet<string>): SummaryProjection {
  return SUMMARY_PROPERTIES.filter((p) => p === "id" || selected.has(p) || (p === "body" && selected.has("bodyHtml")));
}

/**
 * A summary's projected properties (named by the parameter `$<propsParam>`), then its paper's id and its author's
 * name, as one list (see zipRow).
 */
export const summaryValues = (s: string, paperId: string, authorName: string, propsParam = "props") =>
  `[k IN $${propsParam} | ${s}[k]] + [${paperId}, ${authorName}]`;

/** A summary read as `summaryValues` under `props`. */
export function summaryFromValues(values: unknown, props: SummaryProjection): SummaryRecord {
  return toSummary(zipRow([...props, "paperId", "authorName"], values as unknown[]));
}

const FIND_BY_IDS = `
UNWIND $ids AS id
MATCH (s:Summary {id: id})-[:SUMMARIZES]->(p:Paper)
OPTIONAL MATCH (w:Person)-[:WROTE]->(s)
RETURN id AS key, ${summaryValues("s", "p.id", "w.name")} AS summary`;

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
RETURN id AS key, collect(${summaryValues("s", "p.id", "authorName")}) AS items`;

const MENTIONS_BY_SUMMARY_IDS = `
UNWIND $ids AS id
MATCH (s:Summary {id: id})
CALL (s) {
  MATCH (s)-[:MENTIONS]->(m:Paper) WHERE m.id > $after
  RETURN m ORDER BY m.id LIMIT $limit
}
WITH id, m ORDER BY m.id
RETURN id AS key, collect(${paperValues("m")}) AS items`;

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

  async findByIds(ids: readonly string[], props: SummaryProjection = SUMMARY_PROPERTIES): Promise<Array<{ key: string; summary: SummaryRecord }>> {
    const rows = await this.db.read(FIND_BY_IDS, { ids: [...ids], props });
    return rows.map((r) => ({ key: r.key as string, summary: summaryFromValues(r.summary, props) }));
  }

  findByPaperIds(ids: readonly string[], page: Page, props: SummaryProjection = SUMMARY_PROPERTIES): Promise<Group<SummaryRecord>[]> {
    return readGroups(this.db, BY_PAPER_IDS, ids, page, (values) => summaryFromValues(values, props), { props });
  }

  findMentionsBySummaryIds(ids: readonly string[], page: Page, props: PaperProjection = PAPER_PROPERTIES): Promise<Group<PaperRecord>[]> {
    return readPaperGroups(this.db, MENTIONS_BY_SUMMARY_IDS, ids, page, props);
  }
}
