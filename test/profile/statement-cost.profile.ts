// The cost of one read statement, by how it is sent: Neo4j's CPU and this process's CPU per call, under 8
// concurrent callers, for the same answers sent as A sends them (auto-commit on a session with the request's bookmark
// manager and transaction timeout), as C sends them (driver.executeQuery), and variations in between. Starts a
// Neo4j on the benchmark's S store (run `npm run bench` once first) unless PROFILE_NEO4J_URI names one.
//   npx tsc -p tsconfig.json --outDir dist/prof && node dist/prof/test/profile/statement-cost.profile.js [calls]
import neo4j, { Driver } from "neo4j-driver";
import { Database, RequestBookmarks, RoundTripCounter } from "../../src/neo4j/database";
import type { ManagedNeo4j } from "../../src/neo4j/managed";
import { PaperRepository } from "../../src/papers/paper.repository";
import { FLOOR_CYPHER } from "../../bench/operations";
import { cpuMs } from "../../bench/harness";
import { benchDriver, startBenchNeo4j, underCallers } from "./profile-driver";

/** Neo4j's and this process's CPU ms per call of `call`, 8 callers at a time. */
async function measure(pid: number, call: () => Promise<unknown>, calls: number): Promise<{ neo4j: number; client: number; ms: number }> {
  for (let i = 0; i < 300; i++) await call();
  const before = cpuMs(pid) ?? NaN;
  const own = process.cpuUsage();
  const t0 = Date.now();
  await underCallers(calls, call);
  const ms = Date.now() - t0;
  const used = process.cpuUsage(own);
  return { neo4j: ((cpuMs(pid) ?? NaN) - before) / calls, client: (used.user + used.system) / 1000 / calls, ms: ms / calls };
}

async function main() {
  const calls = Number(process.argv[2] ?? 3000);
  let managed: ManagedNeo4j | undefined;
  let uri = process.env.PROFILE_NEO4J_URI;
  let pid = Number(process.env.PROFILE_NEO4J_PID);
  if (!uri) {
    managed = await startBenchNeo4j();
    uri = managed.uri;
    pid = managed.pid!;
  }
  const driver: Driver = benchDriver(uri, managed);
  try {
    const s = driver.session({ database: "neo4j" });
    const all = (await s.run("MATCH (p:Paper) RETURN p.id AS id")).records.map((r) => r.get("id") as string);
    await s.close();
    const pick = () => all[Math.floor(Math.random() * all.length)];
    const db = new Database(driver, "neo4j", { transactionTimeoutMs: 5000 });
    const props = ["id", "title", "year", "arxivId"] as const;
    const aRequest = (bookmarks: boolean) => {
      const scope = { counter: new RoundTripCounter(), deadline: Date.now() + 10_000, bookmarks: bookmarks ? new RequestBookmarks() : undefined };
      return new PaperRepository(db.forRequest(scope));
    };
    const variants: Array<[string, () => Promise<unknown>]> = [
      ["A Q1 as sent (findByKeys, bookmarks, timeout)", () => aRequest(true).findByKeys([pick()], [...props])],
      ["A findByKeys, no bookmark manager", () => aRequest(false).findByKeys([pick()], [...props])],
      ["A findByIds (plain id seek), as sent", () => aRequest(true).findByIds([pick()], [...props])],
      ["C Q1 through executeQuery", () => driver.executeQuery(FLOOR_CYPHER.Q1, { id: pick() }, { database: "neo4j", routing: neo4j.routing.READ })],
      ["C Q1 as an auto-commit session.run", async () => {
        const session = driver.session({ database: "neo4j", defaultAccessMode: neo4j.session.READ });
        try { await session.run(FLOOR_CYPHER.Q1, { id: pick() }); } finally { await session.close(); }
      }],
      ["C Q1 auto-commit with a timeout", async () => {
        const session = driver.session({ database: "neo4j", defaultAccessMode: neo4j.session.READ });
        try { await session.run(FLOOR_CYPHER.Q1, { id: pick() }, { timeout: 5000 }); } finally { await session.close(); }
      }],
      ["RETURN 1 through executeQuery", () => driver.executeQuery("RETURN 1", {}, { database: "neo4j", routing: neo4j.routing.READ })],
    ];
    // Each variant twice, in rounds, so warm-up and drift show as a difference between the rounds.
    const order = process.env.VARIANTS?.split(",").map(Number) ?? variants.map((_, i) => i);
    for (const i of [...order, ...order]) {
      const [name, call] = variants[i];
      const m = await measure(pid, call, calls);
      process.stdout.write(`${String(i).padStart(2)} ${name.padEnd(50)} Neo4j ${m.neo4j.toFixed(2)}  client ${m.client.toFixed(2)}  wall ${m.ms.toFixed(3)} ms/call\n`);
    }
  } finally {
    await driver.close();
    await managed?.stop();
  }
}

void main();
