// POST /graphql skips express's router (src/http/graphql-post-lane.ts); POST /graphql/ still takes it to the same
// handlers. Every kind of request the handlers treat differently must get the same answer both ways: status, body
// and headers, but for the ones that differ between any two requests. And a POST's answer carries no ETag.
import http from "node:http";
import express from "express";
import { openTestDatabase, TestDatabase } from "../helpers/database";
import { startTestServer, TestServer } from "../helpers/server";
import { asContributor } from "../helpers/tokens";

const FRONTEND = "https://frontend.example";
const JSON_TYPE = { "content-type": "application/json" };
const body = (query: string) => JSON.stringify({ query });

// [what it is, headers, body]: each is sent to /graphql (the lane), then to /graphql/ (the router).
const REQUESTS: Array<[string, Record<string, string>, string]> = [
  ["a query", JSON_TYPE, body("{ papers(first: 2) { edges { node { id } } } }")],
  ["a listed origin's query", { ...JSON_TYPE, origin: FRONTEND }, body("{ __typename }")],
  ["another origin's query", { ...JSON_TYPE, origin: "https://evil.example" }, body("{ __typename }")],
  ["a document that does not validate", JSON_TYPE, body("{ nothing }")],
  ["a body that is not JSON", JSON_TYPE, "{"],
  ["a body over the size limit", JSON_TYPE, body(`{ __typename ${"# padding ".repeat(300)}}`)],
  ["a UTF-16 body", { "content-type": "application/json; charset=utf-16" }, body("{ __typename }")],
  ["no content type", {}, body("{ __typename }")],
  ["a token that does not verify", { ...JSON_TYPE, authorization: "Bearer not-a-token" }, body("{ __typename }")],
  ["an anonymous mutation", JSON_TYPE, body(`mutation { voteSummary(id: "s-none", value: 1) { votes } }`)],
  // The mutation budget below is 2: the anonymous mutation above used it up, lane and router alike.
  ["a mutation over the budget", JSON_TYPE, body(`mutation { voteSummary(id: "s-none", value: 1) { votes } }`)],
];

// Date and the rate limit's remaining count change from one request to the next.
const VARYING = new Set(["date", "ratelimit", "retry-after"]);

describe("POST /graphql without express's router", () => {
  let t: TestDatabase;
  let server: TestServer;
  // Every express app made from here on: its router runs only when the app handles a request.
  // (`handle` is express's, not in its types.)
  const routed = jest.spyOn(express.application as unknown as { handle: () => void }, "handle");

  beforeAll(async () => {
    t = await openTestDatabase();
    server = await startTestServer(t, {
      security: {
        maxBodyBytes: 2_000,
        cors: { origins: [FRONTEND], credentials: false, maxAgeSeconds: 600 },
        rateLimits: { windowMs: 60_000, requests: 1_000, mutations: 2 },
      },
    });
  });

  afterAll(async () => {
    routed.mockRestore();
    await server.close();
    await t.close();
  });

  // Each request names itself, so that the two ways of one request answer the same X-Request-Id.
  const send = async (path: string, headers: Record<string, string>, payload: string) => {
    const res = await fetch(server.base + path, { method: "POST", headers: { "x-request-id": "lane-or-router", ...headers }, body: payload });
    const kept = [...res.headers].filter(([name]) => !VARYING.has(name));
    return { status: res.status, headers: Object.fromEntries(kept), retryAfter: res.headers.has("retry-after"), body: await res.text() };
  };

  it.each(REQUESTS)("answers %s as the router does", async (_what, headers, payload) => {
    routed.mockClear();
    const lane = await send("/graphql", headers, payload);
    expect(routed).not.toHaveBeenCalled();
    const router = await send("/graphql/", headers, payload);
    expect(routed).toHaveBeenCalledTimes(1);
    expect(lane).toEqual(router);
  });

  it("went through every handler: the request id, CORS, the body guards, the verification, both budgets", async () => {
    const answers = new Map<string, { status: number; headers: Record<string, string>; body: string }>();
    for (const [what, headers, payload] of REQUESTS) answers.set(what, await send("/graphql", headers, payload));
    expect(answers.get("a query")!.status).toBe(200);
    expect(answers.get("a listed origin's query")!.headers["access-control-allow-origin"]).toBe(FRONTEND);
    expect(answers.get("another origin's query")!.headers["access-control-allow-origin"]).toBeUndefined();
    expect(answers.get("a body that is not JSON")!.status).toBe(400);
    expect(answers.get("a body over the size limit")!.status).toBe(413);
    expect(answers.get("a UTF-16 body")!.status).toBe(415);
    expect(answers.get("a token that does not verify")!.status).toBe(401);
    // Three in a row: over the budget of 2, whatever ran before.
    const [, headers, mutation] = REQUESTS.find(([what]) => what === "a mutation over the budget")!;
    for (let i = 0; i < 2; i++) await send("/graphql", headers, mutation);
    const over = await send("/graphql", headers, mutation);
    expect(over.status).toBe(429);
    expect(over.headers["x-request-id"]).toBe("lane-or-router");
    expect(answers.get("a query")!.headers["ratelimit-policy"]).toContain("requests");
    // helmet's headers, from the handler the app runs first.
    expect(answers.get("a query")!.headers["content-security-policy"]).toContain("default-src 'none'");
    // The request's id on every answer, the refusals of the guards and limits before Apollo included.
    for (const [what, answer] of answers) expect([what, answer.headers["x-request-id"]]).toEqual([what, "lane-or-router"]);
  });

  it("gives the server's requests express's prototypes at birth: the lane switches none, the router still does", async () => {
    const switched = jest.spyOn(Object, "setPrototypeOf");
    const messages = () => switched.mock.calls.filter(([o]) => o instanceof http.IncomingMessage || o instanceof http.ServerResponse).length;
    try {
      const [, headers, payload] = REQUESTS[0];
      expect((await send("/graphql", headers, payload)).status).toBe(200);
      expect(messages()).toBe(0);
      expect((await send("/graphql/", headers, payload)).status).toBe(200);
      expect(messages()).toBe(2);
    } finally {
      switched.mockRestore();
    }
  });

  it("writes a POST's answer with its length and no ETag; a GET's keeps its ETag", async () => {
    const res = await fetch(server.url, { method: "POST", headers: { ...JSON_TYPE, ...(await asContributor()) }, body: body("{ __typename }") });
    const text = await res.text();
    expect(res.headers.get("etag")).toBeNull();
    expect(res.headers.get("content-length")).toBe(String(Buffer.byteLength(text)));
    const get = await fetch(`${server.url}?query=${encodeURIComponent("{ __typename }")}`, { headers: { "apollo-require-preflight": "true" } });
    expect(get.status).toBe(200);
    expect(get.headers.get("etag")).toMatch(/^"[^"]+"$/);
  });
});
