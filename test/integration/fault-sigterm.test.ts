// SIGTERM under load, on the built server (node dist/src/main.js) over the test run's Neo4j: the request in flight
// finishes, new connections are refused, the driver closes and the process exits 0.
import { ChildProcess, spawn } from "node:child_process";
import http from "node:http";
import path from "node:path";
import type { Session, Transaction } from "neo4j-driver";
import { openTestDatabase, TestDatabase, testNeo4jCredentials } from "../helpers/database";
import { asCurator, TEST_AUTH_SECRET } from "../helpers/tokens";

const ROOT = path.join(__dirname, "..", "..");
const RESNET = "journals/corr/1512.03385";

/** A request on a connection of its own (no keep-alive pool): resolves with the status, or the socket error's code. */
function freshRequest(url: string): Promise<number | string> {
  return new Promise((resolve) => {
    const req = http.get(url, { agent: false }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode!));
    });
    req.on("error", (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
  });
}

async function until(what: string, check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`gave up waiting: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("SIGTERM under load", () => {
  let t: TestDatabase;
  let server: ChildProcess;
  let url: string;
  let output = "";
  // The test's own lock on a paper, and the load's loops: ended in afterAll too, so that a failure halfway leaves no
  // transaction holding a lock on the shared Neo4j (the next file's reset() would wait on it) and no loop running.
  let holder: Session | undefined;
  let loading = false;

  beforeAll(async () => {
    t = await openTestDatabase();
    await t.reset();
    await t.seedShortScience();
    const { user, password } = testNeo4jCredentials();
    server = spawn(process.execPath, ["dist/src/main.js"], {
      cwd: ROOT,
      // WARM_UP_MS 0: the warm-up at start is start.test.ts's subject; here it would only add its seconds.
      env: { ...process.env, WARM_UP_MS: "0", PORT: "0", NEO4J_URI: process.env.TEST_NEO4J_URI, NEO4J_USER: user, NEO4J_PASSWORD: password, SEED_ON_START: "false", LOG_LEVEL: "info", SHUTDOWN_GRACE_MS: "20000", ENABLE_BROWSER_UI: "false", METRICS_PORT: "0", RATE_LIMIT_REQUESTS: "0", AUTH_HS256_SECRET: TEST_AUTH_SECRET },
      stdio: ["ignore", "pipe", "pipe"],
    });
    server.stdout!.on("data", (d) => (output += d));
    server.stderr!.on("data", (d) => (output += d));
    await until("the server to listen", async () => /GraphQL server ready at (\S+)/.test(output) || server.exitCode !== null, 60_000);
    url = /GraphQL server ready at (\S+)/.exec(output)![1];
  });

  afterAll(async () => {
    loading = false;
    if (server.exitCode === null) server.kill("SIGKILL");
    await holder?.close();
    await t.close();
  });

  it("finishes the request in flight, refuses new ones, closes the driver and exits 0", async () => {
    const curator = await asCurator();
    const post = (query: string, variables?: object) =>
      fetch(url, { method: "POST", headers: { "content-type": "application/json", ...curator }, body: JSON.stringify({ query, variables }) });

    // Background load: 4 clients reading in a loop until the server is gone.
    const outcomes: Array<{ status?: number; ok?: boolean; error?: string }> = [];
    loading = true;
    const clients = Array.from({ length: 4 }, async () => {
      while (loading) {
        try {
          const res = await post(`{ papers(first: 5) { edges { node { title references { id } } } } }`);
          const body = (await res.json()) as { errors?: unknown[]; data: { papers: { edges: unknown[] } } };
          outcomes.push({ status: res.status, ok: res.status === 200 && !body.errors && body.data.papers.edges.length === 5 });
        } catch (err) {
          outcomes.push({ error: String((err as { cause?: { code?: string } }).cause?.code ?? err) });
          await new Promise((r) => setTimeout(r, 20));
        }
      }
    });
    await until("some load to be served", async () => outcomes.filter((o) => o.ok).length >= 20);

    // A write held up by a lock of the test's own: in flight, for as long as the test wants.
    holder = t.driver.session({ database: "neo4j" });
    const lock: Transaction = holder.beginTransaction({ timeout: 60_000 });
    await lock.run("MATCH (p:Paper {id: $id}) SET p.title = p.title", { id: RESNET });
    let inFlightDone = false;
    const inFlight = post(`mutation { upsertPaper(input: { id: "${RESNET}", title: "Written during shutdown" }) { title } }`).then(async (res) => {
      inFlightDone = true;
      return { status: res.status, body: await res.json() };
    });
    await until("the write to wait on the lock", async () => {
      // The paper writer's statement (UPSERT_PAPERS sets `p += row.props`), not any other blocked transaction.
      const rows = await t.db.read(`SHOW TRANSACTIONS YIELD status, currentQuery WHERE status STARTS WITH "Blocked" AND currentQuery CONTAINS "row.props" RETURN count(*) AS blocked`);
      return (rows[0].blocked as number) > 0;
    });

    const exited = new Promise<number | null>((r) => server.once("exit", (code) => r(code)));
    server.kill("SIGTERM");
    await until("new connections to be refused", async () => (await freshRequest(url.replace(/graphql$/, "healthz"))) === "ECONNREFUSED");
    expect(inFlightDone).toBe(false);
    expect(server.exitCode).toBeNull();

    await lock.rollback();
    await holder.close();
    const finished = await inFlight;
    expect(finished.status).toBe(200);
    expect(finished.body).toEqual({
      data: { upsertPaper: { title: "Written during shutdown" } },
      extensions: { cypherRoundTrips: expect.any(Number), bookmark: expect.stringMatching(/^FB:/) },
    });

    expect(await exited).toBe(0);
    loading = false;
    await Promise.all(clients);
    expect(output).toContain("in-flight requests finished");
    expect(output).toContain("Neo4j driver closed");
    // Every request of the load either got its full answer or was refused at the connection: none got a 5xx or
    // an error in place of its data.
    const answered = outcomes.filter((o) => o.status !== undefined);
    expect(answered.filter((o) => !o.ok)).toEqual([]);
    const refusedCodes = new Set(outcomes.filter((o) => o.error).map((o) => o.error));
    for (const code of refusedCodes) expect(["ECONNREFUSED", "ECONNRESET", "UND_ERR_SOCKET"]).toContain(code);
    console.log(`SIGTERM under load: ${answered.length} requests answered, ${outcomes.length - answered.length} refused after the signal (${[...refusedCodes].join(", ")})`);
  });
});
