// Causal consistency over HTTP: a response to a request that wrote carries its bookmark (Neo4j-Bookmark header and
// extensions.bookmark); a client that sends it back reads at least that state; a bookmark the database has not reached
// makes the request wait Neo4j's db.transaction.bookmark_ready_timeout (2 s in the test run's Neo4j) and fail as
// retryable, which proves the bookmark reaches Neo4j; a malformed one is BAD_USER_INPUT and changes nothing.
import type { SessionConfig } from "neo4j-driver";
import { graphql } from "graphql";
import { startSeededServer, stopSeededServer, TestServer } from "../helpers/server";
import { spiedDriver, type TestDatabase } from "../helpers/database";
import { asContributor } from "../helpers/tokens";
import { bookmarkAhead } from "../helpers/bookmarks";
import { Database } from "../../src/neo4j/database";
import { buildAppSchema } from "../../src/graphql/schema";
import { SUMMARY_ADDED } from "../../src/summaries/summary-events";
import { createContext } from "../../src/graphql/context";
import { createLogger } from "../../src/logger";
import { CURATOR } from "../helpers/tokens";
import { SummaryRepository } from "../../src/summaries/summary.repository";

const FIRST_SUMMARY = `{ summaries(first: 1, orderBy: NEWEST) { edges { node { id votes } } } }`;
const VOTE = `mutation($id: ID!, $value: Int!) { voteSummary(id: $id, value: $value) { id votes } }`;
const VOTES = `query($id: ID!) { summary(id: $id) { votes } }`;

interface RawResponse {
  status: number;
  bookmarkHeader: string | null;
  body: { data?: any; errors?: Array<{ message: string; extensions?: Record<string, unknown> }>; extensions?: Record<string, unknown> };
}

describe("bookmarks", () => {
  let t: TestDatabase;
  let server: TestServer;
  let summaryId: string;
  let votesBefore: number;

  beforeAll(async () => {
    ({ t, server } = await startSeededServer());
    const first = (await server.query(FIRST_SUMMARY)).data!.summaries.edges[0].node;
    summaryId = first.id;
    votesBefore = first.votes;
  });
  afterAll(() => stopSeededServer({ t, server }));

  async function post(query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}): Promise<RawResponse> {
    const res = await fetch(server.url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ query, variables }) });
    return { status: res.status, bookmarkHeader: res.headers.get("neo4j-bookmark"), body: (await res.json()) as RawResponse["body"] };
  }

  async function vote(value: number, headers: Record<string, string> = {}): Promise<RawResponse> {
    return post(VOTE, { id: summaryId, value }, { ...(await asContributor("Bookmark Voter")), ...headers });
  }

  it("hands out a bookmark after a write, in the header and in extensions, and none after a read", async () => {
    const written = await vote(1);
    expect(written.body.errors).toBeUndefined();
    expect(written.bookmarkHeader).toMatch(/^FB:[A-Za-z0-9+/]+={0,2}$/);
    expect(written.body.extensions?.bookmark).toBe(written.bookmarkHeader);

    const read = await post(VOTES, { id: summaryId });
    expect(read.body.data).toEqual({ summary: { votes: votesBefore + 1 } });
    expect(read.bookmarkHeader).toBeNull();
    expect(read.body.extensions?.bookmark).toBeUndefined();
  });

  it("reads at least the state of a genuine bookmark", async () => {
    const written = await vote(-1);
    const read = await post(VOTES, { id: summaryId }, { "neo4j-bookmark": written.bookmarkHeader! });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ data: { summary: { votes: votesBefore - 1 } } });
    expect(read.body.errors).toBeUndefined();
    // A later write hands out a later bookmark.
    const again = await vote(0, { "neo4j-bookmark": written.bookmarkHeader! });
    expect(again.bookmarkHeader).not.toBe(written.bookmarkHeader);
  });

  it("fails a read as retryable BOOKMARK_NOT_REACHED when the bookmark is ahead of the database", async () => {
    const { bookmarkHeader } = await vote(1);
    const read = await post(VOTES, { id: summaryId }, { "neo4j-bookmark": bookmarkAhead(bookmarkHeader!) });
    expect(read.body.data).toEqual({ summary: null });
    expect(read.body.errors).toHaveLength(1);
    expect(read.body.errors![0].extensions).toEqual({ code: "BOOKMARK_NOT_REACHED", retryable: true });
  });

  it("answers a nested query ahead of the database with the same error (the request waits once, not per statement)", async () => {
    const { bookmarkHeader } = await vote(0);
    const FEED = `{ a: summaries(first: 3) { edges { node { id paper { title } author { name } } } } b: topCited(first: 3) { count } }`;
    const read = await post(FEED, {}, { "neo4j-bookmark": bookmarkAhead(bookmarkHeader!) });
    expect(read.body.data).toBeNull();
    // Both fields are non-null: the first failure nulls the whole answer.
    expect(read.body.errors!.map((e) => e.extensions)).toEqual([{ code: "BOOKMARK_NOT_REACHED", retryable: true }]);
  });

  it("refuses a write ahead of the database the same way, and it changes nothing", async () => {
    const { bookmarkHeader } = await vote(0);
    const refused = await vote(1, { "neo4j-bookmark": bookmarkAhead(bookmarkHeader!) });
    expect(refused.body.errors?.[0].extensions).toEqual({ code: "BOOKMARK_NOT_REACHED", retryable: true });
    expect((await post(VOTES, { id: summaryId })).body.data).toEqual({ summary: { votes: votesBefore } });
  });

  it.each([
    ["not a bookmark", "nonsense"],
    ["an empty item", "FB:abc,,FB:def"],
    ["too long", `FB:${"a".repeat(1100)}`],
    ["too many", Array.from({ length: 17 }, (_, i) => `FB:a${i}`).join(",")],
    ["characters outside base64", "FB:kcwQ<script>"],
  ])("refuses a malformed bookmark (%s) with BAD_USER_INPUT and HTTP 400, changing nothing", async (_why, bookmark) => {
    const refused = await vote(1, { "neo4j-bookmark": bookmark });
    expect(refused.status).toBe(400);
    expect(refused.body.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect((await post(VOTES, { id: summaryId })).body.data).toEqual({ summary: { votes: votesBefore } });
  });

  it("refuses a well-shaped bookmark Neo4j cannot read with BAD_USER_INPUT", async () => {
    const refused = await vote(1, { "neo4j-bookmark": "FB:kcwQZpZAnIyYSDSWc1zZnuPXMUzz" });
    expect(refused.body.errors?.[0].extensions).toEqual({ code: "BAD_USER_INPUT" });
    expect((await post(VOTES, { id: summaryId })).body.data).toEqual({ summary: { votes: votesBefore } });
  });
});

describe("one request's sessions", () => {
  let t: TestDatabase;
  let server: TestServer;
  beforeAll(async () => ({ t, server } = await startSeededServer()));
  afterAll(() => stopSeededServer({ t, server }));

  it("share the request's bookmark manager from its first write on, reads after the write included", async () => {
    const configs: SessionConfig[] = [];
    const spied = spiedDriver(t.driver, (_, config) => configs.push(config));
    const context = createContext(new Database(spied, "neo4j"), createLogger("silent"), { viewer: CURATOR });
    const res = await graphql({
      schema: await buildAppSchema(),
      source: `mutation { addCitation(from: "journals/corr/1502.04623", to: "journals/corr/1512.03385") { from { title } to { title citationCount } } }`,
      contextValue: context,
    });
    expect(res.errors).toBeUndefined();
    // The reads that check both papers exist, the write, then the reads of the answer in sessions of their own.
    const write = configs.findIndex((c) => c.defaultAccessMode === "WRITE");
    expect(write).toBeGreaterThan(0);
    expect(configs.slice(write + 1).map((c) => c.defaultAccessMode)).toContain("READ");
    for (const config of configs.slice(write)) expect(config.bookmarkManager).toBe(context.bookmarks.manager);
    // Before it, with no bookmark from the client, a read has nothing to wait for and goes without the manager.
    for (const config of configs.slice(0, write)) expect(config.bookmarkManager).toBeUndefined();
    expect(await context.bookmarks.afterWrites()).toEqual([expect.stringMatching(/^FB:/)]);
  });

  it("read what summaryAdded(after:) sends first on the leader, and hand on the bookmarks of the state read", async () => {
    const configs: SessionConfig[] = [];
    const spied = spiedDriver(t.driver, (_, config) => configs.push(config));
    const summaries = new SummaryRepository(new Database(spied, "neo4j", { transactionTimeoutMs: 5_000 }));
    const [newest] = await summaries.listFeed({ filter: {}, orderBy: "NEWEST", after: null, limit: 1 });
    configs.length = 0;
    const since = await summaries.listAddedSince(newest.keyset, null, 10);
    // A session in write mode is routed to the leader, which has every commit; a read session may go to a follower.
    expect(configs.map((c) => c.defaultAccessMode)).toEqual(["WRITE"]);
    expect(since.earlier.map((s) => s.id)).toContain(newest.summary.id);
    expect(since.bookmarks).toEqual([expect.stringMatching(/^FB:/)]);
  });

  it("hand the write's bookmarks to the subscribers' event, so their reads wait for it too", async () => {
    const context = createContext(t.db, createLogger("silent"), { viewer: CURATOR });
    const heard = context.events.subscribe(SUMMARY_ADDED)[Symbol.asyncIterator]().next();
    const res = await graphql({
      schema: await buildAppSchema(),
      source: `mutation { addSummary(paperId: "journals/corr/1512.03385", body: "Read after write.") { id } }`,
      contextValue: context,
    });
    expect(res.errors).toBeUndefined();
    const event = (await heard).value;
    expect(event.summaryId).toBe((res.data as any).addSummary.id);
    expect(event.bookmarks).toEqual(await context.bookmarks.afterWrites());
    expect(event.bookmarks).toEqual([expect.stringMatching(/^FB:/)]);
  });
});
