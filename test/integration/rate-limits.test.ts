// Rate limits over HTTP: a caller's request and mutation budgets run out with a GraphQL-shaped 429 and the IETF
// headers, while another identity (or another address) keeps its own budget; metrics are off the public listener.
import { createAuthenticator } from "../../src/auth/authenticator";
import { startSeededServer, stopSeededServer, TestServer } from "../helpers/server";
import type { TestDatabase } from "../helpers/database";
import { mint } from "../helpers/tokens";
import { documentId } from "../../src/graphql/trusted-documents";

const SECRET = "a-test-secret-of-at-least-thirty-two-characters";
const READ = `{ paper(id: "1512.03385") { id } }`;
const vote = (value: number) => `mutation { voteSummary(id: "shortscience/resnet", value: ${value}) { votes } }`;
/** One request of several votes, each under its own alias: one mutation each. */
const votes = (values: number[]) => `mutation { ${values.map((v, i) => `v${i}: voteSummary(id: "shortscience/resnet", value: ${v}) { votes }`).join(" ")} }`;

describe("rate limits", () => {
  let t: TestDatabase;
  let server: TestServer;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    const authenticate = createAuthenticator({
      key: { kind: "hs256", secret: SECRET, source: "shared" },
      issuer: "papers-graph",
      audience: "papers-graph",
      clockToleranceSeconds: 0,
      claims: { name: ["name"], roles: "roles", author: "papers_author" },
      defaultRoles: [],
    });
    ({ t, server } = await startSeededServer({ authenticate, security: { rateLimits: { windowMs: 600_000, requests: 6, mutations: 2 } } }));
    for (const who of ["ada", "bob", "cyd", "dee", "eve"]) tokens[who] = await mint(SECRET, { name: who, roles: ["contributor"] }, { subject: who });
  });
  afterAll(() => stopSeededServer({ t, server }));

  const post = (query: string, headers: Record<string, string> = {}) =>
    fetch(server.url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ query }) });
  const as = (who: string) => ({ authorization: `Bearer ${tokens[who]}` });

  async function expectRefused(res: Response, policy: string) {
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(res.headers.get("ratelimit")).toMatch(new RegExp(`"${policy}"; r=0; t=\\d+`));
    const body = (await res.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0].extensions.code).toBe("RATE_LIMITED");
    expect(body.errors[0].message).toContain(policy);
  }

  it("gives each identity its own mutation budget, stricter than the request budget", async () => {
    const votes = async (res: Response) => ((await res.json()) as { data: { voteSummary: { votes: number } } }).data.voteSummary.votes;
    const first = await post(vote(1), as("ada"));
    expect(first.status).toBe(200);
    expect(first.headers.get("ratelimit-policy")).toMatch(/"requests"; q=6; w=600; pk=:[^:]+:, "mutations"; q=2; w=600; pk=:[^:]+:/);
    expect(first.headers.get("ratelimit")).toMatch(/"requests"; r=5; t=\d+, "mutations"; r=1; t=\d+/);
    const before = await votes(first);
    // One vote per person: turning ada's up-vote into a down-vote moves the sum by two.
    expect((await post(vote(-1), as("ada"))).status).toBe(200);
    await expectRefused(await post(vote(1), as("ada")), "mutations");
    // The refused vote changed nothing; reads still fit in ada's request budget, and bob's budget is untouched.
    const read = await post(`{ summary(id: "shortscience/resnet") { votes } }`, as("ada"));
    expect(read.status).toBe(200);
    expect(((await read.json()) as { data: { summary: { votes: number } } }).data.summary.votes).toBe(before - 2);
    expect((await post(vote(1), as("bob"))).status).toBe(200);
  });

  it("counts every mutation of a request, aliases included, and refuses whole a request whose mutations do not fit", async () => {
    const viewerVote = async () =>
      ((await (await post(`{ summary(id: "shortscience/resnet") { viewerVote } }`, as("eve"))).json()) as { data: { summary: { viewerVote: number } } }).data.summary.viewerVote;
    // Three votes do not fit eve's budget of 2: none of them runs, and the refusal takes nothing from the budget.
    await expectRefused(await post(votes([1, -1, 1]), as("eve")), "mutations");
    expect(await viewerVote()).toBe(0);
    const two = await post(votes([1, -1]), as("eve"));
    expect(two.status).toBe(200);
    expect(two.headers.get("ratelimit")).toMatch(/"mutations"; r=0;/);
    expect(await viewerVote()).toBe(-1);
    await expectRefused(await post(vote(1), as("eve")), "mutations");
  });

  it("counts a mutation sent by its persisted id alone (APQ) against the mutation budget", async () => {
    const text = vote(1);
    const persistedQuery = { version: 1, sha256Hash: documentId(text) };
    const send = (payload: Record<string, unknown>) =>
      fetch(server.url, { method: "POST", headers: { "content-type": "application/json", ...as("dee") }, body: JSON.stringify(payload) });
    // Registered with its text (the first mutation), then sent by id alone (the second): the budget of 2 is used up.
    const registered = await send({ query: text, extensions: { persistedQuery } });
    expect(registered.status).toBe(200);
    expect(registered.headers.get("ratelimit")).toMatch(/"mutations"; r=1;/);
    const byId = await send({ extensions: { persistedQuery } });
    expect(byId.status).toBe(200);
    expect(((await byId.json()) as { data: { voteSummary: { votes: number } } }).data.voteSummary.votes).toEqual(expect.any(Number));
    expect(byId.headers.get("ratelimit")).toMatch(/"mutations"; r=0;/);
    await expectRefused(await send({ extensions: { persistedQuery } }), "mutations");
  });

  it("runs out of the request budget per identity, and anonymous callers share their address's", async () => {
    // cyd's budget of 6: all reads (none of them a mutation, so the mutation policy is not even reported).
    for (let i = 0; i < 6; i++) {
      const res = await post(READ, as("cyd"));
      expect(res.status).toBe(200);
      expect(res.headers.get("ratelimit")).not.toContain("mutations");
    }
    await expectRefused(await post(READ, as("cyd")), "requests");
    // A token that does not verify buys no fresh budget: it counts against the address, as anonymous calls do.
    for (let i = 0; i < 6; i++) expect((await post(READ, i % 2 ? { authorization: "Bearer not.a.token" } : {})).status).not.toBe(429);
    await expectRefused(await post(READ), "requests");
    // Another identity from the same address is not limited.
    expect((await post(READ, as("bob"))).status).toBe(200);
  });

  it("serves /metrics on its own listener only", async () => {
    expect((await fetch(`${server.base}/metrics`)).status).toBe(404);
    expect(await (await fetch(`${server.metricsBase}/metrics`)).text()).toContain("graphql_requests_total");
  });

  it("sends helmet's security headers on the API", async () => {
    const res = await post(READ, as("bob"));
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("content-security-policy")).toBe("default-src 'none';frame-ancestors 'none';base-uri 'none'");
    expect(res.headers.get("x-powered-by")).toBeNull();
  });
});
