// Who writes and who votes: the viewer from the Bearer token, the roles on every mutation, the ownership rule, one
// (:Person) per identity, one vote per person per summary, and who-and-when on what the API creates.
import { getNamedType, getNullableType, GraphQLInputType, GraphQLSchema, isEnumType, isInputObjectType, isListType, isNonNullType, isObjectType } from "graphql";
import { Writable } from "node:stream";
import pino from "pino";
import { buildAppSchema } from "../../src/graphql/schema";
import { mergeIdentity, Writer } from "../../src/people/identity.repository";
import { openTestDatabase, spiedDriver, TestDatabase, untilBlocked } from "../helpers/database";
import { startTestServer, TestServer } from "../helpers/server";
import { asContributor, asCurator, Headers, mint, signedInAs, TEST_AUTH_SECRET } from "../helpers/tokens";

const DRAW = "journals/corr/1502.04623";
const RESNET = "journals/corr/1512.03385";
const DCGAN = "journals/corr/1511.06434";
const DRAW_SUMMARY = "shortscience/draw";

const VIEWER = `{ viewer { name roles author signedIn } }`;
const ADD_SUMMARY = `mutation($paperId: ID!, $body: String!, $author: String) {
  addSummary(paperId: $paperId, body: $body, author: $author) { id author { name papers { id } } createdBy { name } createdAt updatedAt updatedBy { name } } }`;
const EDIT_SUMMARY = `mutation($id: ID!, $body: String!) { editSummary(id: $id, body: $body) { id body updatedAt updatedBy { name } createdBy { name } } }`;
const DELETE_SUMMARY = `mutation($id: ID!) { deleteSummary(id: $id) { id } }`;
const VOTE = `mutation($id: ID!, $value: Int!) { voteSummary(id: $id, value: $value) { votes viewerVote } }`;

/** Nodes, edges and the summaries' bodies and votes: what a refused mutation must leave exactly as it was. */
async function snapshot(t: TestDatabase) {
  const [row] = await t.db.read(`
    CALL () { MATCH (n) RETURN count(n) AS nodes }
    CALL () { MATCH ()-[r]->() RETURN count(r) AS edges }
    CALL () { MATCH (s:Summary) RETURN collect([s.id, s.body, s.votes]) AS summaries }
    RETURN nodes, edges, summaries`);
  return row;
}

/** A value of the right type for every required argument: a refusal must come before any argument is looked at. */
function placeholder(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return placeholder(type.ofType);
  if (isListType(type)) return [placeholder(type.ofType)];
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields()).filter((f) => isNonNullType(f.type));
    return Object.fromEntries(fields.map((f) => [f.name, placeholder(f.type)]));
  }
  if (isEnumType(type)) return type.getValues()[0].value;
  return ({ Int: 0, Float: 0, Boolean: true } as Record<string, unknown>)[getNamedType(type).name] ?? "x";
}

/** One document per mutation field of the built schema, with every required argument given. */
function everyMutation(schema: GraphQLSchema) {
  return Object.values(schema.getMutationType()!.getFields()).map((field) => {
    const args = field.args.filter((a) => isNonNullType(a.type));
    const params = args.map((a) => `$${a.name}: ${a.type.toString()}`).join(", ");
    const call = args.length > 0 ? `(${args.map((a) => `${a.name}: $${a.name}`).join(", ")})` : "";
    const selection = isObjectType(getNamedType(getNullableType(field.type))) ? " { __typename }" : "";
    return {
      name: field.name,
      query: `mutation${params ? `(${params})` : ""} { ${field.name}${call}${selection} }`,
      variables: Object.fromEntries(args.map((a) => [a.name, placeholder(a.type)])),
    };
  });
}

describe("identity and permissions", () => {
  let t: TestDatabase;
  let server: TestServer;
  let schema: GraphQLSchema;
  let curator: Headers;
  let alice: Headers;

  beforeAll(async () => {
    t = await openTestDatabase();
    server = await startTestServer(t);
    schema = await buildAppSchema();
    curator = await asCurator();
    alice = await asContributor("Alice");
  });
  beforeEach(async () => {
    await t.reset();
    await t.seedShortScience();
  });
  afterAll(async () => {
    await server.close();
    await t.close();
  });

  describe("the viewer", () => {
    it("is anonymous without a header, and the token's person with one", async () => {
      expect((await server.query(VIEWER)).data!.viewer).toEqual({ name: null, roles: [], author: false, signedIn: false });
      const res = await server.query(VIEWER, {}, await signedInAs("Ada", ["curator"], { author: true }));
      expect(res.data!.viewer).toEqual({ name: "Ada", roles: ["contributor", "curator"], author: true, signedIn: true });
    });

    it("refuses a bad, expired or wrongly signed token with HTTP 401 instead of serving it anonymously", async () => {
      const expired = await mint(TEST_AUTH_SECRET, { name: "Old" }, { expires: Math.floor(Date.now() / 1000) - 3600 });
      const impostor = await mint("another-secret-of-at-least-thirty-two-characters", { name: "Eve", roles: ["curator"] });
      for (const authorization of ["Bearer not.a.token", `Bearer ${expired}`, `Bearer ${impostor}`, "Basic YWxpY2U6cGFzcw=="]) {
        const res = await server.query(VIEWER, {}, { authorization });
        expect(res.status).toBe(401);
        expect(res.errors![0].extensions!.code).toBe("UNAUTHENTICATED");
        expect(res.data).toBeUndefined();
      }
    });

    it("logs a refused token with the request's id", async () => {
      const lines: string[] = [];
      const stream = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
      const logged = await startTestServer(t, { logger: pino({ level: "info" }, stream) });
      try {
        const res = await fetch(logged.url, {
          method: "POST",
          headers: { "content-type": "application/json", "x-request-id": "bad-token-1", authorization: "Bearer not.a.token" },
          body: JSON.stringify({ query: VIEWER }),
        });
        expect(res.status).toBe(401);
      } finally {
        await logged.close();
      }
      const entry = lines.map((l) => JSON.parse(l)).find((l) => l.msg === "authentication failed");
      expect(entry).toMatchObject({ requestId: "bad-token-1", code: "UNAUTHENTICATED" });
    });
  });

  describe("every mutation of the schema has a rule", () => {
    it("refuses each one to anonymous callers (sign in) and writes nothing", async () => {
      const mutations = everyMutation(schema);
      expect(mutations.length).toBeGreaterThanOrEqual(9);
      const before = await snapshot(t);
      for (const m of mutations) {
        const res = await server.query(m.query, m.variables);
        expect([m.name, res.errors?.[0]?.extensions?.code]).toEqual([m.name, "UNAUTHENTICATED"]);
        expect(res.errors![0].message).toMatch(/^Sign in to use /);
      }
      expect(await snapshot(t)).toEqual(before);
    });

    it("lets a signed-in person without roles do nothing, and a contributor only the summary mutations", async () => {
      const reader = await signedInAs("Reader", []);
      const before = await snapshot(t);
      const contributorMay = new Set(["addSummary", "editSummary", "voteSummary", "deleteSummary"]);
      for (const m of everyMutation(schema)) {
        const asReader = await server.query(m.query, m.variables, reader);
        expect([m.name, asReader.errors?.[0]?.extensions?.code]).toEqual([m.name, "FORBIDDEN"]);
        const asAlice = await server.query(m.query, m.variables, alice);
        const code = asAlice.errors?.[0]?.extensions?.code;
        if (contributorMay.has(m.name)) {
          expect([m.name, code]).not.toEqual([m.name, "FORBIDDEN"]);
        } else {
          expect([m.name, code]).toEqual([m.name, "FORBIDDEN"]);
          expect(asAlice.errors![0].message).toMatch(/needs the curator role/);
        }
      }
      expect(await snapshot(t)).toEqual(before);
    });

    it("lets a curator past every rule (placeholder arguments then fail validation, not permission)", async () => {
      for (const m of everyMutation(schema)) {
        const res = await server.query(m.query, m.variables, curator);
        expect(`${m.name}: ${res.errors?.[0]?.extensions?.code}`).not.toMatch(/: (UNAUTHENTICATED|FORBIDDEN|INTERNAL_SERVER_ERROR)$/);
      }
    });
  });

  describe("summaries are written by the token's person", () => {
    it("makes a separate (:Person) for an identity that shares an author's name without the author claim", async () => {
      const graves = await asContributor("Alex Graves");
      const res = await server.query(ADD_SUMMARY, { paperId: DRAW, body: "My own paper, summarized." }, graves);
      expect(res.errors).toBeUndefined();
      const s = res.data!.addSummary;
      expect(s.author).toEqual({ name: "Alex Graves", papers: [] });
      expect(s.createdBy).toEqual({ name: "Alex Graves" });
      const people = await t.db.read(`MATCH (a:Person) WHERE a.name = "Alex Graves" OR a.displayName = "Alex Graves"
        RETURN a.identity AS identity, a.name AS name, EXISTS { (a)-[:WROTE]->(:Summary {id: $id}) } AS wrote ORDER BY identity`, { id: s.id });
      expect(people).toEqual([
        { identity: "papers-graph|Alex Graves", name: null, wrote: true },
        { identity: null, name: "Alex Graves", wrote: false },
      ]);
    });

    it("finds a writer's summaries from their own node: Person.summaries and summaryCount, and the feed by the name shown", async () => {
      const first = (await server.query(ADD_SUMMARY, { paperId: DRAW, body: "First." }, alice)).data!.addSummary;
      const second = (await server.query(ADD_SUMMARY, { paperId: RESNET, body: "Second." }, alice)).data!.addSummary;
      const WRITER = `query($id: ID!, $after: ID) { summary(id: $id) {
        author { name summaryCount summaries { id } page: summaries(first: 1, after: $after) { id } }
        createdBy { summaryCount summaries { id } } } }`;
      const res = await server.query(WRITER, { id: first.id, after: second.id });
      expect(res.errors).toBeUndefined();
      expect(res.data!.summary).toEqual({
        author: { name: "Alice", summaryCount: 2, summaries: [{ id: second.id }, { id: first.id }], page: [{ id: first.id }] },
        createdBy: { summaryCount: 2, summaries: [{ id: second.id }, { id: first.id }] },
      });
      // Paging after a summary that is not this writer's is refused, as for an author.
      const foreign = await server.query(WRITER, { id: first.id, after: DRAW_SUMMARY });
      expect(foreign.errors![0].extensions!.code).toBe("BAD_USER_INPUT");

      const FEED = `query($filter: SummaryFilterInput) { summaries(filter: $filter) { totalCount edges { node { id } } } }`;
      const feed = async (filter: object) => (await server.query(FEED, { filter })).data!.summaries;
      expect(await feed({ authorName: "Alice" })).toEqual({ totalCount: 2, edges: [{ node: { id: second.id } }, { node: { id: first.id } }] });
      expect(await feed({ authorName: "Alice", paperId: DRAW })).toEqual({ totalCount: 1, edges: [{ node: { id: first.id } }] });
      // No author is called Alice: person(name:) finds authors only.
      expect((await server.query(`{ person(name: "Alice") { name } }`)).data!.person).toBeNull();

      // Beside an author of the same name, each node has its own summaries; the feed matches the name both show.
      const graves = await asContributor("Alex Graves");
      const own = (await server.query(ADD_SUMMARY, { paperId: DRAW, body: "Not by the author." }, graves)).data!.addSummary;
      const imported = (await server.query(ADD_SUMMARY, { paperId: RESNET, body: "By the author.", author: "Alex Graves" }, curator)).data!.addSummary;
      const COUNTS = `query($own: ID!) { summary(id: $own) { author { summaryCount } } person(name: "Alex Graves") { summaryCount summaries { id } } }`;
      expect((await server.query(COUNTS, { own: own.id })).data).toEqual({
        summary: { author: { summaryCount: 1 } },
        person: { summaryCount: 1, summaries: [{ id: imported.id }] },
      });
      expect((await feed({ authorName: "Alex Graves" })).edges.map((e: { node: { id: string } }) => e.node.id).sort()).toEqual([own.id, imported.id].sort());
    });

    it("uses the author's own node when the token's author claim says so", async () => {
      const graves = await asContributor("Alex Graves", { author: true });
      const res = await server.query(ADD_SUMMARY, { paperId: DRAW, body: "My own paper, summarized." }, graves);
      expect(res.data!.addSummary.author.papers).toContainEqual({ id: DRAW });
      const [row] = await t.db.read(`MATCH (a:Person {name: "Alex Graves"}) RETURN a.identity AS identity, COUNT { (a)-[:WROTE]->() } AS wrote`);
      expect(row).toEqual({ identity: "papers-graph|Alex Graves", wrote: 1 });
      expect((await t.db.read(`MATCH (a:Person {identity: "papers-graph|Alex Graves"}) RETURN a`)).length).toBe(1);
    });

    it("lets a curator name the author of an imported text, and refuses a contributor who names someone else", async () => {
      const before = await snapshot(t);
      const refused = await server.query(ADD_SUMMARY, { paperId: DRAW, body: "Text.", author: "Yoshua Bengio" }, alice);
      expect(refused.errors![0].extensions!.code).toBe("FORBIDDEN");
      expect(refused.errors![0].message).toMatch(/curator role/);
      expect(await snapshot(t)).toEqual(before);

      const own = await server.query(ADD_SUMMARY, { paperId: DRAW, body: "Text.", author: "Alice" }, alice);
      expect(own.data!.addSummary.author.name).toBe("Alice");
      const imported = await server.query(ADD_SUMMARY, { paperId: DRAW, body: "Their text.", author: "Yoshua Bengio" }, curator);
      expect(imported.data!.addSummary).toMatchObject({ author: { name: "Yoshua Bengio" }, createdBy: { name: "Test Curator" } });
    });
  });

  describe("an author node and the author claim", () => {
    const GRAVES = "papers-graph|Alex Graves";
    /** The Persons of the author "Alex Graves" and of the identity of that name: what each holds. */
    const gravesNodes = () =>
      t.db.read(`MATCH (a:Person) WHERE a.name = "Alex Graves" OR a.displayName = "Alex Graves"
        RETURN a.identity AS identity, a.name AS name, [(a)-[:WROTE]->(s) | s.id] AS wrote, COUNT { (a)-[:VOTED]->() } AS votes,
          EXISTS { (a)-[:AUTHORED]->() } AS authored ORDER BY identity`);

    it("gives an author node to one of two identities claiming it at once; the other gets a node of its own", async () => {
      const first: Writer = { identity: "papers-graph|graves-1", name: "Alex Graves", author: true };
      const second: Writer = { identity: "papers-graph|graves-2", name: "Alex Graves", author: true };
      // The first claim's transaction holds the node until the second's is seen waiting for it, then commits.
      let commit!: () => void;
      let claimed!: () => void;
      const held = new Promise<void>((resolve) => (commit = resolve));
      const firstClaimed = new Promise<void>((resolve) => (claimed = resolve));
      const firstWrite = t.db.writeTransaction(async (tx) => {
        await mergeIdentity(tx, first);
        claimed();
        await held;
      });
      await firstClaimed;
      const secondWrite = t.db.writeTransaction((tx) => mergeIdentity(tx, second));
      await untilBlocked(t, "(a:Person {name: $writer.name})");
      commit();
      await Promise.all([firstWrite, secondWrite]);
      expect(await gravesNodes()).toEqual([
        { identity: first.identity, name: "Alex Graves", wrote: [], votes: 0, authored: true },
        { identity: second.identity, name: null, wrote: [], votes: 0, authored: false },
      ]);
    });

    // The first write's claim deletes the identity's node of its own before it commits; the second, seeking that node
    // meanwhile, waits for the claim and then finds the author node, not the deleted one (which would have made its
    // write fail, INTERNAL_SERVER_ERROR to the client; docs/identity.md#concurrent-writes-after-a-grant).
    it("answers a second write of the identity cleanly when it waits while a claim granted meanwhile deletes its node", async () => {
      const plain: Writer = { identity: GRAVES, name: "Alex Graves", author: false };
      const granted: Writer = { ...plain, author: true };
      await t.db.writeTransaction((tx) => mergeIdentity(tx, plain));
      let commit!: () => void;
      let claimed!: () => void;
      const held = new Promise<void>((resolve) => (commit = resolve));
      const firstClaimed = new Promise<void>((resolve) => (claimed = resolve));
      const firstWrite = t.db.writeTransaction(async (tx) => {
        await mergeIdentity(tx, granted);
        claimed();
        await held;
      });
      await firstClaimed;
      const secondWrite = t.db.writeTransaction((tx) => mergeIdentity(tx, granted));
      secondWrite.catch(() => undefined);
      await untilBlocked(t, "WITH w WHERE w.identity = $writer.identity");
      commit();
      await firstWrite;
      await secondWrite;
      expect(await gravesNodes()).toEqual([{ identity: GRAVES, name: "Alex Graves", wrote: [], votes: 0, authored: true }]);
    });

    // Two writes of one identity right after its grant meet on the identity's node of its own, which the first one's
    // claim deletes: the second either waits and then finds the author node, or deadlocks with the first and is
    // retried (the reasoning and the 200-round figures: docs/identity.md#concurrent-writes-after-a-grant).
    it("answers every one of concurrent writes of an identity just granted its author claim, round after round", async () => {
      // The code of each run of a transaction function that failed, seen through the server's driver.
      const failed: string[] = [];
      const counting = spiedDriver(t.driver, (session) => {
        const executeWrite = session.executeWrite.bind(session);
        session.executeWrite = ((work, config) =>
          executeWrite(async (tx) => {
            try {
              return await work(tx);
            } catch (err) {
              failed.push((err as { code?: string }).code ?? String(err));
              throw err;
            }
          }, config)) as typeof session.executeWrite;
      });
      const racing = await startTestServer({ driver: counting });
      const summaries = await t.db.read(`MATCH (s:Summary) RETURN s.id AS id, s.votes AS votes ORDER BY id`);
      const ROUNDS = 20;
      const errors: unknown[] = [];
      try {
        for (let i = 0; i < ROUNDS; i++) {
          const name = `Claimant ${i}`;
          const plain = await asContributor(name);
          const granted = await asContributor(name, { author: true });
          // Before the grant: a node of the identity's own, with a summary and a vote to hand over.
          const before = await racing.query(ADD_SUMMARY, { paperId: DRAW, body: `${name}, before.` }, plain);
          const vote = await racing.query(VOTE, { id: summaries[0].id, value: -1 }, plain);
          errors.push(...(before.errors ?? []), ...(vote.errors ?? []));
          // Right after it, at once: one write per summary and one on a paper; none waits on another's summary or paper.
          const results = await Promise.all([
            ...summaries.map((s) => racing.query(VOTE, { id: s.id, value: 1 }, granted)),
            racing.query(ADD_SUMMARY, { paperId: RESNET, body: `${name}, after.` }, granted),
          ]);
          for (const r of results) errors.push(...(r.errors ?? []));
        }
      } finally {
        await racing.close();
      }
      expect(errors).toEqual([]);
      // The writes did meet, in deadlocks Neo4j broke, and nothing else failed on the way: each was retried cleanly.
      expect(new Set(failed)).toEqual(new Set(["Neo.TransientError.Transaction.DeadlockDetected"]));

      // Each identity is its author node, holding both its summaries and one vote (+1) per summary; no node of its own is left.
      const claimants = await t.db.read(`
        MATCH (p:Person) WHERE p.displayName STARTS WITH "Claimant " OR p.name STARTS WITH "Claimant "
        RETURN p.identity AS identity, p.name AS name, p.displayName AS displayName,
          COUNT { (p)-[:WROTE]->() } AS wrote, COLLECT { MATCH (p)-[v:VOTED]->(s) RETURN [s.id, v.value] ORDER BY s.id } AS votes`);
      expect(claimants).toHaveLength(ROUNDS);
      for (const c of claimants) {
        const name = c.displayName as string;
        expect(c).toEqual({
          identity: `papers-graph|${name}`,
          name,
          displayName: name,
          wrote: 2,
          votes: summaries.map((s) => [s.id, 1]),
        });
      }
      const votes = await t.db.read(`MATCH (s:Summary) WHERE s.id IN $ids RETURN s.id AS id, s.votes AS votes ORDER BY id`, { ids: summaries.map((s) => s.id) });
      expect(votes).toEqual(summaries.map((s) => ({ id: s.id, votes: (s.votes as number) + ROUNDS })));
    });

    it("stops an author's ownership when the token's author claim is withdrawn, and moves the identity off the author node", async () => {
      const claimed = await asContributor("Alex Graves", { author: true });
      const withdrawn = await asContributor("Alex Graves");
      const own = (await server.query(ADD_SUMMARY, { paperId: DRAW, body: "Written by me." }, claimed)).data!.addSummary;
      const imported = (await server.query(ADD_SUMMARY, { paperId: RESNET, body: "Imported.", author: "Alex Graves" }, curator)).data!.addSummary;
      const voted = (await server.query(VOTE, { id: DRAW_SUMMARY, value: 1 }, claimed)).data!.voteSummary;
      // While the claim stands, a text a curator imported under the author's name is theirs to change.
      expect((await server.query(EDIT_SUMMARY, { id: imported.id, body: "Imported, mended." }, claimed)).errors).toBeUndefined();

      const before = await snapshot(t);
      for (const [doc, vars] of [
        [EDIT_SUMMARY, { id: imported.id, body: "No longer mine." }],
        [DELETE_SUMMARY, { id: imported.id }],
      ] as const) {
        const res = await server.query(doc, vars, withdrawn);
        expect(res.errors![0].extensions!.code).toBe("FORBIDDEN");
        expect(res.errors![0].message).toMatch(/is Alex Graves's, not yours/);
      }
      expect(await snapshot(t)).toEqual(before);

      // What they wrote themselves stays theirs; that write moves the identity to a node of its own, with its vote.
      const edited = await server.query(EDIT_SUMMARY, { id: own.id, body: "Still mine." }, withdrawn);
      expect(edited.errors).toBeUndefined();
      expect(await gravesNodes()).toEqual([
        { identity: GRAVES, name: null, wrote: [own.id], votes: 1, authored: false },
        { identity: null, name: "Alex Graves", wrote: [imported.id], votes: 0, authored: true },
      ]);
      expect((await server.query(`{ summary(id: "${own.id}") { author { name papers { id } } } }`)).data!.summary.author).toEqual({ name: "Alex Graves", papers: [] });
      // The same vote again writes nothing: the vote came along.
      expect((await server.query(VOTE, { id: DRAW_SUMMARY, value: 1 }, withdrawn)).data!.voteSummary).toEqual(voted);
      expect((await server.query(DELETE_SUMMARY, { id: own.id }, withdrawn)).errors).toBeUndefined();
    });

    it("gives the author node to an identity granted the claim later, with what it wrote and voted before", async () => {
      const plain = await asContributor("Alex Graves");
      const granted = await asContributor("Alex Graves", { author: true });
      const own = (await server.query(ADD_SUMMARY, { paperId: DRAW, body: "Before the grant." }, plain)).data!.addSummary;
      const voted = (await server.query(VOTE, { id: DRAW_SUMMARY, value: -1 }, plain)).data!.voteSummary;
      const imported = (await server.query(ADD_SUMMARY, { paperId: RESNET, body: "Imported.", author: "Alex Graves" }, curator)).data!.addSummary;
      const refused = await server.query(EDIT_SUMMARY, { id: imported.id, body: "Not mine yet." }, plain);
      expect(refused.errors![0].extensions!.code).toBe("FORBIDDEN");

      // With the claim the author's summaries are theirs at once, and the write makes the identity the author node.
      expect((await server.query(EDIT_SUMMARY, { id: imported.id, body: "Mine now." }, granted)).errors).toBeUndefined();
      const [graves] = await gravesNodes();
      expect({ ...graves, wrote: [...(graves.wrote as string[])].sort() }).toEqual({ identity: GRAVES, name: "Alex Graves", wrote: [imported.id, own.id].sort(), votes: 1, authored: true });
      expect(await gravesNodes()).toHaveLength(1);
      expect((await server.query(`{ summary(id: "${own.id}") { author { name papers { id } } } }`)).data!.summary.author.papers).toContainEqual({ id: DRAW });
      expect((await server.query(VOTE, { id: DRAW_SUMMARY, value: -1 }, granted)).data!.voteSummary).toEqual(voted);
    });
  });

  describe("own summaries", () => {
    it("lets a contributor edit and delete their own, records who and when, and refuses someone else's", async () => {
      const added = (await server.query(ADD_SUMMARY, { paperId: DRAW, body: "First words." }, alice)).data!.addSummary;
      expect(added).toMatchObject({ updatedAt: null, updatedBy: null });
      expect(Date.parse(added.createdAt)).toBeGreaterThan(0);
      const edited = await server.query(EDIT_SUMMARY, { id: added.id, body: "Second words." }, alice);
      expect(edited.data!.editSummary).toMatchObject({ body: "Second words.", updatedBy: { name: "Alice" }, createdBy: { name: "Alice" } });
      expect(Date.parse(edited.data!.editSummary.updatedAt)).toBeGreaterThanOrEqual(Date.parse(added.createdAt));

      const bob = await asContributor("Bob");
      const before = await snapshot(t);
      for (const [doc, vars] of [
        [EDIT_SUMMARY, { id: added.id, body: "Bob was here." }],
        [DELETE_SUMMARY, { id: added.id }],
        [EDIT_SUMMARY, { id: DRAW_SUMMARY, body: "Nobody's summary." }],
      ] as const) {
        const res = await server.query(doc, vars, bob);
        expect(res.errors![0].extensions!.code).toBe("FORBIDDEN");
        expect(res.errors![0].message).toMatch(/not yours: to (edit|delete) it needs the curator role/);
      }
      expect(await snapshot(t)).toEqual(before);

      expect((await server.query(DELETE_SUMMARY, { id: added.id }, alice)).data!.deleteSummary).toEqual({ id: added.id });
    });

    it("lets a curator edit and delete anyone's", async () => {
      const added = (await server.query(ADD_SUMMARY, { paperId: DRAW, body: "Alice's." }, alice)).data!.addSummary;
      const edited = await server.query(EDIT_SUMMARY, { id: added.id, body: "Curated." }, curator);
      expect(edited.data!.editSummary).toMatchObject({ updatedBy: { name: "Test Curator" }, createdBy: { name: "Alice" } });
      expect((await server.query(DELETE_SUMMARY, { id: DRAW_SUMMARY }, curator)).errors).toBeUndefined();
    });
  });

  describe("votes", () => {
    it("keeps one vote per person: the base count plus the sum, the same vote twice changes nothing", async () => {
      await t.db.write(`MATCH (s:Summary {id: $id}) SET s.votes = 5`, { id: DRAW_SUMMARY });
      const bob = await asContributor("Bob");
      expect((await server.query(VOTE, { id: DRAW_SUMMARY, value: 1 }, alice)).data!.voteSummary).toEqual({ votes: 6, viewerVote: 1 });
      expect((await server.query(VOTE, { id: DRAW_SUMMARY, value: 1 }, alice)).data!.voteSummary).toEqual({ votes: 6, viewerVote: 1 });
      expect((await server.query(VOTE, { id: DRAW_SUMMARY, value: -1 }, bob)).data!.voteSummary).toEqual({ votes: 5, viewerVote: -1 });
      expect((await server.query(VOTE, { id: DRAW_SUMMARY, value: -1 }, alice)).data!.voteSummary).toEqual({ votes: 3, viewerVote: -1 });
      expect((await server.query(VOTE, { id: DRAW_SUMMARY, value: 0 }, bob)).data!.voteSummary).toEqual({ votes: 4, viewerVote: 0 });
      const read = `{ summary(id: "${DRAW_SUMMARY}") { votes viewerVote } }`;
      expect((await server.query(read)).data!.summary).toEqual({ votes: 4, viewerVote: null });
      expect((await server.query(read, {}, alice)).data!.summary).toEqual({ votes: 4, viewerVote: -1 });
      const edges = await t.db.read(`MATCH (w:Person)-[v:VOTED]->(:Summary {id: $id}) RETURN w.displayName AS who, v.value AS value, v.at IS NOT NULL AS at`, { id: DRAW_SUMMARY });
      expect(edges).toEqual([{ who: "Alice", value: -1, at: true }]);
    });

    it("leaves one vote after 50 concurrent identical votes from one person", async () => {
      const results = await Promise.all(Array.from({ length: 50 }, () => server.query(VOTE, { id: DRAW_SUMMARY, value: 1 }, alice)));
      for (const r of results) expect(r.errors).toBeUndefined();
      const [row] = await t.db.read(
        `MATCH (s:Summary {id: $id}) RETURN s.votes AS votes, COUNT { (:Person)-[:VOTED]->(s) } AS edges, COUNT { (p:Person) WHERE p.identity IS NOT NULL } AS people`,
        { id: DRAW_SUMMARY },
      );
      expect(row).toEqual({ votes: 1, edges: 1, people: 1 });
    });

    it("refuses a value other than -1, 0 or 1", async () => {
      const res = await server.query(VOTE, { id: DRAW_SUMMARY, value: 2 }, alice);
      expect(res.errors![0].extensions!.code).toBe("BAD_USER_INPUT");
    });
  });

  describe("provenance", () => {
    it("records the curator on papers and see-also links made through the API", async () => {
      const upsert = `mutation { upsertPaper(input: { id: "conf/x/New", title: "New" }) { createdAt updatedAt createdBy { name } updatedBy { name } } }`;
      const created = (await server.query(upsert, {}, curator)).data!.upsertPaper;
      expect(created).toMatchObject({ updatedAt: null, createdBy: { name: "Test Curator" }, updatedBy: null });
      const other = await signedInAs("Other Curator", ["curator"]);
      const updated = (await server.query(upsert, {}, other)).data!.upsertPaper;
      expect(updated).toMatchObject({ createdAt: created.createdAt, createdBy: { name: "Test Curator" }, updatedBy: { name: "Other Curator" } });
      expect(Date.parse(updated.updatedAt)).toBeGreaterThan(0);

      await server.query(`mutation { addSeeAlso(from: "${DRAW}", to: "${DCGAN}", note: "n") { changed } }`, {}, curator);
      const links = await server.query(`{ paper(id: "${DRAW}") { seeAlso { paper { id } createdAt createdBy { name } } } }`);
      const link = links.data!.paper.seeAlso.find((l: { paper: { id: string } }) => l.paper.id === DCGAN);
      expect(link.createdBy).toEqual({ name: "Test Curator" });
      expect(Date.parse(link.createdAt)).toBeGreaterThan(0);

      await server.query(`mutation { addCitation(from: "${DCGAN}", to: "${RESNET}") { changed } }`, {}, curator);
      const [cites] = await t.db.read(`MATCH (:Paper {id: $a})-[c:CITES]->(:Paper {id: $b}) RETURN c.createdBy AS by, c.createdAt IS NOT NULL AS at`, { a: DCGAN, b: RESNET });
      expect(cites).toEqual({ by: "papers-graph|Test Curator", at: true });
    });

    it("leaves seeded data without provenance", async () => {
      const res = await server.query(`{ paper(id: "${DRAW}") { createdBy { name } createdAt } summary(id: "${DRAW_SUMMARY}") { createdBy { name } updatedAt } }`);
      expect(res.data).toEqual({ paper: { createdBy: null, createdAt: null }, summary: { createdBy: null, updatedAt: null } });
    });
  });
});
