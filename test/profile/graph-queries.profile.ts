// PROFILEs the hot graph queries on a loaded dataset and prints, per query: time, db hits, rows, and any label scan
// or cartesian product in the plan. Findings are in docs/graph-queries.md; the command is there too.
import neo4j, { Driver } from "neo4j-driver";
import { Database } from "../../src/neo4j/database";
import { ensureSchema } from "../../src/neo4j/schema-setup";
import { IngestRepository } from "../../src/ingest/ingest.repository";
import { GRAPH_QUERIES as Q, DEFAULT_RELATED_MAX_EXPANSIONS, NeighbourhoodQuery, PathQuery, relatedParams } from "../../src/graph/graph.repository";
import { loadDataset, readHepTh } from "../helpers/datasets";
import { profileDriver } from "./profile-driver";

interface PlanNode {
  operatorType: string;
  identifiers: string[];
  arguments: Record<string, unknown>;
  dbHits: number;
  rows: number;
  children: PlanNode[];
}

const SUSPECT = /NodeByLabelScan|AllNodesScan|CartesianProduct|NodeIndexScan/;

function walk(plan: PlanNode, depth = 0, out: string[] = [], suspects: string[] = []) {
  const details = String(plan.arguments.Details ?? "").slice(0, 90);
  out.push(`${"  ".repeat(depth)}${plan.operatorType} rows=${plan.rows} hits=${plan.dbHits} ${details}`);
  if (SUSPECT.test(plan.operatorType)) suspects.push(`${plan.operatorType} (${details})`);
  for (const c of plan.children) walk(c, depth + 1, out, suspects);
  return { out, suspects };
}

function totalHits(plan: PlanNode): number {
  return plan.dbHits + plan.children.reduce((s, c) => s + totalHits(c), 0);
}

async function profile(driver: Driver, name: string, cypher: string, params: Record<string, unknown>, showPlan: boolean) {
  const session = driver.session({ database: "neo4j" });
  try {
    // Plan and warm the caches first, then time plain runs (PROFILE itself slows execution down severalfold).
    await session.run(cypher, params);
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const started = Date.now();
      await session.run(cypher, params);
      times.push(Date.now() - started);
    }
    const ms = times.sort((a, b) => a - b)[1];
    const result = await session.run(`PROFILE ${cypher}`, params);
    const plan = result.summary.profile as unknown as PlanNode;
    const { out, suspects } = walk(plan);
    process.stdout.write(`\n## ${name}\nmedian ${ms} ms, ${totalHits(plan)} db hits, ${result.records.length} rows; suspects: ${suspects.join("; ") || "none"}\n`);
    if (showPlan) process.stdout.write(out.join("\n") + "\n");
  } finally {
    await session.close();
  }
}

async function main() {
  const driver = profileDriver("load hep-th into");
  const db = new Database(driver, "neo4j");
  await ensureSchema(db);
  const ingest = new IngestRepository(db);
  if ((await ingest.counts()).cites < 352_807) await loadDataset(ingest, readHepTh());
  const showPlan = process.argv.includes("--plans");

  const w = { seeAlso: 1, cites: 0.5, citedBy: 0.5, coCitation: 1, coupling: 1, text: 0.5 };
  // related's candidates statement, the one of its statements that walks the graph (RelatedRanking then reads facts of
  // some candidates and the page's papers by internal id).
  const related = (ids: string[]) => relatedParams(ids, { weights: w, maxExpansions: DEFAULT_RELATED_MAX_EXPANSIONS });
  // The 50 papers a client paging papers(first: 50) gets first, and the three most-cited papers of hep-th.
  const page = (await db.read("MATCH (p:Paper) WHERE p.id > '' RETURN p.id AS id ORDER BY p.id LIMIT 50")).map((r) => r.id as string);
  const hubs = ["hepth:9711200", "hepth:9802150", "hepth:9802109"];

  await profile(driver, "related's candidates: a page of 50 papers", Q.RELATED_CANDIDATES, related(page), showPlan);
  await profile(driver, "related's candidates: the 3 biggest hubs (2414, 1775, 1641 citations)", Q.RELATED_CANDIDATES, related(hubs), false);
  await profile(driver, "citationsByYear: 50 papers + 3 hubs", Q.CITATIONS_BY_YEAR_BY_PAPER_IDS, { ids: [...page, ...hubs] }, showPlan);

  const nq: NeighbourhoodQuery = { ids: [], depth: 2, direction: "BOTH", edges: ["CITES", "SEE_ALSO"], yearFrom: null, yearTo: null, limit: 5000 };
  const level = (frontier: string[], visited: string[]) => ({ frontier, visited, yearFrom: null, yearTo: null, room: neo4j.int(5001) });
  const hubLevel1 = (await db.read(Q.expandLevelCypher("BOTH", ["CITES"]), level(hubs.slice(0, 1), hubs.slice(0, 1)))).map((r) => r.id as string);
  await profile(driver, `neighbourhood level 1 of the biggest hub (BOTH, ${hubLevel1.length} nodes found)`, Q.expandLevelCypher("BOTH", nq.edges), level(hubs.slice(0, 1), hubs.slice(0, 1)), showPlan);
  await profile(driver, `neighbourhood level 2 from those ${hubLevel1.length} nodes, 5000 kept`, Q.expandLevelCypher("BOTH", nq.edges), level(hubLevel1, [hubs[0], ...hubLevel1]), showPlan);
  const subgraph = [hubs[0], ...hubLevel1];
  await profile(driver, `neighbourhood edges among ${subgraph.length} nodes`, Q.edgesWithinCypher(nq.edges), { ids: subgraph }, showPlan);

  const path = (from: string, to: string, directed: boolean): PathQuery => ({ from, to, maxDepth: 6, directed, edges: ["CITES", "SEE_ALSO"], first: 10 });
  for (const [from, to, directed] of [["hepth:0001001", "hepth:9201001", false], ["hepth:0212310", "hepth:9201001", true], ["hepth:9711200", "hepth:0001001", false]] as const) {
    const q = path(from, to, directed);
    await profile(driver, `citationPath ${from} -> ${to} ${directed ? "directed" : "undirected"}`, Q.shortestPathsCypher(q), { from, to, first: neo4j.int(10) }, showPlan);
  }
  await profile(driver, "topCited (all years)", Q.TOP_CITED, { limit: neo4j.int(20) }, showPlan);
  await profile(driver, "topCited 1999-2000", Q.TOP_CITED_IN_YEARS, { yearFrom: neo4j.int(1999), yearTo: neo4j.int(2000), limit: neo4j.int(20) }, showPlan);
  await profile(driver, "priorWorks of the 3 hubs", Q.PRIOR_WORKS, { ids: hubs, limit: neo4j.int(20) }, showPlan);
  await profile(driver, "derivativeWorks of the 3 hubs", Q.DERIVATIVE_WORKS, { ids: hubs, limit: neo4j.int(20) }, showPlan);
  await driver.close();
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
