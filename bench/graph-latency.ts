// Latency of the graph queries issue 13 is about, on the real hep-th graph: Paper.related(first: 10) with full
// evidence on the 1% most-cited papers (p50/p99, and whether every answer was complete), and topCited through the
// stored-count index next to the degree scan it replaced (PROFILE db hits and wall time). Numbers and the command:
// docs/graph-queries.md#measured-on-hep-th.
import "reflect-metadata";
import neo4j, { Driver } from "neo4j-driver";
import path from "node:path";
import { Database } from "../src/neo4j/database";
import { ensureSchema } from "../src/neo4j/schema-setup";
import { importFile } from "../src/ingest/corpus-import";
import { IngestRepository } from "../src/ingest/ingest.repository";
import { generateGraph, SIZES } from "./generate";
import { loadGraph } from "./load-data";
import { ANONYMOUS } from "../src/auth/viewer";
import { buildAppSchema } from "../src/graphql/schema";
import { createServer, securityOptions } from "../src/http/server";
import { loadConfig } from "../src/config";
import { createLogger } from "../src/logger";
import { GRAPH_QUERIES } from "../src/graph/graph.repository";
import { PAPER_PROPERTIES } from "../src/papers/paper.record";

const RELATED = `query R($id: ID!) { paper(id: $id) { related(first: 10) { totalCount complete edgesExpanded
  edges { node { score paper { id title } evidence {
    seeAlso { count normalized contribution } cites { count normalized contribution } citedBy { count normalized contribution }
    coCitation { count normalized contribution examples { id } } coupling { count normalized contribution examples { id } }
    text { count normalized contribution terms } } } } } } }`;

// What topCited ran before the stored counts: every paper's degree, then a Top.
const TOP_CITED_BY_DEGREE = `
MATCH (p:Paper)
WITH p, COUNT { (p)<-[:CITES]-() } AS count
WHERE count > 0
RETURN [k IN $props | p[k]] AS paper, count ORDER BY count DESC, p.id LIMIT $limit`;

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];

async function profile(driver: Driver, cypher: string, params: Record<string, unknown>) {
  const session = driver.session({ database: "neo4j", defaultAccessMode: neo4j.session.READ });
  try {
    await session.run(cypher, params);
    const times: number[] = [];
    for (let i = 0; i < 11; i++) {
      const started = process.hrtime.bigint();
      await session.run(cypher, params);
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    const plan = (await session.run(`PROFILE ${cypher}`, params)).summary.profile as unknown as Plan;
    const hits = (p: Plan): number => p.dbHits + p.children.reduce((s, c) => s + hits(c), 0);
    const ops = (p: Plan): string[] => [p.operatorType.replace(/@.*/, ""), ...p.children.flatMap(ops)];
    return { medianMs: times.sort((a, b) => a - b)[5], dbHits: hits(plan), operators: [...new Set(ops(plan))].join(" ") };
  } finally {
    await session.close();
  }
}

interface Plan {
  operatorType: string;
  dbHits: number;
  children: Plan[];
}

/** topCited(first: 10) by the degree scan it replaced and by the stored-count index: median of 11 runs and db hits. */
async function reportTopCited(driver: Driver, label: string): Promise<void> {
  const params = { limit: neo4j.int(10), props: PAPER_PROPERTIES };
  const before = await profile(driver, TOP_CITED_BY_DEGREE, params);
  const after = await profile(driver, GRAPH_QUERIES.TOP_CITED, params);
  process.stdout.write(`${label}: topCited(first: 10) by degree scan (before): ${before.medianMs.toFixed(1)} ms, ${before.dbHits} db hits [${before.operators}]\n`);
  process.stdout.write(`${label}: topCited(first: 10) by stored count (after):  ${after.medianMs.toFixed(1)} ms, ${after.dbHits} db hits [${after.operators}]\n`);
}

async function main() {
  const uri = arg("--neo4j-uri");
  if (!uri) throw new Error("usage: node dist/bench/graph-latency.js --neo4j-uri bolt://127.0.0.1:<port> [--user neo4j --password P] [--data ../shared/data/hepth | --size tiny|S|M]");
  const driver = neo4j.driver(uri, neo4j.auth.basic(arg("--user") ?? "neo4j", arg("--password") ?? ""));
  const db = new Database(driver, "neo4j", { transactionTimeoutMs: 600_000 });
  await ensureSchema(db);
  const size = arg("--size");
  if (size) {
    // A synthetic graph of the benchmark's sizes (bench/generate.ts), for topCited before and after the stored counts.
    if (!SIZES[size]) throw new Error(`--size takes one of ${Object.keys(SIZES).join(", ")}`);
    await loadGraph(new IngestRepository(db), generateGraph(SIZES[size]), (line) => process.stdout.write(`${line}\n`));
    await reportTopCited(driver, `size ${size}`);
    await driver.close();
    return;
  }
  // hep-th holds 29,555 papers (../shared/data/hepth/SOURCE.md); fewer means it was not imported yet.
  const [{ n: imported }] = await db.read(`MATCH (p:Paper) WHERE p.id STARTS WITH "hepth:" AND NOT p.stub RETURN count(p) AS n`);
  if ((imported as number) < 29_555) {
    const report = await importFile(db, arg("--data") ?? path.resolve("..", "shared", "data", "hepth"));
    process.stdout.write(`imported hep-th in ${report.seconds.toFixed(1)} s\n`);
  }

  const config = loadConfig({ NODE_ENV: "production", REQUEST_TIMEOUT_MS: "60000" });
  const server = await createServer({
    schema: await buildAppSchema(),
    driver,
    db,
    logger: createLogger("silent"),
    exposeRoundTrips: false,
    relatedMaxExpansions: config.RELATED_MAX_EXPANSIONS,
    security: securityOptions(config),
    // Reads only: every caller is anonymous.
    authenticate: async () => ANONYMOUS,
  });
  const url = `http://127.0.0.1:${await server.listen(0, "127.0.0.1")}/graphql`;
  try {
    const papers = (await db.read(`MATCH (p:Paper) WHERE p.id STARTS WITH "hepth:" RETURN count(p) AS n`))[0].n as number;
    const hubs = (await db.read(`MATCH (p:Paper) WHERE p.id STARTS WITH "hepth:" AND p.citationCount > 0
      RETURN p.id AS id ORDER BY p.citationCount DESC, p.id LIMIT $n`, { n: neo4j.int(Math.ceil(papers / 100)) })).map((r) => r.id as string);
    const ask = async (id: string) => {
      const started = process.hrtime.bigint();
      const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: RELATED, variables: { id } }) });
      const json = (await res.json()) as { errors?: unknown; data: { paper: { related: { complete: boolean; edgesExpanded: number } } } };
      if (json.errors) throw new Error(JSON.stringify(json.errors));
      return { ms: Number(process.hrtime.bigint() - started) / 1e6, ...json.data.paper.related };
    };
    for (const id of hubs.slice(0, 20)) await ask(id); // plans and caches warm
    const runs = [];
    for (const id of hubs) runs.push(await ask(id));
    const ms = runs.map((r) => r.ms).sort((a, b) => a - b);
    process.stdout.write(
      `related(first: 10), full evidence, ${hubs.length} most-cited hep-th papers (1%), one connection: ` +
        `p50 ${quantile(ms, 0.5).toFixed(0)} ms, p99 ${quantile(ms, 0.99).toFixed(0)} ms, max ${ms[ms.length - 1].toFixed(0)} ms; ` +
        `complete ${runs.filter((r) => r.complete).length}/${runs.length}; edges expanded max ${Math.max(...runs.map((r) => r.edgesExpanded))}\n`,
    );
    await reportTopCited(driver, "hep-th");
  } finally {
    await server.stop();
    await driver.close();
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
