// GraphQL subscriptions over WebSocket against the real server and Neo4j: events after committed writes, filters,
// sign-in, the limits of HTTP, the caps, and messages that are not the protocol.
import WebSocket from "ws";
import { startSeededServer, startTestServer, stopSeededServer, TestServer } from "../helpers/server";
import { openTestDatabase, recordingDriver, type SentStatement, type TestDatabase } from "../helpers/database";
import { asContributor, CURATOR, mint, TEST_AUTH_SECRET } from "../helpers/tokens";
import { Feed, listening, subscriptionClient, SubscriptionClient, wsUrl } from "../helpers/subscriptions";
import { ExecutionResult, graphql, parse, subscribe } from "graphql";
import { buildAppSchema } from "../../src/graphql/schema";
import { createContext } from "../../src/graphql/context";
import { createLogger } from "../../src/logger";
import { Database } from "../../src/neo4j/database";
import { createSummaryEvents, MAX_PENDING_EVENTS, SUMMARY_ADDED, summaryEvent } from "../../src/summaries/summary-events";

const RESNET = "journals/corr/1512.03385";
const DCGAN_ARXIV = "1511.06434";
const ADDED = `subscription Added($paperId: ID) { summaryAdded(paperId: $paperId) { id body votes paper { id title } createdBy { name } } }`;
const VOTES = `subscription Votes($summaryId: ID, $paperId: ID) { summaryVotesChanged(summaryId: $summaryId, paperId: $paperId) { id votes } }`;
const ADD = `mutation($paperId: ID!, $body: String!) { addSummary(paperId: $paperId, body: $body) { id } }`;
const VOTE = `mutation($id: ID!, $value: Int!) { voteSummary(id: $id, value: $value) { id votes } }`;
const ADDED_AFTER = `subscription AddedAfter($paperId: ID, $after: String) { summaryAdded(paperId: $paperId, after: $after) { id paper { id } } }`;
const FEED = `query Feed($paperId: ID, $after: String, $order: SummaryOrder) {
  summaries(first: 100, after: $after, orderBy: $order, filter: { paperId: $paperId }) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }`;

/** The next result of `feed`, or a failure after 10 s: a result that never comes fails the test here, not at jest's timeout. */
function nextOf(feed: Feed): Promise<Record<string, any>> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error("no result within 10 s")), 10_000)));
  return Promise.race([feed.next(), late]).finally(() => clearTimeout(timer));
}

/** The ids summaryAdded sends until it sends `last`. */
async function addedUntil(feed: Feed, last: string): Promise<string[]> {
  const ids: string[] = [];
  while (ids.at(-1) !== last) ids.push((await nextOf(feed)).data.summaryAdded.id);
  return ids;
}

describe("subscriptions", () => {
  let t: TestDatabase;
  let server: TestServer;
  const clients: SubscriptionClient[] = [];
  const open = (authorization?: string, options?: { origin?: string }) => {
    const c = subscriptionClient(server, authorization, options);
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    ({ t, server } = await startSeededServer({ security: { subscriptions: { perConnection: 3, perCaller: 4, keepAliveMs: 12_000, initTimeoutMs: 3_000, origins: ["https://app.example.org"] } } }));
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.dispose()));
    await listening(server, 0);
  });
  afterAll(() => stopSeededServer({ t, server }));

  it("sends a summary added through the API, resolved through the normal types, to all and to its paper's subscribers only", async () => {
    const c = open();
    const all = c.subscribe(ADDED);
    const resnet = c.subscribe(ADDED, { paperId: RESNET });
    const dcgan = c.subscribe(ADDED, { paperId: DCGAN_ARXIV });
    await listening(server, 3);
    const me = await asContributor("Ada Live");
    const added = await server.query(ADD, { paperId: RESNET, body: "Residual blocks, live." }, me);
    const id = added.data!.addSummary.id;
    const expected = { data: { summaryAdded: { id, body: "Residual blocks, live.", votes: 0, paper: { id: RESNET, title: "Deep Residual Learning for Image Recognition" }, createdBy: { name: "Ada Live" } } } };
    expect(await all.next()).toEqual(expected);
    expect(await resnet.next()).toEqual(expected);
    // The DCGAN subscriber (named by arXiv id) hears its own paper's summary next, not ResNet's.
    const other = await server.query(ADD, { paperId: DCGAN_ARXIV, body: "GANs, live." }, me);
    expect((await dcgan.next()).data!.summaryAdded.id).toBe(other.data!.addSummary.id);
    expect((await all.next()).data!.summaryAdded.id).toBe(other.data!.addSummary.id);
  });

  it("sends the new vote count read from the store, for one summary or all of a paper", async () => {
    const c = open();
    const one = c.subscribe(VOTES, { summaryId: "shortscience/resnet" });
    const ofPaper = c.subscribe(VOTES, { paperId: DCGAN_ARXIV });
    await listening(server, 2);
    const before = (await server.query(`{ summary(id: "shortscience/resnet") { votes } }`)).data!.summary.votes;
    await server.query(VOTE, { id: "shortscience/resnet", value: 1 }, await asContributor("Voter One"));
    await server.query(VOTE, { id: "shortscience/resnet", value: -1 }, await asContributor("Voter Two"));
    expect(await one.next()).toEqual({ data: { summaryVotesChanged: { id: "shortscience/resnet", votes: before + 1 } } });
    expect(await one.next()).toEqual({ data: { summaryVotesChanged: { id: "shortscience/resnet", votes: before } } });
    await server.query(VOTE, { id: "shortscience/dcgan", value: 1 }, await asContributor("Voter One"));
    expect((await ofPaper.next()).data!.summaryVotesChanged.id).toBe("shortscience/dcgan");
  });

  it("sends an edited summary as it now reads and a deleted one's id and paper, to the subscribers of that summary or paper", async () => {
    const me = await asContributor("Editor Live");
    const id = (await server.query(ADD, { paperId: RESNET, body: "First words." }, me)).data!.addSummary.id;
    const other = (await server.query(ADD, { paperId: DCGAN_ARXIV, body: "Elsewhere." }, me)).data!.addSummary.id;
    const c = open();
    const edited = c.subscribe(`subscription E($summaryId: ID) { summaryEdited(summaryId: $summaryId) { id body paper { id } } }`, { summaryId: id });
    const editedOfPaper = c.subscribe(`subscription { summaryEdited(paperId: "${DCGAN_ARXIV}") { id body } }`);
    const deleted = c.subscribe(`subscription D($paperId: ID) { summaryDeleted(paperId: $paperId) { id paper { id title } } }`, { paperId: RESNET });
    await listening(server, 3);
    const EDIT = `mutation($id: ID!, $body: String!) { editSummary(id: $id, body: $body) { id } }`;
    await server.query(EDIT, { id: other, body: "Elsewhere, edited." }, me);
    await server.query(EDIT, { id, body: "Second words." }, me);
    expect(await edited.next()).toEqual({ data: { summaryEdited: { id, body: "Second words.", paper: { id: RESNET } } } });
    expect(await editedOfPaper.next()).toEqual({ data: { summaryEdited: { id: other, body: "Elsewhere, edited." } } });
    await server.query(`mutation($id: ID!) { deleteSummary(id: $id) { id } }`, { id: other }, me);
    await server.query(`mutation($id: ID!) { deleteSummary(id: $id) { id } }`, { id }, me);
    // The DCGAN summary's deletion is not ResNet's: the first event is the ResNet one.
    expect(await deleted.next()).toEqual({ data: { summaryDeleted: { id, paper: { id: RESNET, title: "Deep Residual Learning for Image Recognition" } } } });
  });

  it("refuses an unknown paper or summary with BAD_USER_INPUT", async () => {
    const c = open();
    await expect(c.subscribe(ADDED, { paperId: "no/such-paper" }).next()).resolves.toMatchObject({ errors: [{ extensions: { code: "BAD_USER_INPUT" } }] });
    await expect(c.subscribe(VOTES, { summaryId: "no-such-summary" }).next()).resolves.toMatchObject({ errors: [{ extensions: { code: "BAD_USER_INPUT" } }] });
    // Arguments out of their bounds are refused as a query's are, before anything is looked up or listened to.
    const tooLong = (name: string) => ({ errors: [{ message: expect.stringContaining(`${name} must be shorter than or equal to 300 characters`), extensions: { code: "BAD_USER_INPUT" } }] });
    await expect(c.subscribe(ADDED, { paperId: "p".repeat(301) }).next()).resolves.toMatchObject(tooLong("paperId"));
    await expect(c.subscribe(VOTES, { summaryId: "s".repeat(301) }).next()).resolves.toMatchObject(tooLong("summaryId"));
    await listening(server, 0);
  });

  it("with after, sends first what was added since the client read the feed, oldest first and of its paper only, then each new one once", async () => {
    const me = await asContributor("Late Reader");
    const add = async (paperId: string, body: string): Promise<string> => (await server.query(ADD, { paperId, body }, me)).data!.addSummary.id;
    // What the client read: the whole feed, and ResNet's.
    const all = (await server.query(FEED, {})).data!.summaries.edges as Array<{ cursor: string; node: { id: string } }>;
    const ofResnet = (await server.query(FEED, { paperId: RESNET })).data!.summaries.edges as Array<{ cursor: string; node: { id: string } }>;
    // Added after the read, before the subscriptions exist.
    const missed = [await add(RESNET, "Missed one."), await add(DCGAN_ARXIV, "Missed two."), await add(RESNET, "Missed three.")];
    const c = open();
    const everything = c.subscribe(ADDED_AFTER, { after: all[0].cursor });
    const resnet = c.subscribe(ADDED_AFTER, { paperId: RESNET, after: ofResnet[0].cursor });
    const got = await addedUntil(everything, missed[2]);
    const gotResnet = await addedUntil(resnet, missed[2]);
    expect(got.slice(-3)).toEqual(missed);
    expect(gotResnet.slice(-2)).toEqual([missed[0], missed[2]]);
    // Before them only summaries the client had (its newest, and any added shortly before it, which may have committed
    // after its read), each once.
    const held = new Set(all.map((e) => e.node.id));
    expect(got.slice(0, -3).filter((id) => !held.has(id))).toEqual([]);
    expect(gotResnet.slice(0, -2).filter((id) => !held.has(id) || !ofResnet.some((e) => e.node.id === id))).toEqual([]);
    expect(new Set(got).size).toBe(got.length);
    // Then live, each summary once: neither a missed one again nor anything in between.
    const live = await add(RESNET, "Live one.");
    expect((await nextOf(everything)).data.summaryAdded).toEqual({ id: live, paper: { id: RESNET } });
    expect((await nextOf(resnet)).data.summaryAdded).toEqual({ id: live, paper: { id: RESNET } });
    const later = await add(DCGAN_ARXIV, "Live two.");
    expect((await nextOf(everything)).data.summaryAdded.id).toBe(later);
  });

  it("with after, sends every summary from an old cursor on, and refuses a foreign cursor or more than 100 with BAD_USER_INPUT", async () => {
    const me = await asContributor("Returning Reader");
    // The oldest summary's cursor, at the end of the feed.
    const feed = async (variables: Record<string, unknown>) => (await server.query(FEED, variables)).data!.summaries;
    const page = await feed({});
    expect(page.pageInfo.hasNextPage).toBe(false);
    const edges = page.edges as Array<{ cursor: string; node: { id: string } }>;
    const c = open();
    // Every summary from the oldest on, oldest first: the feed's order reversed.
    const since = c.subscribe(ADDED_AFTER, { after: edges.at(-1)!.cursor });
    const expected = edges.map((e) => e.node.id).reverse();
    expect(await addedUntil(since, expected.at(-1)!)).toEqual(expected);
    await since.close();

    const top = (await feed({ order: "TOP" })).edges[0].cursor;
    for (const after of [top, "not a cursor", "x".repeat(1001)]) {
      await expect(c.subscribe(ADDED_AFTER, { after }).next()).resolves.toMatchObject({ errors: [{ extensions: { code: "BAD_USER_INPUT" } }] });
    }
    // More than 100 added since the oldest (itself not counted): refused, and the subscription never listens.
    const more = 102 - expected.length;
    for (let i = 0; i < more; i++) await server.query(ADD, { paperId: DCGAN_ARXIV, body: `Catch-up ${i}.` }, me);
    const refused = await c.subscribe(ADDED_AFTER, { after: edges.at(-1)!.cursor }).next();
    expect(refused).toMatchObject({
      errors: [{ message: expect.stringMatching(/More than 100 summaries were added since/), extensions: { code: "BAD_USER_INPUT" } }],
    });
    await listening(server, 0);

    // A burst of 101 within a second (an import, say), then a read: all of them lie within the margin before the
    // newest, which the client has. Accepted, with the newest 100 of the feed first, oldest first, then what is added.
    await t.ingest.upsertPapers([{ id: "burst/paper", title: "A paper summarised 101 times at once", authors: [] }]);
    const start = Date.now();
    await t.ingest.upsertSummaries(Array.from({ length: 101 }, (_, i) => ({
      id: `burst/s${String(i).padStart(3, "0")}`, paperId: "burst/paper", body: `Burst ${i}.`,
      createdAt: new Date(start - 1000 + i).toISOString(), votes: 0, mentions: [],
    })));
    const fresh = (await feed({})).edges as Array<{ cursor: string; node: { id: string } }>;
    expect(fresh.map((e) => e.node.id)).toContain("burst/s100");
    // Added at once: after the read, it comes whether the server reads it or hears it.
    const again = c.subscribe(ADDED_AFTER, { after: fresh[0].cursor });
    const next = await server.query(ADD, { paperId: DCGAN_ARXIV, body: "After the burst." }, me);
    const sent = await addedUntil(again, next.data!.addSummary.id);
    expect(sent.slice(0, -1)).toEqual(fresh.map((e) => e.node.id).reverse());
    await again.close();
  });

  it("signs in from connectionParams like HTTP: a person's own subscription needs one, a bad token closes the connection", async () => {
    const anonymous = open();
    await expect(anonymous.subscribe(`subscription { viewerSummaryVotesChanged { id } }`).next()).resolves.toMatchObject({
      errors: [{ extensions: { code: "UNAUTHENTICATED" } }],
    });

    const me = await asContributor("Owner Live");
    const id = (await server.query(ADD, { paperId: RESNET, body: "Mine." }, me)).data!.addSummary.id;
    const owner = open(me.authorization);
    const mine = owner.subscribe(`subscription { viewerSummaryVotesChanged { id votes } }`);
    await listening(server, 1);
    // A vote on someone else's summary is not mine; then one on mine.
    await server.query(VOTE, { id: "shortscience/resnet", value: 1 }, await asContributor("Voter Three"));
    await server.query(VOTE, { id, value: 1 }, await asContributor("Voter Three"));
    expect(await mine.next()).toEqual({ data: { viewerSummaryVotesChanged: { id, votes: 1 } } });

    const forged = open("Bearer not.a.token");
    forged.subscribe(ADDED).next().catch(() => undefined);
    expect(await forged.closed).toMatchObject({ code: 4401, reason: expect.stringMatching(/token is malformed/) });
  });

  it("closes a signed-in connection with 4401 when its token stops being accepted, and leaves the others open", async () => {
    // Expired 27 s ago: accepted for about 3 s more under the default 30 s of clock tolerance, as it is over HTTP.
    const now = Math.floor(Date.now() / 1000);
    const shortLived = await mint(TEST_AUTH_SECRET, { name: "Short Lived", roles: ["contributor"] }, { subject: "short-lived", expires: now - 27 });
    const expiring = open(`Bearer ${shortLived}`);
    expiring.subscribe(`subscription { viewerSummaryVotesChanged { id } }`).next().catch(() => undefined);
    const lasting = open((await asContributor("Long Lived")).authorization);
    lasting.subscribe(`subscription { viewerSummaryVotesChanged { id } }`).next().catch(() => undefined);
    await listening(server, 2);
    const stillOpen = new Promise<"still open">((resolve) => setTimeout(() => resolve("still open"), 15_000).unref());
    expect(await Promise.race([expiring.closed, stillOpen])).toMatchObject({ code: 4401, reason: "The sign-in token has expired; get a new one." });
    // Over HTTP the same token is refused from then on.
    const http = await server.query(`{ viewer { name } }`, {}, { authorization: `Bearer ${shortLived}` });
    expect(http.errors).toEqual([expect.objectContaining({ message: "The sign-in token has expired; get a new one." })]);
    await listening(server, 1);
  });

  it("applies the limits of HTTP to subscription documents, and serves only subscriptions", async () => {
    const c = open();
    const deep = `subscription { summaryAdded { paper { summaries { paper { summaries { paper { summaries { paper { summaries { id } } } } } } } } } }`;
    await expect(c.subscribe(deep).next()).rejects.toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: "GRAPHQL_VALIDATION_FAILED", limit: "depth" }) })]);
    const costly = `subscription { summaryAdded { paper { references(first: 100) { citedBy(first: 100) { references(first: 100) { id } } } } } }`;
    await expect(c.subscribe(costly).next()).rejects.toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: "GRAPHQL_VALIDATION_FAILED", limit: "cost" }) })]);
    await expect(c.subscribe(`query { paper(id: "${RESNET}") { id } }`).next()).rejects.toEqual([expect.objectContaining({ extensions: { code: "BAD_REQUEST" } })]);
    await expect(c.subscribe(`subscription { nope }`).next()).rejects.toEqual([expect.objectContaining({ extensions: { code: "GRAPHQL_VALIDATION_FAILED" } })]);
  });

  it("caps subscriptions per connection and per identity with a clear error", async () => {
    const me = await asContributor("Many Tabs");
    const first = open(me.authorization);
    const feeds = [first.subscribe(ADDED), first.subscribe(ADDED), first.subscribe(ADDED)];
    await listening(server, 3);
    await expect(first.subscribe(ADDED).next()).rejects.toEqual([
      expect.objectContaining({ message: expect.stringMatching(/already has 3 subscriptions/), extensions: { code: "TOO_MANY_SUBSCRIPTIONS", cap: "connection", max: 3 } }),
    ]);
    const second = open(me.authorization);
    second.subscribe(ADDED);
    await listening(server, 4);
    await expect(second.subscribe(ADDED).next()).rejects.toEqual([
      expect.objectContaining({ extensions: { code: "TOO_MANY_SUBSCRIPTIONS", cap: "identity", max: 4 } }),
    ]);
    // Completing one frees its place.
    await feeds[0].close();
    await listening(server, 3);
    second.subscribe(ADDED);
    await listening(server, 4);
  });

  it("checks the Origin of the upgrade: its own and listed origins may subscribe, others get 403", async () => {
    const refused = await new Promise<number>((resolve) => {
      const ws = new WebSocket(wsUrl(server), "graphql-transport-ws", { headers: { origin: "https://evil.example" } });
      ws.on("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
      ws.on("open", () => resolve(101));
    });
    expect(refused).toBe(403);
    for (const origin of ["https://app.example.org", server.base]) {
      const c = open(undefined, { origin });
      c.subscribe(ADDED);
    }
    await listening(server, 2);
  });

  it("survives messages that are not the protocol: the socket is closed with a 44xx code, the server goes on", async () => {
    const closes: number[] = [];
    for (const message of ["not json", JSON.stringify({ type: "subscribe", id: "1", payload: { query: "subscription { summaryAdded { id } }" } }), JSON.stringify({ type: "what" }), "{}", "[]"]) {
      closes.push(
        await new Promise<number>((resolve) => {
          const ws = new WebSocket(wsUrl(server), "graphql-transport-ws");
          ws.on("open", () => ws.send(message));
          ws.on("close", (code) => resolve(code));
        }),
      );
    }
    expect(closes).toEqual([4400, 4401, 4400, 4400, 4400]);
    // Still serving both transports.
    expect((await server.query(`{ summary(id: "shortscience/resnet") { id } }`)).data).toEqual({ summary: { id: "shortscience/resnet" } });
    const c = open();
    c.subscribe(ADDED);
    await listening(server, 1);
  });
});

describe("summaryAdded(after:) in the server's own process", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase();
    await t.reset();
    await t.seedShortScience();
  });
  afterAll(() => t?.close());

  /** The bus's listeners of summaryAdded now: a subscription must leave none behind. */
  class CountingTarget extends EventTarget {
    listeners = 0;
    addEventListener(...args: Parameters<EventTarget["addEventListener"]>) {
      this.listeners += 1;
      super.addEventListener(...args);
    }
    removeEventListener(...args: Parameters<EventTarget["removeEventListener"]>) {
      this.listeners -= 1;
      super.removeEventListener(...args);
    }
  }

  it("sends once a summary both read and heard (committed before the read, published after), and leaves no listener", async () => {
    const schema = await buildAppSchema();
    const target = new CountingTarget();
    const events = createSummaryEvents(MAX_PENDING_EVENTS, target);
    const db = new Database(t.driver, "neo4j", { transactionTimeoutMs: 5_000 });
    const context = () => createContext(db, createLogger("silent"), { viewer: CURATOR, events });
    const run = async (source: string) => {
      const res = await graphql({ schema, source, contextValue: createContext(db, createLogger("silent"), { viewer: CURATOR }) });
      expect(res.errors).toBeUndefined();
      return res.data as any;
    };
    const after = (await run(`{ summaries(first: 1) { pageInfo { startCursor } } }`)).summaries.pageInfo.startCursor;
    // Committed with a bus nobody here listens to: its event is published below, after the subscription's read.
    const late = (await run(`mutation { addSummary(paperId: "${RESNET}", body: "Committed, published late.") { id } }`)).addSummary;
    const document = parse(`subscription($after: String) { summaryAdded(after: $after) { id } }`);
    const results = (await subscribe({ schema, document, variableValues: { after }, contextValue: context() })) as AsyncIterableIterator<ExecutionResult>;
    expect(target.listeners).toBe(1);
    const ids: string[] = [];
    while (ids.at(-1) !== late.id) ids.push(((await results.next()).value.data as any).summaryAdded.id);
    events.publish(SUMMARY_ADDED, summaryEvent({ id: late.id, paperId: RESNET, createdBy: null }));
    const next = (await run(`mutation { addSummary(paperId: "${RESNET}", body: "Heard only.") { id } }`)).addSummary.id;
    events.publish(SUMMARY_ADDED, summaryEvent({ id: next, paperId: RESNET, createdBy: null }));
    expect(((await results.next()).value.data as any).summaryAdded.id).toBe(next);
    await results.return!();
    expect(target.listeners).toBe(0);
    expect(await results.next()).toEqual({ value: undefined, done: true });

    // Completed before its first result: the listener added for the read goes too.
    const unread = (await subscribe({ schema, document, variableValues: { after }, contextValue: context() })) as AsyncIterableIterator<ExecutionResult>;
    expect(target.listeners).toBe(1);
    await unread.return!();
    expect(target.listeners).toBe(0);
  });
});

describe("the subscribers of one event share its reads", () => {
  let t: TestDatabase;
  let server: TestServer;
  // Every read statement the server sends (auto-commit, on a read session), the driver's own probe aside.
  const sent: SentStatement[] = [];
  const clients: SubscriptionClient[] = [];

  beforeAll(async () => {
    t = await openTestDatabase();
    await t.reset();
    await t.seedShortScience();
    server = await startTestServer(
      { driver: recordingDriver(t.driver, sent) },
      { security: { subscriptions: { perConnection: 10, perCaller: 10, keepAliveMs: 12_000, initTimeoutMs: 3_000, origins: [] } } },
    );
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await stopSeededServer({ t, server });
  });

  it("reads a summary once per event for every subscriber, and each viewer's own vote for that viewer", async () => {
    const voter = await asContributor("Shared Voter");
    const bystander = await asContributor("Shared Bystander");
    const SELECTION = `{ id votes viewerVote paper { id title } createdBy { name } }`;
    const subscribers = [undefined, undefined, undefined, voter.authorization, bystander.authorization].map((authorization) => {
      const c = subscriptionClient(server, authorization);
      clients.push(c);
      return c.subscribe(`subscription V($id: ID) { summaryVotesChanged(summaryId: $id) ${SELECTION} }`, { id: "shortscience/resnet" });
    });
    await listening(server, subscribers.length);
    const before = (await server.query(`{ summary(id: "shortscience/resnet") { votes } }`)).data!.summary.votes;
    sent.length = 0;
    // The mutation's own reads run inside its write transaction, which this spy does not see.
    await server.query(VOTE, { id: "shortscience/resnet", value: 1 }, voter);
    const results = await Promise.all(subscribers.map((feed) => feed.next()));
    const summary = { id: "shortscience/resnet", votes: before + 1, paper: { id: RESNET, title: "Deep Residual Learning for Image Recognition" } };
    expect(results.map((r) => r.data!.summaryVotesChanged)).toEqual([
      ...[0, 1, 2].map(() => ({ ...summary, viewerVote: null, createdBy: null })),
      { ...summary, viewerVote: 1, createdBy: null },
      { ...summary, viewerVote: 0, createdBy: null },
    ]);
    // Five subscribers, one event: the summary and its paper read once for all of them, and a vote read per
    // signed-in viewer (a load keyed on the viewer, so one viewer's vote never answers another's).
    const statements = (text: string) => sent.filter(({ cypher }) => cypher.includes(text)).length;
    expect({ summary: statements("MATCH (s:Summary {id: id})"), paper: statements("MATCH (p:Paper {id: id})"), votes: statements("-[v:VOTED]->") }).toEqual({
      summary: 1,
      paper: 1,
      votes: 2,
    });
    expect(sent).toHaveLength(4);
  });
});
