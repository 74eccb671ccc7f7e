// What `related`'s statement costs Neo4j, alone on one connection: ms per call for 40 papers spread over the ids and
// the 10 most-cited, default weights, first page of 10. With a baseline statement (a file holding another version of
// GRAPH_QUERIES.RELATED_BY_PAPER_IDS, e.g. an older commit's), it times that too, alternately, and compares the two
// statements' answers on first and second pages, several weight sets, a batch and a cut budget. Starts a Neo4j on the
// benchmark's S store (run `npm run bench` once first) unless PROFILE_NEO4J_URI names one already serving it.
//   npx tsc -p tsconfig.json --outDir dist/prof && node dist/prof/test/profile/related-cost.profile.js [baseline.cypher]
import { readFileSync } from "node:fs";
import neo4j, { Driver, Session } from "neo4j-driver";
import type { ManagedNeo4j } from "../../src/neo4j/managed";
import { benchDriver, startBenchNeo4j } from "./profile-driver";
import { DEFAULT_RELATED_MAX_EXPANSIONS, GRAPH_QUERIES, relatedParams } from "../../src/graph/graph.repository";
import { DEFAULT_WEIGHTS } from "../../bench/operations";

type Weights = typeof DEFAULT_WEIGHTS;
type After = { score: number; id: string } | null;

/** What the repository sends for this page (relatedParams). */
const params = (ids: string[], weights: Weights, first: number, after: After, maxExpansions = DEFAULT_RELATED_MAX_EXPANSIONS) =>
  relatedParams(ids, { first, after, weights, maxExpansions });

// Integers as numbers, floats rounded to 1e-9: two statements that add the same terms in another order still agree.
const canonical = (rows: unknown) =>
  JSON.stringify(rows, (_k, x) => (neo4j.isInt(x) ? x.toNumber() : typeof x === "number" ? Math.round(x * 1e9) / 1e9 : x));

async function rows(s: Session, cypher: string, p: ReturnType<typeof params>) {
  return (await s.run(cypher, p)).records.map((r) => r.toObject());
}

async function msPerCall(s: Session, cypher: string, ids: string[], rounds: number): Promise<number> {
  for (const id of ids) await s.run(cypher, params([id], DEFAULT_WEIGHTS, 10, null));
  const t0 = process.hrtime.bigint();
  for (let k = 0; k < rounds; k++) for (const id of ids) await s.run(cypher, params([id], DEFAULT_WEIGHTS, 10, null));
  return Number(process.hrtime.bigint() - t0) / 1e6 / (rounds * ids.length);
}

async function compare(s: Session, a: string, b: string, spread: string[], hubs: string[]): Promise<[number, number]> {
  const weightSets: Weights[] = [
    DEFAULT_WEIGHTS,
    { ...DEFAULT_WEIGHTS, text: 0 },
    { seeAlso: 0, cites: 0, citedBy: 0, coCitation: 3, coupling: 0, text: 0 },
    { ...DEFAULT_WEIGHTS, coupling: 2, citedBy: 0 },
  ];
  let pages = 0;
  let differ = 0;
  const check = async (p: ReturnType<typeof params>) => {
    const [x, y] = [await rows(s, a, p), await rows(s, b, p)];
    pages += 1;
    if (canonical(x) !== canonical(y)) differ += 1;
    return x;
  };
  for (const w of weightSets) {
    for (const id of [...spread.slice(0, 30), ...hubs.slice(0, 5)]) {
      const items = ((await check(params([id], w, 10, null)))[0]?.items ?? []) as Array<{ score: number; paper: unknown[] }>;
      const last = items[items.length - 1];
      if (last) await check(params([id], w, 10, { score: last.score, id: last.paper[0] as string }));
    }
    await check(params([...spread.slice(0, 8), hubs[0]], w, 100, null));
    await check(params([hubs[1]], w, 20, null, 5000));
  }
  return [pages, differ];
}

async function main() {
  const baseline = process.argv[2] ? readFileSync(process.argv[2], "utf8") : undefined;
  let managed: ManagedNeo4j | undefined;
  let uri = process.env.PROFILE_NEO4J_URI;
  if (!uri) {
    managed = await startBenchNeo4j();
    uri = managed.uri;
  }
  const driver: Driver = benchDriver(uri, managed);
  const s = driver.session({ database: "neo4j" });
  try {
    // Every 250th paper by id: the same 40 papers on every run over the same store.
    const spread = (
      await s.run("MATCH (p:Paper) WITH p ORDER BY p.id WITH collect(p.id) AS ids RETURN [i IN range(0, 39) | ids[(i * size(ids)) / 40]] AS x")
    ).records[0].get("x") as string[];
    const hubs = (await s.run("MATCH (p:Paper) RETURN p.id AS id ORDER BY p.citationCount DESC, p.id LIMIT 10")).records.map(
      (r) => r.get("id") as string,
    );
    const versions: Array<[string, string]> = [["current", GRAPH_QUERIES.RELATED_BY_PAPER_IDS]];
    if (baseline) versions.unshift(["baseline", baseline]);
    for (let round = 1; round <= 2; round++) {
      for (const [name, cypher] of versions) {
        const spreadMs = await msPerCall(s, cypher, spread, 2);
        const hubMs = await msPerCall(s, cypher, hubs, 2);
        process.stdout.write(`${name} round ${round}: ${spreadMs.toFixed(1)} ms per call (40 papers), ${hubMs.toFixed(1)} ms (10 most-cited)\n`);
      }
    }
    if (baseline) {
      const [pages, differ] = await compare(s, baseline, GRAPH_QUERIES.RELATED_BY_PAPER_IDS, spread, hubs);
      process.stdout.write(`answers compared on ${pages} pages: ${differ} differ\n`);
    }
  } finally {
    await s.close();
    await driver.close();
    await managed?.stop();
  }
}

main().catch((err) => {
  process.stderr.write(`${err?.stack ?? err}\n`);
  process.exit(1);
});
