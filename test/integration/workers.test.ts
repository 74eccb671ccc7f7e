// WEB_CONCURRENCY: the built server forks that many workers on one port, each with its own driver; the primary's
// /metrics adds up the workers' counters, the rate limits count one budget per caller across the workers; SIGTERM
// drains every worker and the primary exits cleanly.
import { ChildProcess, spawn } from "node:child_process";
import http from "node:http";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { processAlive } from "../../src/neo4j/managed";
import { testNeo4jCredentials } from "../helpers/database";
import { asContributor, asCurator, TEST_AUTH_SECRET } from "../helpers/tokens";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { freePort, readyUrl } from "../helpers/built-server";

const ROOT = path.join(__dirname, "..", "..");
const BUDGET = 20;

/** A GraphQL POST on a connection of its own (no keep-alive), so the cluster hands each to the next worker. */
function postOnNewConnection(url: string, query: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: "POST", agent: false, headers: { "content-type": "application/json" } }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode!));
    });
    req.on("error", reject);
    req.end(JSON.stringify({ query }));
  });
}

function children(pid: number): number[] {
  return readdirSync(`/proc/${pid}/task`).flatMap((task) => readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").split(" ").filter(Boolean).map(Number));
}

describe("WEB_CONCURRENCY=2", () => {
  let server: ChildProcess;
  let url: string;
  let metricsPort: number;
  let output = "";

  beforeAll(async () => {
    metricsPort = await freePort();
    const { user, password } = testNeo4jCredentials();
    server = spawn(process.execPath, ["dist/src/main.js"], {
      cwd: ROOT,
      env: {
        ...process.env,
        // The warm-up at start is start.test.ts's subject; here it would only add its seconds.
        WARM_UP_MS: "0",
        WEB_CONCURRENCY: "2",
        NEO4J_URI: process.env.TEST_NEO4J_URI,
        NEO4J_USER: user,
        NEO4J_PASSWORD: password,
        AUTH_HS256_SECRET: TEST_AUTH_SECRET,
        SEED_ON_START: "false",
        PORT: "0",
        METRICS_PORT: String(metricsPort),
        RATE_LIMIT_REQUESTS: String(BUDGET),
        LOG_LEVEL: "warn",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    server.stdout!.on("data", (d) => (output += d));
    server.stderr!.on("data", (d) => (output += d));
    url = await readyUrl(server, () => output, /GraphQL server ready at (\S+) with 2 workers/);
  }, 300_000);

  afterAll(() => {
    if (server.exitCode === null) server.kill("SIGKILL");
  });

  it("serves from two worker processes and reports their requests together on /metrics", async () => {
    expect(children(server.pid!)).toHaveLength(2);
    const asked = 12;
    for (let i = 0; i < asked; i++) expect(await postOnNewConnection(url, "query Workers { viewer { name } }")).toBe(200);
    const metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    const counted = /graphql_requests_total\{operation="Workers",outcome="ok"\} (\d+)/.exec(metrics);
    expect(Number(counted?.[1])).toBe(asked);
  });

  it("counts one rate-limit budget per caller across the workers", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < BUDGET; i++) statuses.push(await postOnNewConnection(url, "{ viewer { name } }"));
    // The previous test spent 12 of the budget: with a budget per worker, each worker would still accept requests.
    expect(statuses.filter((s) => s === 200)).toHaveLength(BUDGET - 12);
    expect(statuses.slice(BUDGET - 12).every((s) => s === 429)).toBe(true);
  });

  it("hands a summary added through one worker to the subscribers of every worker", async () => {
    const post = async (query: string, variables: object, headers: Record<string, string>) =>
      (await (await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ query, variables }) })).json()) as any;
    const paperId = `workers/live-${Date.now()}`;
    expect((await post(`mutation($id: ID!) { upsertPaper(input: { id: $id, title: "Live on every worker" }) { id } }`, { id: paperId }, await asCurator())).errors).toBeUndefined();
    // Four connections of their own: the cluster hands them round-robin to the two workers.
    const clients = Array.from({ length: 4 }, () => createClient({ url: url.replace(/^http/, "ws"), webSocketImpl: WebSocket, retryAttempts: 0 }));
    try {
      const heard = clients.map(
        (client) =>
          new Promise<string>((resolve, reject) => {
            client.subscribe<{ summaryAdded: { id: string } }>(
              { query: `subscription($p: ID) { summaryAdded(paperId: $p) { id } }`, variables: { p: paperId } },
              { next: (r) => (r.data ? resolve(r.data.summaryAdded.id) : reject(r.errors)), error: reject, complete: () => undefined },
            );
          }),
      );
      // Every subscription is listening once the primary's /metrics counts all four.
      for (let i = 0; i < 100; i++) {
        const metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
        if (/graphql_subscriptions_active 4\b/.test(metrics)) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      const added = await post(`mutation($p: ID!) { addSummary(paperId: $p, body: "Heard everywhere.") { id } }`, { p: paperId }, await asContributor("Live Writer"));
      expect(added.errors).toBeUndefined();
      expect(await Promise.all(heard)).toEqual(Array(4).fill(added.data.addSummary.id));
    } finally {
      await Promise.all(clients.map((c) => c.dispose()));
    }
  });

  it("drains every worker on SIGTERM and exits 0", async () => {
    const workers = children(server.pid!);
    const exit = new Promise<number | null>((resolve) => server.once("exit", (code) => resolve(code)));
    server.kill("SIGTERM");
    expect(await exit).toBe(0);
    for (const pid of workers) expect(processAlive(pid)).toBe(false);
  });
});
