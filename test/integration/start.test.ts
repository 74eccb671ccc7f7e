// `npm start` end to end: the built server starts its own Neo4j, loads the seed, makes its local sign-in secret,
// accepts a token from `npm run token` for a mutation, serves, and stops cleanly; a signal to npm reaches it.
import { ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { processAlive } from "../../src/neo4j/managed";
import { freePort, readyUrl } from "../helpers/built-server";
import { REPOSITORY_MANIFEST, TrustedDocuments } from "../../src/graphql/trusted-documents";
import { testNeo4jCredentials } from "../helpers/database";
import { TEST_AUTH_SECRET } from "../helpers/tokens";

const ROOT = path.join(__dirname, "..", "..");

describe("npm start", () => {
  let home: string;
  let server: ChildProcess;
  let url: string;
  let output = "";
  // The local secret goes to the test's own folder (AUTH_LOCAL_SECRET_DIR), not to the checkout's neo4j-runtime.
  const env = () => ({ ...process.env, AUTH_LOCAL_SECRET_DIR: home, AUTH_HS256_SECRET: "", AUTH_JWKS_URL: "" });

  // A cold Neo4j on a busy two-core machine can take longer than the default two minutes.
  beforeAll(async () => {
    home = mkdtempSync(path.join(os.tmpdir(), "papers-graph-start-"));
    server = spawn(process.execPath, ["dist/src/main.js"], {
      cwd: ROOT,
      // NEO4J_NICE 0: this Neo4j shares the cores with the test run's own Neo4j servers and jest's workers, all at the
      // normal priority, which a nicer Neo4j would wait behind (docs/operations.md#the-managed-neo4js-cpu-priority).
      env: { ...env(), PORT: "0", NEO4J_DATA_DIR: home, NEO4J_HEAP: "512m", NEO4J_PAGECACHE: "64m", LOG_LEVEL: "info", NEO4J_URI: "", NEO4J_NICE: "0", WARM_UP_MS: "120000", METRICS_PORT: String(await freePort()) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    server.stdout!.on("data", (d) => (output += d));
    server.stderr!.on("data", (d) => (output += d));
    url = await readyUrl(server, () => output, /GraphQL server ready at (\S+) \(started in [\d.]+ s\)/);
  }, 300_000);

  afterAll(() => {
    if (server.exitCode === null) server.kill("SIGKILL");
    rmSync(home, { recursive: true, force: true });
  });

  it("makes a local secret on first start, says how to sign in, and takes a token from npm run token", async () => {
    expect(output).toContain("Sign in locally: npm run token -- --name you --role contributor");
    expect(statSync(path.join(home, "auth-secret")).mode & 0o777).toBe(0o600);
    const token = execFileSync(process.execPath, ["dist/src/auth/token-cli.js", "--name", "alice", "--role", "contributor"], { cwd: ROOT, env: env() })
      .toString()
      .trim();
    const add = (headers: Record<string, string>) =>
      fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify({ query: `mutation { addSummary(paperId: "journals/corr/1608.06993", body: "Dense blocks.") { author { name } createdBy { name } } }` }),
      }).then((r) => r.json() as Promise<{ data?: unknown; errors?: Array<{ extensions: { code: string } }> }>);
    expect((await add({})).errors![0].extensions.code).toBe("UNAUTHENTICATED");
    expect(await add({ authorization: `Bearer ${token}` })).toMatchObject({ data: { addSummary: { author: { name: "alice" }, createdBy: { name: "alice" } } } });
  });

  // WARM_UP_MS is raised above its default here so that a slow machine cannot leave documents unstarted.
  it("ran every query of the repository's manifest once before it listened, none failing, and kept them out of /metrics", async () => {
    type Line = { msg: string; url?: string; ran?: number; failed?: number; skipped?: number; unstarted?: number; operation?: string; errors?: unknown };
    const lines = output.split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l) as Line);
    // A failed document's own line first, so that a failure says which one and why.
    expect(lines.filter((l) => l.msg === "warm-up: a document failed").map(({ operation, errors }) => ({ operation, errors }))).toEqual([]);
    const warmed = lines.findIndex((l) => l.msg.startsWith("warmed up"));
    expect(lines[warmed]).toMatchObject({ ran: TrustedDocuments.load(REPOSITORY_MANIFEST).queries.length, failed: 0, skipped: 0, unstarted: 0 });
    expect(warmed).toBeLessThan(lines.findIndex((l) => l.msg === "listening"));
    const metrics = await (await fetch(lines.find((l) => l.msg === "metrics listening")!.url!)).text();
    expect(metrics).toContain("graphql_requests_total");
    expect(metrics).not.toContain('operation="ExplorerPaper"');
  });

  it("serves the seed, answers health checks, and stops Neo4j on SIGTERM", async () => {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: `{ paper(id: "1608.06993") { title } papers { totalCount } }` }),
    });
    expect(await res.json()).toMatchObject({ data: { paper: { title: "Densely Connected Convolutional Networks" }, papers: { totalCount: 8 } } });

    const base = url.replace(/\/graphql$/, "");
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect(await (await fetch(`${base}/readyz`)).json()).toEqual({ status: "ready" });

    const neo4jPid = Number(readFileSync(path.join(home, "neo4j.pid"), "utf8").split(" ")[0]);
    expect(processAlive(neo4jPid)).toBe(true);
    const exit = new Promise<number | null>((r) => server.once("exit", (code) => r(code)));
    server.kill("SIGTERM");
    expect(await exit).toBe(0);
    expect(processAlive(neo4jPid)).toBe(false);
    expect(existsSync(path.join(home, "data", "databases", "neo4j"))).toBe(true);
  });

  // Before, the signal's exit left the starting JVM to the exit hook's SIGKILL, in the middle of opening its store.
  it("stops a Neo4j that is still starting with SIGTERM, and exits 0, when it gets SIGTERM during start-up", async () => {
    let again = "";
    const starting = spawn(process.execPath, ["dist/src/main.js"], {
      cwd: ROOT,
      env: { ...env(), PORT: "0", NEO4J_DATA_DIR: home, NEO4J_HEAP: "512m", NEO4J_PAGECACHE: "64m", LOG_LEVEL: "info", NEO4J_URI: "", WARM_UP_MS: "0", METRICS_PORT: "0" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    starting.stdout!.on("data", (d) => (again += d));
    starting.stderr!.on("data", (d) => (again += d));
    const exit = new Promise<number | null>((r) => starting.once("exit", (code) => r(code)));
    try {
      const end = Date.now() + 120_000;
      while (!again.includes("starting managed Neo4j") && starting.exitCode === null && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
      expect(again).toContain("starting managed Neo4j");
      const neo4jPid = Number(readFileSync(path.join(home, "neo4j.pid"), "utf8").split(" ")[0]);
      expect(processAlive(neo4jPid)).toBe(true);
      starting.kill("SIGTERM");
      expect(await exit).toBe(0);
      expect(again).toContain("managed Neo4j stopped");
      expect(again).not.toContain("Cannot start");
      expect(again).not.toContain("GraphQL server ready");
      expect(processAlive(neo4jPid)).toBe(false);
    } finally {
      if (starting.exitCode === null) starting.kill("SIGKILL");
    }
  });
});

/** The node processes below `pid` (children, their children, ...) running `script`: not a shell that runs node. */
function nodesBelow(pid: number, script: string): number[] {
  const rows = execFileSync("ps", ["-e", "-o", "pid=,ppid=,args="]).toString().trim().split("\n");
  const procs = rows.map((row) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(row)!).map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), args: m[3] }));
  const below = new Set([pid]);
  for (let size = 0; size !== below.size; ) {
    size = below.size;
    for (const p of procs) if (below.has(p.ppid)) below.add(p.pid);
  }
  const runsScript = (args: string) => path.basename(args.split(" ")[0]) === "node" && args.includes(script);
  return procs.filter((p) => p.pid !== pid && below.has(p.pid) && runsScript(p.args)).map((p) => p.pid);
}

// A process manager (systemd, docker, a CI job's timeout) sends SIGTERM to npm. npm passes it to the shell it runs the
// script in; before the start script exec'd node, the shell died of it and left the server (and a managed Neo4j)
// running with no parent, still answering.
describe("npm start under a process manager", () => {
  it("passes SIGTERM to the server, which shuts down before npm exits", async () => {
    const { user, password } = testNeo4jCredentials();
    let output = "";
    // --ignore-scripts runs the start script alone, without prestart's build (globalSetup has built dist/).
    const npm = spawn("npm", ["start", "--ignore-scripts"], {
      cwd: ROOT,
      env: {
        ...process.env, NEO4J_URI: process.env.TEST_NEO4J_URI, NEO4J_USER: user, NEO4J_PASSWORD: password, PORT: "0", METRICS_PORT: "0",
        WARM_UP_MS: "0", SEED_ON_START: "false", AUTH_HS256_SECRET: TEST_AUTH_SECRET, LOG_LEVEL: "info",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    npm.stdout!.on("data", (d) => (output += d));
    npm.stderr!.on("data", (d) => (output += d));
    let servers: number[] = [];
    try {
      await readyUrl(npm, () => output, /GraphQL server ready at (\S+)/);
      servers = nodesBelow(npm.pid!, "dist/src/main.js");
      expect(servers).toHaveLength(1);
      const exit = new Promise<[number | null, string | null]>((r) => npm.once("exit", (code, signal) => r([code, signal])));
      npm.kill("SIGTERM");
      const [code, signal] = await exit;
      // Gone by the time npm is: npm waits for the server it passed the signal to.
      expect(processAlive(servers[0])).toBe(false);
      expect(output).toContain('"msg":"shutting down"');
      expect(output).toContain("Neo4j driver closed");
      expect({ code, signal }).toEqual({ code: 0, signal: null });
    } finally {
      if (npm.exitCode === null && npm.signalCode === null) npm.kill("SIGKILL");
      for (const pid of servers) if (processAlive(pid)) process.kill(pid, "SIGKILL");
    }
  });
});
