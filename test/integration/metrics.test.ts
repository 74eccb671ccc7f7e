// GET /metrics: Prometheus text with requests and latency per operation, round-trips per request and pool use.
import type { TestDatabase } from "../helpers/database";
import { startSeededServer, stopSeededServer, TestServer } from "../helpers/server";

describe("/metrics", () => {
  let t: TestDatabase;
  let server: TestServer;

  beforeAll(async () => ({ t, server } = await startSeededServer()));
  afterAll(() => stopSeededServer({ t, server }));

  const metrics = async () => (await fetch(`${server.metricsBase}/metrics`)).text();
  const sample = (text: string, line: string) => Number(new RegExp(`^${line.replace(/[{}"+]/g, "\\$&")} (\\S+)$`, "m").exec(text)?.[1] ?? NaN);

  it("counts requests and their latency per operation and outcome, round-trips per request and sessions", async () => {
    for (let i = 0; i < 3; i++) await server.query(`query Titles { papers(first: 3) { edges { node { title summaries { id } } } } }`);
    await server.query(`query Broken { papers(first: 101) { totalCount } }`);
    const text = await metrics();
    expect(sample(text, `graphql_requests_total{operation="Titles",outcome="ok"}`)).toBe(3);
    expect(sample(text, `graphql_requests_total{operation="Broken",outcome="BAD_USER_INPUT"}`)).toBe(1);
    expect(sample(text, `graphql_request_duration_seconds_count{operation="Titles"}`)).toBe(3);
    // Each Titles request is 1 statement (the papers with their first summaries, docs/api.md#batching-and-projection):
    // all three in the le="1" bucket.
    expect(sample(text, `graphql_cypher_round_trips_bucket{le="1"}`)).toBeGreaterThanOrEqual(3);
    expect(sample(text, `graphql_cypher_round_trips_sum`)).toBeGreaterThanOrEqual(3);
    expect(sample(text, `neo4j_sessions_in_use`)).toBe(0);
    expect(sample(text, `neo4j_sessions_opened_total`)).toBeGreaterThanOrEqual(3);
    expect(text).toContain("process_cpu_user_seconds_total");
  });

  it("labels at most 100 operation names, then 'other'", async () => {
    for (let i = 0; i < 105; i++) await server.query(`query Op${i} { __typename }`);
    const text = await metrics();
    const labels = new Set([...text.matchAll(/graphql_requests_total\{operation="([^"]+)"/g)].map((m) => m[1]));
    expect(labels.size).toBeLessThanOrEqual(100 + 2);
    expect(labels.has("other")).toBe(true);
  });
});
