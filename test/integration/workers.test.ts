// WEB_CONCURRENCY: the built server forks that many workers on one port, each with its own driver; the primary's
// /metrics adds up the workers' counters; SIGTERM drains every worker and the primary exits cleanly.
import { ChildProcess, execFileSync, spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { processAlive } from "../../src/neo4j/managed";
import { testNeo4jCredentials } from "../helpers/database";
import { TEST_AUTH_SECRET } from "../helpers/tokens";

const ROOT = path.join(__dirname, "..", "..");

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
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
    execFileSync("npm", ["run", "-s", "build"], { cwd: ROOT, stdio: "inherit" });
    metricsPort = await freePort();
    const { user, password } = testNeo4jCredentials();
    server = spawn(process.execPath, ["dist/src/main.js"], {
      cwd: ROOT,
      env: {
        ...process.env,
        WEB_CONCURRENCY: "2",
        NEO4J_URI: process.env.TEST_NEO4J_URI,
        NEO4J_USER: user,
        NEO4J_PASSWORD: password,
        AUTH_HS256_SECRET: TEST_AUTH_SECRET,
        SEED_ON_START: "false",
        PORT: "0",
        METRICS_PORT: String(metricsPort),
        LOG_LEVEL: "warn",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    server.stdout!.on("data", (d) => (output += d));
    server.stderr!.on("data", (d) => (output += d));
    url = await new Promise<string>((resolve, reject) => {
      const timer = setInterval(() => {
        const m = /GraphQL server ready at (\S+) with 2 workers/.exec(output);
        if (m) {
          clearInterval(timer);
          resolve(m[1]);
        }
      }, 100);
      server.once("exit", (code) => {
        clearInterval(timer);
        reject(new Error(`server exited with ${code}:\n${output}`));
      });
    });
  }, 300_000);

  afterAll(() => {
    if (server.exitCode === null) server.kill("SIGKILL");
  });

  it("serves from two worker processes and reports their requests together on /metrics", async () => {
    expect(children(server.pid!)).toHaveLength(2);
    const asked = 12;
    for (let i = 0; i < asked; i++) {
      const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: "query Workers { viewer { name } }" }) });
      expect(res.status).toBe(200);
    }
    const metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    const counted = /graphql_requests_total\{operation="Workers",outcome="ok"\} (\d+)/.exec(metrics);
    expect(Number(counted?.[1])).toBe(asked);
  });

  it("drains every worker on SIGTERM and exits 0", async () => {
    const workers = children(server.pid!);
    const exit = new Promise<number | null>((resolve) => server.once("exit", (code) => resolve(code)));
    server.kill("SIGTERM");
    expect(await exit).toBe(0);
    for (const pid of workers) expect(processAlive(pid)).toBe(false);
  });
});
