// `npm start` end to end: the built server starts its own Neo4j, loads the seed, serves, and stops cleanly.
import { ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { processAlive } from "../../src/neo4j/managed";

const ROOT = path.join(__dirname, "..", "..");

describe("npm start", () => {
  let home: string;
  let server: ChildProcess;
  let url: string;
  let output = "";

  beforeAll(async () => {
    execFileSync("npm", ["run", "-s", "build"], { cwd: ROOT, stdio: "inherit" });
    home = mkdtempSync(path.join(os.tmpdir(), "papers-graph-start-"));
    server = spawn(process.execPath, ["dist/src/main.js"], {
      cwd: ROOT,
      env: { ...process.env, PORT: "0", NEO4J_DATA_DIR: home, NEO4J_HEAP: "512m", NEO4J_PAGECACHE: "64m", LOG_LEVEL: "warn", NEO4J_URI: "", METRICS_PORT: "0" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    server.stdout!.on("data", (d) => (output += d));
    server.stderr!.on("data", (d) => (output += d));
    url = await new Promise<string>((resolve, reject) => {
      const timer = setInterval(() => {
        const m = /GraphQL server ready at (\S+) \(started in [\d.]+ s\)/.exec(output);
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
  });

  afterAll(() => {
    if (server.exitCode === null) server.kill("SIGKILL");
    rmSync(home, { recursive: true, force: true });
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
});
