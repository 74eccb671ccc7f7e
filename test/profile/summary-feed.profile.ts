// PROFILEs the summaries feed on synthetic summaries and prints, per page: time, db hits and rows, and with --plans
// the plan. Findings and the command are in docs/api.md#the-summaries-feed.
import neo4j from "neo4j-driver";
import { Database } from "../../src/neo4j/database";
import { ensureSchema } from "../../src/neo4j/schema-setup";
import { IngestRepository } from "../../src/ingest/ingest.repository";
import { feedPageQuery, SummaryFeedKeys, SummaryFeedOrder, SummaryFeedQuery } from "../../src/summaries/summary.repository";
import { SUMMARY_PROPERTIES } from "../../src/summaries/summary.record";
import { profileDriver } from "./profile-driver";

const PAPERS = 5_000;
const SUMMARIES = 50_000;
const WRITERS = 1_000;

interface PlanNode {
  operatorType: string;
  arguments: Record<string, unknown>;
  dbHits: number;
  rows: number;
  children: PlanNode[];
}

function lines(plan: PlanNode, depth = 0, out: string[] = []): string[] {
  out.push(`${"  ".repeat(depth)}${plan.operatorType} rows=${plan.rows} hits=${plan.dbHits} ${String(plan.arguments.Details ?? "").slice(0, 100)}`);
  for (const c of plan.children) lines(c, depth + 1, out);
  return out;
}

const hits = (plan: PlanNode): number => plan.dbHits + plan.children.reduce((s, c) => s + hits(c), 0);

async function main() {
  const driver = profileDriver("load synthetic summaries into");
  const db = new Database(driver, "neo4j");
  await ensureSchema(db);
  const ingest = new IngestRepository(db);
  if ((await ingest.counts()).summaries < SUMMARIES) {
    await ingest.upsertPapers(Array.from({ length: PAPERS }, (_, i) => ({ id: `prof/p${i}`, title: `Paper ${i}` })));
    for (let from = 0; from < SUMMARIES; from += 5_000) {
      await ingest.upsertSummaries(
        Array.from({ length: 5_000 }, (_, k) => {
          const i = from + k;
          return {
            id: `prof/s${i}`,
            paperId: `prof/p${(i * 7919) % PAPERS}`,
            body: `Summary ${i}`,
            createdAt: new Date(Date.UTC(2025, 0, 1) + ((i * 104_729) % SUMMARIES) * 600_000).toISOString(),
            votes: (i * 31) % 97,
            author: `Writer ${i % WRITERS}`,
            mentions: [],
          };
        }),
      );
    }
  }
  // A cursor halfway down each order, as a client deep in the feed holds it.
  const halfway = async (order: SummaryFeedOrder) => {
    const { cypher, params } = feedPageQuery({ filter: {}, orderBy: order, after: null, limit: 1 }, SUMMARY_PROPERTIES);
    const [row] = await db.read(cypher.replace("LIMIT $limit", "SKIP $skip LIMIT $limit"), { ...params, skip: neo4j.int(SUMMARIES / 2) });
    return row.keyset as SummaryFeedKeys[typeof order];
  };
  const page = (name: string, q: Partial<SummaryFeedQuery<SummaryFeedOrder>>) => {
    const { cypher, params } = feedPageQuery({ filter: {}, orderBy: "NEWEST", after: null, limit: 21, ...q }, SUMMARY_PROPERTIES);
    return [name, cypher, params] as [string, string, Record<string, unknown>];
  };
  const cases = [
    page("NEWEST, first page", {}),
    page("NEWEST, halfway down", { after: await halfway("NEWEST") }),
    page("TOP, first page", { orderBy: "TOP" }),
    page("TOP, halfway down", { orderBy: "TOP", after: await halfway("TOP") }),
    page("NEWEST, one paper", { filter: { paperId: "prof/p42" } }),
    page("NEWEST, one writer", { filter: { authorName: "Writer 42" } }),
    page("NEWEST, since the last week", { filter: { since: new Date(Date.UTC(2025, 0, 1) + (SUMMARIES - 1008) * 600_000) } }),
    page("TOP, since the last week", { orderBy: "TOP", filter: { since: new Date(Date.UTC(2025, 0, 1) + (SUMMARIES - 1008) * 600_000) } }),
  ];
  const showPlan = process.argv.includes("--plans");
  for (const [name, cypher, params] of cases) {
    const session = driver.session({ database: "neo4j" });
    try {
      await session.run(cypher, params);
      const times: number[] = [];
      for (let i = 0; i < 3; i++) {
        const started = Date.now();
        await session.run(cypher, params);
        times.push(Date.now() - started);
      }
      const result = await session.run(`PROFILE ${cypher}`, params);
      const plan = result.summary.profile as unknown as PlanNode;
      process.stdout.write(`\n## ${name}\nmedian ${times.sort((a, b) => a - b)[1]} ms, ${hits(plan)} db hits, ${result.records.length} rows\n`);
      if (showPlan) process.stdout.write(lines(plan).join("\n") + "\n");
    } finally {
      await session.close();
    }
  }
  await driver.close();
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
