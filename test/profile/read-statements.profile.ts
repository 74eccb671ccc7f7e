// Neo4j's share of a request, statement by statement: for A's statements of the benchmark's Q3 (taken from the
// repositories themselves: the three a request sent before first pages were read along, and the one it sends now)
// and C's one, the db hits of a PROFILE and Neo4j's CPU milliseconds per call under 8 concurrent callers. Run against
// a benchmark store (bench/README.md#third-round-neo4js-share has the command and the findings). PROFILE_NEO4J_PID
// (Neo4j's process) turns the CPU column on; it is read from /proc.
import neo4j, { Driver } from "neo4j-driver";
import { Database } from "../../src/neo4j/database";
import { PaperRepository } from "../../src/papers/paper.repository";
import { SummaryRepository } from "../../src/summaries/summary.repository";
import { FLOOR_CYPHER } from "../../bench/operations";
import { cpuMs } from "../../bench/harness";
import { profileDriver, underCallers } from "./profile-driver";

interface PlanNode {
  dbHits: number;
  children: PlanNode[];
}
const hits = (plan: PlanNode): number => plan.dbHits + plan.children.reduce((s, c) => s + hits(c), 0);

/** The statement and parameters a repository call sends, caught instead of run. */
async function caught(call: (db: Database) => Promise<unknown>): Promise<{ cypher: string; params: Record<string, unknown> }> {
  let sent: { cypher: string; params: Record<string, unknown> } | undefined;
  const db = { read: async (cypher: string, params: Record<string, unknown> = {}) => ((sent = { cypher, params }), []) };
  await call(db as unknown as Database);
  return sent!;
}

/** Neo4j's CPU ms so far (PROFILE_NEO4J_PID), NaN without it. */
const neo4jCpuMs = () => (process.env.PROFILE_NEO4J_PID ? cpuMs(Number(process.env.PROFILE_NEO4J_PID)) ?? NaN : NaN);

async function cpuPerCall(driver: Driver, cypher: string, params: () => Record<string, unknown>, calls = 400): Promise<number> {
  const run = async () => {
    const session = driver.session({ database: "neo4j", defaultAccessMode: neo4j.session.READ });
    try {
      await session.run(cypher, params());
    } finally {
      await session.close();
    }
  };
  for (let i = 0; i < 50; i++) await run();
  const before = neo4jCpuMs();
  await underCallers(calls, run);
  return (neo4jCpuMs() - before) / calls;
}

async function main() {
  const driver = profileDriver("read");
  const session = driver.session({ database: "neo4j" });
  const all = (await session.run("MATCH (p:Paper) RETURN p.id AS id")).records.map((r) => r.get("id") as string);
  const pick = () => [...new Set(Array.from({ length: 50 }, () => all[Math.floor(Math.random() * all.length)]))];
  const page = (first: number) => ({ first, after: "" });
  // Q3: papers(ids:) with id and title, then 5 summaries (id, body) and 10 references (id, title) of each.
  const statements: Array<[string, (ids: string[]) => Promise<{ cypher: string; params: Record<string, unknown> }>]> = [
    ["A papers(ids:)", (ids) => caught((db) => new PaperRepository(db).list({ keys: ids, after: "", limit: 101 }, ["id", "title"]))],
    ["A summaries of the page", (ids) => caught((db) => new SummaryRepository(db).findByPaperIds(ids, page(5), ["id", "body"]))],
    ["A references of the page", (ids) => caught((db) => new PaperRepository(db).findCitationsByPaperKeys(ids.map((id) => `O${id}`), page(10), ["id", "title"]))],
    // What A sends for Q3 now: the three above in one statement (docs/api.md#batching-and-projection).
    ["A Q3 folded, one statement", (ids) => caught((db) => new PaperRepository(db).list({ keys: ids, after: "", limit: 101 }, ["id", "title"], {
      summaries: { first: 5, props: ["id", "body"] },
      references: { first: 10, props: ["id", "title"] },
    }))],
    ["C, the whole of Q3", async (ids) => ({ cypher: FLOOR_CYPHER.Q3, params: { ids } })],
    ["an empty statement (RETURN 1)", async () => ({ cypher: "RETURN 1", params: {} })],
  ];
  for (const [name, statement] of statements) {
    const { cypher, params } = await statement(pick());
    const profile = (await session.run(`PROFILE ${cypher}`, params)).summary.profile as unknown as PlanNode;
    const cpu = await cpuPerCall(driver, cypher, () => params);
    process.stdout.write(`${name.padEnd(32)} db hits ${String(hits(profile)).padStart(6)}   Neo4j CPU ${cpu.toFixed(2)} ms per call\n`);
  }
  await session.close();
  await driver.close();
}

void main();
