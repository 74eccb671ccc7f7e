// Neo4j stopped under load (a bounded autocannon run on loopback): the server keeps serving liveness, reports not
// ready, ends every request within its budget with data or SERVICE_UNAVAILABLE, and recovers by itself once Neo4j
// is back. The Neo4j is the test's own.
import autocannon from "autocannon";
import { startOwnNeo4j, OwnNeo4j } from "../helpers/own-neo4j";
import { startTestServer, TestServer } from "../helpers/server";

// The default budget: the driver gives up on an unreachable Neo4j after its 2 s of retries (3-4 s with backoff).
const BUDGET_MS = 10_000;
const QUERY = JSON.stringify({ query: `query Title { paper(id: "journals/corr/1512.03385") { title } }` });

interface LoadOutcome {
  requests: number;
  ok: number;
  unavailable: number;
  other: string[];
  timeouts: number;
  errors: number;
  maxLatencyMs: number;
}

/** A bounded load on loopback: `connections` clients for `seconds`, every response classified. */
async function load(url: string, seconds: number, connections = 4): Promise<LoadOutcome> {
  const outcome: LoadOutcome = { requests: 0, ok: 0, unavailable: 0, other: [], timeouts: 0, errors: 0, maxLatencyMs: 0 };
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    // A request still unanswered after its budget (plus a second for the answer to travel) counts as a timeout.
    timeout: BUDGET_MS / 1000 + 1,
    requests: [
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: QUERY,
        onResponse: (status: number, body: string) => {
          outcome.requests += 1;
          const json = JSON.parse(body);
          const codes = (json.errors ?? []).map((e: { extensions?: { code?: string } }) => e.extensions?.code);
          if (status === 200 && codes.length === 0 && json.data?.paper?.title) outcome.ok += 1;
          else if (status === 200 && codes.length > 0 && codes.every((c: string) => c === "SERVICE_UNAVAILABLE")) outcome.unavailable += 1;
          else outcome.other.push(`${status} ${body.slice(0, 200)}`);
        },
      },
    ],
  });
  outcome.timeouts = result.timeouts;
  outcome.errors = result.errors;
  outcome.maxLatencyMs = result.latency.max;
  return outcome;
}

describe("Neo4j stopped under load", () => {
  let neo4j: OwnNeo4j;
  let server: TestServer;

  beforeAll(async () => {
    neo4j = await startOwnNeo4j();
    server = await startTestServer({ driver: neo4j.driver }, { transactionTimeoutMs: 5000, security: { requestTimeoutMs: BUDGET_MS } });
  });

  afterAll(async () => {
    await server.close();
    await neo4j.dispose();
  });

  it("keeps the server alive, answers within budget with SERVICE_UNAVAILABLE, and recovers without a restart", async () => {
    const healthy = await load(server.url, 2);
    expect(healthy).toMatchObject({ other: [], unavailable: 0, timeouts: 0, errors: 0 });
    expect(healthy.ok).toBe(healthy.requests);

    await neo4j.stop();
    const during = load(server.url, 5, 8);
    // While the load runs: liveness answers, readiness says no.
    const health = await fetch(`${server.base}/healthz`);
    const ready = await fetch(`${server.base}/readyz`);
    const down = await during;
    console.log(`Neo4j down: ${down.requests} requests, ${down.unavailable} SERVICE_UNAVAILABLE, ${down.ok} ok, slowest ${down.maxLatencyMs} ms`);
    expect(health.status).toBe(200);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: "neo4j unreachable" });
    expect(down).toMatchObject({ other: [], timeouts: 0, errors: 0 });
    expect(down.unavailable).toBeGreaterThan(0);

    await neo4j.restart();
    // Within 10 s of Neo4j being back, requests succeed again, with no server restart.
    const back = Date.now() + 10_000;
    let recovered = false;
    while (!recovered && Date.now() < back) {
      const res = await server.query(`{ paper(id: "journals/corr/1512.03385") { title } }`);
      recovered = res.errors === undefined;
      if (!recovered) await new Promise((r) => setTimeout(r, 200));
    }
    expect(recovered).toBe(true);
    const after = await load(server.url, 2);
    console.log(`Neo4j back: ${after.requests} requests, ${after.ok} ok, slowest ${after.maxLatencyMs} ms`);
    expect(after).toMatchObject({ other: [], unavailable: 0, timeouts: 0, errors: 0 });
    expect(after.ok).toBe(after.requests);
    expect((await fetch(`${server.base}/readyz`)).status).toBe(200);
  });
});
