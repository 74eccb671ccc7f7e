// Cypher for summaries: by id, by the paper they summarize, by writer, the feed, and the papers they mention.
import type { Database } from "../neo4j/database";
import { Group, Page, readGroups } from "../neo4j/page";
import { int } from "../neo4j/values";
import { perProjection } from "../neo4j/projection";
import { personName, writerOfKey } from "../people/person.record";
import { PAPER_PROPERTIES, PaperProjection, PaperProperty, paperValues, readPaperGroups, SelectedPaper } from "../papers/paper.record";
import { SelectedSummary, SUMMARY_PROPERTIES, summaryFromValues, SummaryProjection, SummaryProperty, summaryValues } from "./summary.record";

const FIND_BY_IDS = perProjection<SummaryProperty>((props) => `
UNWIND $ids AS id
MATCH (s:Summary {id: id})-[:SUMMARIZES]->(p:Paper)
OPTIONAL MATCH (w:Person)-[:WROTE]->(s)
RETURN id AS key, ${summaryValues("s", "p.id", "w", props)} AS summary`);

/**
 * A page of paper `p`'s summaries, oldest first, each with its writer, collected into the column `as`. The keyset is
 * (createdAt, id): `after` (a parameter) names the last summary seen, "" for the first page, or is null for a
 * statement that only ever reads first pages; `limit` is the page size. The one text of this read: the batch below
 * and the statements that read a first page along with their papers (papers, paper, search, and the papers of their
 * first pages) all use it. A paper's stored summaryCount (exact, schema-setup.ts PAPER_COUNTS) skips the papers with
 * none: finding SUMMARIZES among a paper's edges walks all its incoming citations too, most of the work when most
 * papers have no summary. Its variables (ps, pw, pc) are its own, so it may follow any clause that binds the paper
 * (`p`, or the variable `p` names).
 */
export function summaryPage(props: SummaryProjection, as: string, limit: string, after: string | null, p = "p"): string {
  const cursor = after === null ? "" : `\n  OPTIONAL MATCH (pc:Summary {id: ${after}})`;
  const afterCursor =
    after === null ? "" : `\n  WHERE ${after} = "" OR (pc IS NOT NULL AND (ps.createdAt > pc.createdAt OR (ps.createdAt = pc.createdAt AND ps.id > pc.id)))`;
  return `CALL (${p}) {
  WITH ${p} WHERE ${p}.summaryCount > 0${cursor}
  MATCH (ps:Summary)-[:SUMMARIZES]->(${p})${afterCursor}
  WITH ${p}, ps ORDER BY ps.createdAt, ps.id LIMIT ${limit}
  OPTIONAL MATCH (pw:Person)-[:WROTE]->(ps)
  WITH ${p}, ps, pw ORDER BY ps.createdAt, ps.id
  RETURN collect(${summaryValues("ps", `${p}.id`, "pw", props)}) AS ${as}
}`;
}

const BY_PAPER_IDS = perProjection<SummaryProperty>((props) => `
UNWIND $ids AS id
MATCH (p:Paper {id: id})
${summaryPage(props, "items", "$limit", "$after")}
RETURN id AS key, items`);

// The writers of a batch, each as writerOfKey reads its key: an author Person by name, or an identity's own node
// by its identity key (src/people/person.record.ts writerKey). Binds `writer` (the key's parts) and `a` (the Person).
const WRITERS = `
UNWIND $writers AS writer
CALL (writer) {
  MATCH (a:Person {name: writer.name}) RETURN a
  UNION
  MATCH (a:Person {identity: writer.identity}) RETURN a
}`;

// Newest first, as the feed; the keyset is (createdAt desc, id) and $after names the last summary seen.
const BY_WRITERS = perProjection<SummaryProperty>((props) => `${WRITERS}
OPTIONAL MATCH (c:Summary {id: $after})
CALL (a, c) {
  MATCH (a)-[:WROTE]->(s:Summary)
  WHERE $after = "" OR (c IS NOT NULL AND (s.createdAt < c.createdAt OR (s.createdAt = c.createdAt AND s.id > c.id)))
  WITH s ORDER BY s.createdAt DESC, s.id LIMIT $limit
  MATCH (s)-[:SUMMARIZES]->(p:Paper)
  RETURN s, p
}
WITH writer, a, s, p ORDER BY s.createdAt DESC, s.id
RETURN writer.key AS key, collect(${summaryValues("s", "p.id", "a", props)}) AS items`);

const SUMMARY_COUNT_BY_WRITERS = `${WRITERS}
RETURN writer.key AS key, COUNT { (a)-[:WROTE]->(:Summary) } AS n`;

/**
 * A summary's votes as the feed orders, filters and pages them: the one place that says what "votes" is. Today the
 * stored counter, which every writer sets (0 at creation), bare rather than coalesced so that the summary_votes
 * index answers TOP in order (a coalesce hides the property from the planner: docs/api.md#the-summaries-feed). Should
 * votes become derived (say from VOTED edges), this expression changes and nothing else in the feed does.
 */
export const SUMMARY_VOTES = (s: string) => `${s}.votes`;

export type SummaryFeedOrder = "NEWEST" | "TOP";

/** Where a feed page starts, per order: after the summary with this sort value and id. */
export interface SummaryFeedKeys {
  /** createdAt as seconds since the epoch and nanoseconds, so a cursor holds it exactly, whatever its precision. */
  NEWEST: { seconds: number; nanos: number; id: string };
  TOP: { votes: number; id: string };
}

export interface SummaryFeedFilter {
  /** A paper id proper (already resolved from whatever form the client gave). */
  paperId?: string;
  /** The name the writer shows (Summary.author.name): an author's name, or a signed-in writer's display name. */
  authorName?: string;
  /** Written at or after this instant. */
  since?: Date;
}

export interface SummaryFeedQuery<O extends SummaryFeedOrder> {
  filter: SummaryFeedFilter;
  orderBy: O;
  after: SummaryFeedKeys[O] | null;
  limit: number;
}

// Where the feed starts reading: the paper's or the writer's own summaries when the filter names one, so a narrow
// feed reads only those; otherwise every summary, through the index of the order's sort key, in that order.
type FeedAnchor = "all" | "paper" | "writer";
const FEED_ANCHORS: Record<FeedAnchor, string> = {
  all: "MATCH (s:Summary)",
  paper: "MATCH (:Paper {id: $paperId})<-[:SUMMARIZES]-(s:Summary)",
  // The name a writer shows (personName): an author's, or a display name of a node without one; an index each.
  writer: `CALL () {
  MATCH (w:Person {name: $authorName}) RETURN w
  UNION
  MATCH (w:Person {displayName: $authorName}) WHERE w.name IS NULL RETURN w
}
MATCH (w)-[:WROTE]->(s:Summary)`,
};

function feedAnchor(f: SummaryFeedFilter): FeedAnchor {
  return f.paperId != null ? "paper" : f.authorName != null ? "writer" : "all";
}

// The filters the anchor has not applied already; each is off when its parameter is null.
const FEED_FILTERS = `($since IS NULL OR s.createdAt >= datetime($since))
  AND ($authorName IS NULL OR EXISTS { MATCH (fw:Person)-[:WROTE]->(s) WHERE ${personName("fw")} = $authorName })`;

// Per order: the sort value, the value $after holds, and the keyset the next page starts from. Both orders are
// descending with ties by id ascending; a fixed allow-list, never built from user input. The first page starts
// after FEED_START (a keyset before every summary), so each statement is one range on the sort key that the
// key's index can answer in order.
const FEED_SORTS: Record<SummaryFeedOrder, { key: string; index: string; after: string; keyset: string }> = {
  NEWEST: {
    key: "s.createdAt",
    index: "createdAt",
    after: "datetime({epochSeconds: $after.seconds, nanosecond: $after.nanos})",
    keyset: "{seconds: s.createdAt.epochSeconds, nanos: s.createdAt.nanosecond, id: s.id}",
  },
  TOP: { key: SUMMARY_VOTES("s"), index: "votes", after: "$after.votes", keyset: `{votes: ${SUMMARY_VOTES("s")}, id: s.id}` },
};

// 0001-01-01T00:00:00Z, the first instant RFC 3339 can write: listAddedSince's earliest `since`.
const EARLIEST_MS = -62_135_596_800_000;
// Beyond its timeout, how much longer a write transaction may go on and commit: Neo4j looks for transactions past
// their time every 2 s (db.transaction.monitor.check.interval's default in 5.26), and stops none already committing.
// A commit slower than the rest of this could still be missed by listAddedSince.
const ADDED_SINCE_SLACK_MS = 5_000;
// What an added summary's event holds besides the id (its paper's id always comes along).
const ADDED_PROPS = ["id", "createdBy"] as const;

const FEED_START: { [O in SummaryFeedOrder]: SummaryFeedKeys[O] } = {
  // 9999-12-31T23:59:59.999999999Z, the last instant RFC 3339 (and so the DateTime scalar) can write.
  NEWEST: { seconds: 253_402_300_799, nanos: 999_999_999, id: "" },
  TOP: { votes: Number.MAX_SAFE_INTEGER, id: "" },
};

const feedStatement = (order: SummaryFeedOrder, anchor: FeedAnchor, props: SummaryProjection) => {
  const { key, index, after, keyset } = FEED_SORTS[order];
  // The tie-break is a CASE, not an OR: the planner splits an OR into a union of two seeks and then sorts every
  // summary; the hint keeps it on the sort key's index, read in order (measured: docs/api.md#the-summaries-feed).
  const hint = anchor === "all" ? `\nUSING INDEX s:Summary(${index})` : "";
  return `${FEED_ANCHORS[anchor]}${hint}
WHERE ${key} <= ${after} AND CASE WHEN ${key} < ${after} THEN true ELSE s.id > $after.id END
  AND ${FEED_FILTERS}
WITH s ORDER BY ${key} DESC, s.id LIMIT $limit
MATCH (s)-[:SUMMARIZES]->(p:Paper)
OPTIONAL MATCH (w:Person)-[:WROTE]->(s)
RETURN ${summaryValues("s", "p.id", "w", props)} AS summary, ${keyset} AS keyset
ORDER BY ${key} DESC, s.id`;
};

const ANCHOR_NAMES = Object.keys(FEED_ANCHORS) as FeedAnchor[];
const byAnchor = <T>(statement: (anchor: FeedAnchor) => T) =>
  Object.fromEntries(ANCHOR_NAMES.map((a) => [a, statement(a)])) as Record<FeedAnchor, T>;

const FEED: Record<SummaryFeedOrder, Record<FeedAnchor, (props: SummaryProjection) => string>> = {
  NEWEST: byAnchor((a) => perProjection((props) => feedStatement("NEWEST", a, props))),
  TOP: byAnchor((a) => perProjection((props) => feedStatement("TOP", a, props))),
};

const FEED_COUNT = byAnchor((a) => `${FEED_ANCHORS[a]}
WHERE ${FEED_FILTERS}
RETURN count(s) AS n`);

function filterParams(f: SummaryFeedFilter): Record<string, unknown> {
  return { paperId: f.paperId ?? null, authorName: f.authorName ?? null, since: f.since?.toISOString() ?? null };
}

/** The statement and parameters of a feed page (exported for test/profile/summary-feed.profile.ts). */
export function feedPageQuery(q: SummaryFeedQuery<SummaryFeedOrder>, props: SummaryProjection): { cypher: string; params: Record<string, unknown> } {
  const after = boltKeyset({ ...(q.after ?? FEED_START[q.orderBy]) });
  return { cypher: FEED[q.orderBy][feedAnchor(q.filter)](props), params: { ...filterParams(q.filter), after, limit: int(q.limit) } };
}

/** Integers go to Bolt as integers: datetime() refuses a float epochSeconds. */
function boltKeyset(after: Record<string, string | number>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(after).map(([k, v]) => [k, typeof v === "number" ? int(v) : v]));
}

const MENTIONS_BY_SUMMARY_IDS = perProjection<PaperProperty>((props) => `
UNWIND $ids AS id
MATCH (s:Summary {id: id})
CALL (s) {
  MATCH (s)-[:MENTIONS]->(m:Paper) WHERE m.id > $after
  RETURN m ORDER BY m.id LIMIT $limit
}
WITH id, m ORDER BY m.id
RETURN id AS key, collect(${paperValues("m", props)}) AS items`);

// One person's votes: their identity key is the same for every summary of the batch.
const VOTES_BY_SUMMARY_IDS = `
UNWIND $ids AS id
MATCH (:Person {identity: $identity})-[v:VOTED]->(:Summary {id: id})
RETURN id AS key, v.value AS value`;

export class SummaryRepository {
  constructor(private readonly db: Database) {}

  async findByIds(ids: readonly string[], props: SummaryProjection = SUMMARY_PROPERTIES): Promise<Array<{ key: string; summary: SelectedSummary }>> {
    const rows = await this.db.read(FIND_BY_IDS(props), { ids: [...ids] });
    return rows.map((r) => ({ key: r.key as string, summary: summaryFromValues(r.summary, props) }));
  }

  findByPaperIds(ids: readonly string[], page: Page, props: SummaryProjection = SUMMARY_PROPERTIES): Promise<Group<SelectedSummary>[]> {
    return readGroups(this.db, BY_PAPER_IDS(props), ids, page, (values) => summaryFromValues(values, props));
  }

  async findVotesBySummaryIds(ids: readonly string[], identity: string): Promise<Array<{ key: string; value: number }>> {
    const rows = await this.db.read(VOTES_BY_SUMMARY_IDS, { ids: [...ids], identity });
    return rows.map((r) => ({ key: r.key as string, value: r.value as number }));
  }

  /** A page of the feed, each summary with the keyset a cursor pointing at it holds. */
  async listFeed<O extends SummaryFeedOrder>(
    q: SummaryFeedQuery<O>,
    props: SummaryProjection = SUMMARY_PROPERTIES,
  ): Promise<Array<{ summary: SelectedSummary; keyset: SummaryFeedKeys[O] }>> {
    const { cypher, params } = feedPageQuery(q, props);
    const rows = await this.db.read(cypher, params);
    return rows.map((r) => ({ summary: summaryFromValues(r.summary, props), keyset: r.keyset as SummaryFeedKeys[O] }));
  }

  /**
   * What a client that read the feed (NEWEST) down from `newest` may not have, each part oldest first, with the
   * bookmarks of the state read (so that reading each of them elsewhere in a cluster waits for it). `newer`: the
   * summaries after `newest` in the feed, all of them up to `limit`, and `limit` + 1 when there are more (the caller
   * refuses). `earlier`: `newest` itself (a client's cursor and items may come from two reads) and those created up
   * to the transaction timeout and ADDED_SINCE_SLACK_MS before it, since createdAt is taken as a write transaction
   * runs, not as it commits, so one created earlier may have committed after the client's read; the client has most
   * of them, so they never refuse, and only the newest `limit` of them come (a burst of more within those seconds
   * can hide a late commit among the older ones). Read on the leader, which has every commit.
   */
  async listAddedSince(
    newest: SummaryFeedKeys["NEWEST"],
    paperId: string | null,
    limit: number,
  ): Promise<{ newer: SelectedSummary[]; earlier: SelectedSummary[]; bookmarks: string[] }> {
    const ms = newest.seconds * 1000 + Math.floor(newest.nanos / 1e6) - (this.db.transactionTimeoutMs ?? 0) - ADDED_SINCE_SLACK_MS;
    const since = new Date(Math.max(ms, EARLIEST_MS));
    const read = { filter: { paperId: paperId ?? undefined, since }, orderBy: "NEWEST" as const, after: null, limit: 2 * limit + 1 };
    const { cypher, params } = feedPageQuery(read, ADDED_PROPS);
    const { rows, bookmarks } = await this.db.readLatest(cypher, params);
    // Newest first: those after `newest` in the feed's order (createdAt descending, then id) are a prefix.
    const after = (k: SummaryFeedKeys["NEWEST"]) =>
      k.seconds !== newest.seconds ? k.seconds > newest.seconds : k.nanos !== newest.nanos ? k.nanos > newest.nanos : k.id < newest.id;
    const split = rows.findIndex((r) => !after(r.keyset as SummaryFeedKeys["NEWEST"]));
    const newerCount = split === -1 ? rows.length : split;
    const summaries = rows.map((r) => summaryFromValues(r.summary, ADDED_PROPS));
    return {
      newer: summaries.slice(0, Math.min(newerCount, limit + 1)).reverse(),
      earlier: summaries.slice(newerCount, newerCount + limit).reverse(),
      bookmarks,
    };
  }

  async countFeed(filter: SummaryFeedFilter): Promise<number> {
    const [row] = await this.db.read(FEED_COUNT[feedAnchor(filter)], filterParams(filter));
    return row.n as number;
  }

  /** Each writer's summaries, newest first, by writer key (writerKey); `page.after` is a summary id. */
  findByWriters(keys: readonly string[], page: Page, props: SummaryProjection = SUMMARY_PROPERTIES): Promise<Group<SelectedSummary>[]> {
    return readGroups(this.db, BY_WRITERS(props), keys, page, (values) => summaryFromValues(values, props), { writers: keys.map(writerOfKey) });
  }

  async countByWriters(keys: readonly string[]): Promise<Array<{ key: string; count: number }>> {
    const rows = await this.db.read(SUMMARY_COUNT_BY_WRITERS, { writers: keys.map(writerOfKey) });
    return rows.map((r) => ({ key: r.key as string, count: r.n as number }));
  }

  findMentionsBySummaryIds(ids: readonly string[], page: Page, props: PaperProjection = PAPER_PROPERTIES): Promise<Group<SelectedPaper>[]> {
    return readPaperGroups(this.db, MENTIONS_BY_SUMMARY_IDS, ids, page, props);
  }
}
