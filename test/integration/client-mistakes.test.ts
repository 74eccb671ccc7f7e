// Requests a client got wrong over HTTP: a malformed persisted-query extension, a subscription sent as a POST. Each
// is refused with a client error's status and code, never masked as INTERNAL_SERVER_ERROR, and the log keeps it as
// an ordinary request, not as the server's error.
import { startSeededServer, startTestServer, stopSeededServer, TestServer } from "../helpers/server";
import type { TestDatabase } from "../helpers/database";
import { capturingLogger } from "../helpers/logs";
import { documentId, manifestOf, TrustedDocuments } from "../../src/graphql/trusted-documents";

const QUERY = "{ viewer { signedIn } }";
const LISTED = `query Listed { topCited(first: 1) { count } }`;
const LISTED_SUBSCRIPTION = `subscription ListedAdded { summaryAdded { id } }`;

interface Answer {
  status: number;
  errors: Array<{ message: string; extensions: Record<string, unknown> }>;
}

describe("a client's mistakes over HTTP", () => {
  let t: TestDatabase;
  let server: TestServer;
  let trusted: TestServer;
  const { logger, lines } = capturingLogger();

  beforeAll(async () => {
    ({ t, server } = await startSeededServer({ logger }));
    trusted = await startTestServer(t, { logger, security: { trustedDocuments: new TrustedDocuments(manifestOf([LISTED, LISTED_SUBSCRIPTION])) } });
  });
  afterAll(async () => {
    await trusted?.close();
    await stopSeededServer({ t, server });
  });

  /** Sends the request under `requestId`; its answer, once the log shows it as an ordinary request and nothing worse. */
  async function refused(requestId: string, request: Request): Promise<Answer> {
    request.headers.set("x-request-id", requestId);
    const res = await fetch(request);
    const answer = { status: res.status, errors: ((await res.json()) as { errors: Answer["errors"] }).errors };
    const logged = lines().filter((l) => l.requestId === requestId);
    expect(logged.find((l) => l.msg === "graphql request")).toBeDefined();
    expect(logged.filter((l) => l.level >= 50)).toEqual([]);
    return answer;
  }

  const post = (to: TestServer, body: unknown) =>
    new Request(to.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const get = (to: TestServer, params: Record<string, string>) =>
    new Request(`${to.url}?${new URLSearchParams(params)}`, { headers: { "apollo-require-preflight": "true" } });

  // Mounted with app.use, the API answered under /graphql too: a client with a typo in its URL got answers.
  it("the API answers at /graphql only: below it is an unknown path, 404, for a POST and a GET", async () => {
    const ok = await fetch(post(server, { query: QUERY }));
    expect(ok.status).toBe(200);
    const below = `${server.url}/anything`;
    const unknown = await fetch(new URL("/nope", server.url), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: QUERY }) });
    expect(unknown.status).toBe(404);
    const postBelow = await fetch(below, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: QUERY }) });
    expect(postBelow.status).toBe(404);
    expect(await postBelow.text()).toBe((await unknown.text()).replace("/nope", "/graphql/anything"));
    const getBelow = await fetch(`${below}?${new URLSearchParams({ query: QUERY })}`, { headers: { "apollo-require-preflight": "true" } });
    expect(getBelow.status).toBe(404);
    expect(getBelow.headers.get("content-type")).not.toMatch(/json/);
    // /graphql/ is the endpoint too, as express's non-strict routes read it (frontends.test.ts sends its preflights).
    expect((await fetch(new Request(`${server.url}/`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: QUERY }) }))).status).toBe(200);
  });

  describe("a malformed persistedQuery extension is BAD_REQUEST", () => {
    it.each([
      ["a version other than 1", { version: 2, sha256Hash: documentId(QUERY) }, "Unsupported persisted query version"],
      ["the version as a string", { version: "1", sha256Hash: documentId(QUERY) }, "Unsupported persisted query version"],
      ["an extension that is not an object", "x", "Unsupported persisted query version"],
      ["a hash that is not the query's", { version: 1, sha256Hash: "abc" }, "provided sha does not match query"],
      ["the query's hash in upper-case hex", { version: 1, sha256Hash: documentId(QUERY).toUpperCase() }, "provided sha does not match query"],
    ])("POST with %s", async (what, persistedQuery, message) => {
      const answer = await refused(`apq-post-${what.replace(/\W+/g, "-")}`, post(server, { query: QUERY, extensions: { persistedQuery } }));
      expect(answer).toEqual({ status: 400, errors: [{ message, extensions: { code: "BAD_REQUEST" } }] });
    });

    it("GET with a version other than 1, with or without the query", async () => {
      const extensions = JSON.stringify({ persistedQuery: { version: 3 } });
      const requests: Array<Record<string, string>> = [{ extensions }, { query: QUERY, extensions }];
      for (const params of requests) {
        const answer = await refused(`apq-get-${Object.keys(params).length}`, get(server, params));
        expect(answer).toEqual({ status: 400, errors: [{ message: "Unsupported persisted query version", extensions: { code: "BAD_REQUEST" } }] });
      }
    });

    it("in trusted mode, a listed id with an empty query", async () => {
      const answer = await refused("apq-trusted-empty", post(trusted, { query: "", extensions: { persistedQuery: { version: 1, sha256Hash: documentId(LISTED) } } }));
      expect(answer).toEqual({ status: 400, errors: [{ message: "provided sha does not match query", extensions: { code: "BAD_REQUEST" } }] });
    });
  });

  describe("a subscription sent over HTTP is refused, pointing to the WebSocket", () => {
    const overWebSocket = { message: expect.stringMatching(/WebSocket only: open ws:\/\/<this host>\/graphql/), extensions: { code: "BAD_REQUEST" } };

    it.each([
      ["summaryAdded", "subscription { summaryAdded { id } }"],
      ["summaryDeleted", "subscription { summaryDeleted { id } }"],
      ["summaryVotesChanged", "subscription { summaryVotesChanged { id votes } }"],
    ])("POST of %s: 400 BAD_REQUEST", async (name, query) => {
      expect(await refused(`subscription-post-${name}`, post(server, { query }))).toEqual({ status: 400, errors: [overWebSocket] });
    });

    it("in trusted mode, a listed subscription, sent as text or by its id", async () => {
      const byText = await refused("subscription-trusted-text", post(trusted, { query: LISTED_SUBSCRIPTION }));
      expect(byText).toEqual({ status: 400, errors: [overWebSocket] });
      const byId = await refused("subscription-trusted-id", post(trusted, { extensions: { persistedQuery: { version: 1, sha256Hash: documentId(LISTED_SUBSCRIPTION) } } }));
      expect(byId).toEqual({ status: 400, errors: [overWebSocket] });
    });

    it("GET of one: Apollo's 405, as for a mutation", async () => {
      const answer = await refused("subscription-get", get(server, { query: "subscription { summaryAdded { id } }" }));
      expect(answer.status).toBe(405);
      expect(answer.errors[0].extensions.code).toBe("BAD_REQUEST");
    });
  });
});
