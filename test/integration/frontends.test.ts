// A frontend on its own origin, over HTTP: CORS, Cache-Control, ETag and 304 from the response cache, APQ, and the
// trusted-documents mode (the browser's view of CORS: frontends-browser.test.ts).
import { startSeededServer, startTestServer, stopSeededServer, TestServer } from "../helpers/server";
import type { TestDatabase } from "../helpers/database";
import { asContributor } from "../helpers/tokens";
import { documentId, TrustedDocuments, manifestOf } from "../../src/graphql/trusted-documents";
import { repositoryManifest } from "../../scripts/trusted-documents";
import { listening, subscriptionClient } from "../helpers/subscriptions";

const FRONTEND = "https://frontend.example";
const FEED = `query Feed { summaries(first: 3, orderBy: NEWEST) { edges { node { id votes paper { id title } } } } }`;
const PAPER = `query Paper { paper(id: "journals/corr/1512.03385") { id title citationCount } }`;
const VOTE = `mutation Vote($id: ID!, $value: Int!) { voteSummary(id: $id, value: $value) { votes } }`;

/** A GET as a browser page sends it: the query in the URL and Apollo's CSRF-prevention header. */
function get(server: TestServer, query: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${server.url}?query=${encodeURIComponent(query)}`, { headers: { "apollo-require-preflight": "true", ...headers } });
}

/** The sum of every request's Cypher round-trips so far, from /metrics. */
async function roundTripsSoFar(server: TestServer): Promise<number> {
  const text = await (await fetch(`${server.metricsBase}/metrics`)).text();
  return Number(/^graphql_cypher_round_trips_sum (\S+)$/m.exec(text)![1]);
}

describe("frontends on another origin", () => {
  let t: TestDatabase;
  let server: TestServer;

  beforeAll(async () => {
    // The browser UI on, as `npm start` serves it outside production: its GET /graphql must not answer preflights.
    ({ t, server } = await startSeededServer({ browserUi: true, security: { cors: { origins: [FRONTEND], credentials: false, maxAgeSeconds: 600 } } }));
  });
  afterAll(() => stopSeededServer({ t, server }));

  describe("CORS", () => {
    it("answers a listed origin's preflight with what it may send, cached for a while", async () => {
      const res = await fetch(server.url, {
        method: "OPTIONS",
        headers: { origin: FRONTEND, "access-control-request-method": "POST", "access-control-request-headers": "authorization,content-type,neo4j-bookmark" },
      });
      expect(res.status).toBe(204);
      expect(res.headers.get("access-control-allow-origin")).toBe(FRONTEND);
      expect(res.headers.get("access-control-allow-methods")).toBe("GET,POST");
      expect(res.headers.get("access-control-allow-headers")!.toLowerCase().split(",")).toEqual(
        expect.arrayContaining(["authorization", "content-type", "apollo-require-preflight", "neo4j-bookmark", "x-request-id"]),
      );
      expect(res.headers.get("access-control-max-age")).toBe("600");
      expect(res.headers.get("access-control-allow-credentials")).toBeNull();
    });

    it("gives an origin not on the list no Access-Control-Allow-Origin, preflight or not; the other headers grant nothing without it", async () => {
      const preflight = await fetch(server.url, { method: "OPTIONS", headers: { origin: "https://evil.example", "access-control-request-method": "POST" } });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get("access-control-allow-origin")).toBeNull();
      expect(preflight.headers.get("access-control-allow-methods")).toBe("GET,POST");
      const post = await fetch(server.url, { method: "POST", headers: { origin: "https://evil.example", "content-type": "application/json" }, body: JSON.stringify({ query: PAPER }) });
      expect(post.headers.get("access-control-allow-origin")).toBeNull();
      // So that a cache never hands a listed origin's page the copy it kept for this one.
      expect(post.headers.get("vary")).toMatch(/Origin/);
    });

    it("lets a listed origin's script read the answer and the bookmark header", async () => {
      const res = await fetch(server.url, { method: "POST", headers: { origin: FRONTEND, "content-type": "application/json" }, body: JSON.stringify({ query: PAPER }) });
      expect(res.status).toBe(200);
      expect(res.headers.get("access-control-allow-origin")).toBe(FRONTEND);
      expect(res.headers.get("access-control-expose-headers")).toContain("Neo4j-Bookmark");
      expect(res.headers.get("vary")).toMatch(/Origin/);
    });

    it("keeps Apollo's CSRF prevention: a simple GET without the preflight header is refused", async () => {
      const res = await fetch(`${server.url}?query=${encodeURIComponent(PAPER)}`, { headers: { origin: FRONTEND } });
      expect(res.status).toBe(400);
      expect(await res.text()).toMatch(/CSRF/);
    });
  });

  describe("Cache-Control and ETag", () => {
    it("lets anonymous GETs be cached as long as the shortest hint of what they read", async () => {
      const paper = await get(server, PAPER, { origin: FRONTEND });
      expect(paper.headers.get("cache-control")).toBe("public, max-age=300");
      // A browser's or a CDN's cache keys the answer on who asks, on the bookmark and on the Accept header Apollo
      // chose the Content-Type by, and CORS's Origin stays.
      expect(paper.headers.get("vary")!.toLowerCase().split(/,\s*/).sort()).toEqual(["accept", "authorization", "neo4j-bookmark", "origin"]);
      expect(paper.headers.get("content-type")).toMatch(/^application\/json/);
      const graphqlResponse = await get(server, PAPER, { origin: FRONTEND, accept: "application/graphql-response+json" });
      expect(graphqlResponse.headers.get("content-type")).toMatch(/^application\/graphql-response\+json/);
      expect(graphqlResponse.headers.get("cache-control")).toBe("public, max-age=300");
      // The feed reads summaries (30 s) and their votes (10 s).
      expect((await get(server, FEED)).headers.get("cache-control")).toBe("public, max-age=10");
      expect((await get(server, `{ summaries(first: 1) { edges { node { id } } } }`)).headers.get("cache-control")).toBe("public, max-age=30");
    });

    it("never lets an answer with a viewer, a mutation, a POST, an error or a bookmark be kept", async () => {
      expect((await get(server, `{ viewer { signedIn } paper(id: "journals/corr/1512.03385") { id } }`)).headers.get("cache-control")).toBe("private, no-store");
      expect((await get(server, PAPER, await asContributor())).headers.get("cache-control")).toBe("private, no-store");
      expect((await get(server, PAPER, { "neo4j-bookmark": "FB:whatever" })).headers.get("cache-control")).toBe("no-store");
      expect((await get(server, `{ paper(id: "") { id } }`)).headers.get("cache-control")).toBe("no-store");
      const post = await fetch(server.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: PAPER }) });
      expect(post.headers.get("cache-control")).toBe("no-store");
      const vote = await fetch(server.url, {
        method: "POST",
        headers: { "content-type": "application/json", ...(await asContributor()) },
        body: JSON.stringify({ query: VOTE, variables: { id: "shortscience/dcgan", value: 0 } }),
      });
      expect(vote.headers.get("cache-control")).toBe("private, no-store");
    });

    it("answers a second identical GET from the response cache, and 304 to its ETag, with no Cypher round-trip", async () => {
      const query = `query Once { paper(id: "journals/corr/1608.06993") { id title year } }`;
      const before = await roundTripsSoFar(server);
      const first = await get(server, query);
      const etag = first.headers.get("etag")!;
      const body = await first.text();
      expect(etag).toMatch(/^"[^"]+"$/); // strong: no W/ prefix
      // The count is left out of answers caches keep, so a cached copy is byte for byte the computed one.
      expect(JSON.parse(body)).toEqual({ data: { paper: { id: "journals/corr/1608.06993", title: expect.any(String), year: 2016 } } });
      const afterFirst = await roundTripsSoFar(server);
      expect(afterFirst).toBeGreaterThan(before);

      const again = await get(server, query);
      expect(await again.text()).toBe(body);
      expect(again.headers.get("etag")).toBe(etag);
      expect(again.headers.get("age")).not.toBeNull();
      // As a browser revalidates (node's fetch would otherwise add no-cache to a conditional request).
      const notModified = await get(server, query, { "if-none-match": etag, "cache-control": "max-age=0" });
      expect(notModified.status).toBe(304);
      expect(await notModified.text()).toBe("");
      expect(await roundTripsSoFar(server)).toBe(afterFirst);
    });

    it("forgets this instance's cached answers when it makes a write", async () => {
      const votesOf = async () => ((await (await get(server, FEED)).json()) as any).data.summaries.edges.find((e: any) => e.node.id === "shortscience/resnet")?.node.votes;
      const before = await votesOf();
      const contributor = await asContributor("Cache Tester");
      const voted = await server.query(VOTE, { id: "shortscience/resnet", value: 1 }, contributor);
      expect(voted.data!.voteSummary.votes).toBe(before + 1);
      expect(await votesOf()).toBe(before + 1);
    });
  });

  describe("automatic persisted queries", () => {
    it("registers a document by its hash, then runs it by the hash alone, over GET", async () => {
      const query = `query Apq { topCited(first: 2) { count paper { id } } }`;
      const extensions = (sha256Hash: string) => encodeURIComponent(JSON.stringify({ persistedQuery: { version: 1, sha256Hash } }));
      const hash = documentId(query);
      const unknown = await fetch(`${server.url}?extensions=${extensions(hash)}`, { headers: { "apollo-require-preflight": "true" } });
      expect(((await unknown.json()) as any).errors[0].extensions.code).toBe("PERSISTED_QUERY_NOT_FOUND");
      const registered = await fetch(`${server.url}?query=${encodeURIComponent(query)}&extensions=${extensions(hash)}`, { headers: { "apollo-require-preflight": "true" } });
      expect(registered.status).toBe(200);
      const byHash = await fetch(`${server.url}?extensions=${extensions(hash)}`, { headers: { "apollo-require-preflight": "true" } });
      expect(byHash.status).toBe(200);
      expect(byHash.headers.get("cache-control")).toBe("public, max-age=300");
      expect(((await byHash.json()) as any).data.topCited).toHaveLength(2);
    });
  });

  describe("trusted documents", () => {
    let trusted: TestServer;
    const LISTED = `query Listed { paper(id: "journals/corr/1512.03385") { title } }`;
    const LISTED_VOTE = `mutation ListedVote($id: ID!) { voteSummary(id: $id, value: 1) { votes } }`;

    beforeAll(async () => {
      trusted = await startTestServer(t, { security: { trustedDocuments: new TrustedDocuments(manifestOf([LISTED, LISTED_VOTE])) } });
    });
    afterAll(() => trusted?.close());

    it("runs a listed operation sent as text or by its id", async () => {
      expect(await trusted.query(LISTED)).toMatchObject({ status: 200, data: { paper: { title: "Deep Residual Learning for Image Recognition" } } });
      const byId = await fetch(trusted.url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: documentId(LISTED) } } }),
      });
      expect(((await byId.json()) as any).data.paper.title).toBe("Deep Residual Learning for Image Recognition");
    });

    it("refuses any other document with a clear error and HTTP 400, changing nothing", async () => {
      const adHoc = await trusted.query(`{ paper(id: "journals/corr/1512.03385") { title } }`);
      expect(adHoc.status).toBe(400);
      expect(adHoc.data).toBeUndefined();
      expect(adHoc.errors![0].extensions!.code).toBe("PERSISTED_QUERY_NOT_IN_LIST");
      expect(adHoc.errors![0].message).toMatch(/trusted-documents list/);

      const votes = async () => (await t.driver.executeQuery(`MATCH (s:Summary {id: "shortscience/draw"}) RETURN s.votes AS v`)).records[0].get("v");
      const before = await votes();
      const write = await trusted.query(`mutation { voteSummary(id: "shortscience/draw", value: 1) { votes } }`, {}, await asContributor("Unlisted"));
      expect(write.errors![0].extensions!.code).toBe("PERSISTED_QUERY_NOT_IN_LIST");
      expect(await votes()).toEqual(before);
    });

    it("refuses to register an unlisted document through APQ", async () => {
      const query = `query Sneaky { topCited(first: 1) { count } }`;
      const send = (body: object) => fetch(trusted.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      const persistedQuery = { version: 1, sha256Hash: documentId(query) };
      const registration = await send({ query, extensions: { persistedQuery } });
      expect(registration.status).toBe(400);
      expect(((await registration.json()) as any).errors[0].extensions.code).toBe("PERSISTED_QUERY_NOT_IN_LIST");
      const later = await send({ extensions: { persistedQuery } });
      expect(((await later.json()) as any).errors[0].extensions.code).toBe("PERSISTED_QUERY_NOT_FOUND");
    });

    it("runs only the list's subscriptions over WebSocket too: the explorer's live front page is in the repository's manifest", async () => {
      const manifest = repositoryManifest();
      const withVote = manifestOf([...manifest.operations.map((o) => o.body), LISTED_VOTE]);
      const own = await startTestServer(t, { security: { trustedDocuments: new TrustedDocuments(withVote) } });
      const ws = subscriptionClient(own);
      try {
        const adHoc = ws.subscribe(`subscription { summaryVotesChanged { id } }`);
        await expect(adHoc.next()).rejects.toMatchObject([{ extensions: { code: "PERSISTED_QUERY_NOT_IN_LIST" } }]);
        const live = manifest.operations.find((o) => o.name === "FrontPageVotes")!;
        const listed = ws.subscribe(live.body);
        await listening(own, 1);
        await own.query(LISTED_VOTE, { id: "shortscience/resnet" }, await asContributor("Trusted Voter"));
        expect((await listed.next()).data).toMatchObject({ summaryVotesChanged: { id: "shortscience/resnet" } });
      } finally {
        await ws.dispose();
        await own.close();
      }
    });

    it("the repository's manifest runs the README's examples as the IDE sends them", async () => {
      const manifest = repositoryManifest();
      const own = await startTestServer(t, { security: { trustedDocuments: new TrustedDocuments(manifest) } });
      try {
        const frontPage = manifest.operations.find((o) => o.name === "FrontPage")!;
        const res = await own.query(frontPage.body);
        expect(res.status).toBe(200);
        expect(res.data!.summaries.edges.length).toBeGreaterThan(0);
      } finally {
        await own.close();
      }
    });
  });
});
