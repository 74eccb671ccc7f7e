// What `related` costs, alone on one connection: ms per call and the caller's CPU per call for 40 papers spread over
// the ids and the 10 most-cited, default weights, first page of 10, two ways: the repository's (RelatedRanking: the
// candidates, the facts of those that may reach the page, the page's papers) and the one Cypher statement
// (bench/related-statement.ts, what B and C run). The wall time less the caller's CPU is about Neo4j's share. It then
// compares the two ways' pages (paper, score, counts, examples, shared words) on first and second pages, several
// weight sets, a batch and a cut budget. Starts a Neo4j on the benchmark's S store (run `npm run bench` once first),
// or the store PROFILE_BENCH_STORE names, unless PROFILE_NEO4J_URI names one already serving it.
//   npx tsc -p tsconfig.json --outDir dist/prof && node dist/prof/test/profile/related-cost.profile.js
//   PROFILE_BENCH_STORE=bench-hepth node dist/prof/test/profile/related-cost.profile.js
import neo4j, { Driver, Session } from "neo4j-driver";
import type { ManagedNeo4j } from "../../src/neo4j/managed";
import { Database } from "../../src/neo4j/database";
import { benchDriver, startBenchNeo4j } from "./profile-driver";
import { DEFAULT_RELATED_MAX_EXPANSIONS, GraphRepository, MAX_TEXT_TERMS, RelatedPage } from "../../src/graph/graph.repository";
import { paperFromValues, PAPER_PROPERTIES } from "../../src/papers/paper.record";
import { SIGNALS } from "../../src/graph/graph.record";
import { DEFAULT_WEIGHTS } from "../../bench/operations";
import { RELATED_STATEMENT, relatedStatementParams } from "../../bench/related-statement";

type Weights = typeof DEFAULT_WEIGHTS;
type After = RelatedPage["after"];
type Way = (ids: string[], page: RelatedPage) => Promise<unknown>;

const pageOf = (weights: Weights, first: number, after: After, maxExpansions = DEFAULT_RELATED_MAX_EXPANSIONS): RelatedPage => ({
  weights,
  first,
  after,
  maxExpansions,
  evidence: true,
  props: PAPER_PROPERTIES,
  exampleProps: null,
});

// Floats rounded to 1e-9: the two ways add the same terms, in the same order, but a difference there is no error.
const canonical = (groups: unknown) =>
  JSON.stringify(groups, (_k, x) => (neo4j.isInt(x) ? x.toNumber() : typeof x === "number" ? Math.round(x * 1e9) / 1e9 : x));

/** The one statement's rows in the repository's shape, for the comparison. */
function statementWay(s: Session): Way {
  return async (ids, page) =>
    (await s.run(RELATED_STATEMENT, relatedStatementParams(ids, page))).records.map((r) => {
      const items = r.get("items") as Array<Record<string, any>>;
      return {
        key: r.get("key"),
        total: r.get("total"),
        items: items.map((i) => ({
          id: paperFromValues(i.paper, PAPER_PROPERTIES).id,
          score: i.score,
          counts: [...i.counts, i.sharedTerms.length],
          norms: i.norms,
          examples: [i.coCitationExamples, i.couplingExamples],
          // The evidence lists the first MAX_TEXT_TERMS of them.
          terms: i.sharedTerms.slice(0, MAX_TEXT_TERMS),
        })),
        complete: r.get("complete"),
      };
    });
}

function repositoryWay(graph: GraphRepository): Way {
  return async (ids, page) =>
    (await graph.findRelatedByPaperIds(ids, page)).map((g) => ({
      key: g.key,
      total: g.total,
      items: g.items.map((i) => ({
        id: i.paper.id,
        score: i.score,
        counts: SIGNALS.map((s) => i.evidence[s].count),
        norms: SIGNALS.map((s) => i.evidence[s].normalized),
        examples: [i.evidence.coCitation.exampleIds, i.evidence.coupling.exampleIds],
        terms: i.evidence.text.terms,
      })),
      complete: g.work.complete,
    }));
}

async function perCall(way: Way, ids: string[], rounds: number): Promise<string> {
  for (const id of ids) await way([id], pageOf(DEFAULT_WEIGHTS, 10, null));
  const cpu = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  for (let k = 0; k < rounds; k++) for (const id of ids) await way([id], pageOf(DEFAULT_WEIGHTS, 10, null));
  const calls = rounds * ids.length;
  const used = process.cpuUsage(cpu);
  const wall = Number(process.hrtime.bigint() - t0) / 1e6 / calls;
  return `${wall.toFixed(1)} ms (caller CPU ${((used.user + used.system) / 1e3 / calls).toFixed(1)})`;
}

async function compare(a: Way, b: Way, spread: string[], hubs: string[]): Promise<[number, number]> {
  const weightSets: Weights[] = [
    DEFAULT_WEIGHTS,
    { ...DEFAULT_WEIGHTS, text: 0 },
    { seeAlso: 0, cites: 0, citedBy: 0, coCitation: 3, coupling: 0, text: 0 },
    { ...DEFAULT_WEIGHTS, coupling: 2, citedBy: 0 },
  ];
  let pages = 0;
  let differ = 0;
  const check = async (ids: string[], page: RelatedPage) => {
    const [x, y] = [await a(ids, page), await b(ids, page)];
    pages += 1;
    if (canonical(x) !== canonical(y)) differ += 1;
    return x as Array<{ items: Array<{ id: string; score: number }> }>;
  };
  for (const w of weightSets) {
    for (const id of [...spread.slice(0, 30), ...hubs.slice(0, 5)]) {
      const items = (await check([id], pageOf(w, 10, null)))[0]?.items ?? [];
      const last = items[items.length - 1];
      if (last) await check([id], pageOf(w, 10, { score: last.score, id: last.id }));
    }
    await check([...spread.slice(0, 8), hubs[0]], pageOf(w, 100, null));
    await check([hubs[1]], pageOf(w, 20, null, 5000));
  }
  return [pages, differ];
}

async function main() {
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
    const ways: Array<[string, Way]> = [
      ["one statement", statementWay(s)],
      ["repository", repositoryWay(new GraphRepository(new Database(driver, "neo4j")))],
    ];
    for (let round = 1; round <= 2; round++) {
      for (const [name, way] of ways) {
        process.stdout.write(`${name} round ${round}: ${await perCall(way, spread, 2)} per call (40 papers), ${await perCall(way, hubs, 2)} (10 most-cited)\n`);
      }
    }
    const [pages, differ] = await compare(ways[0][1], ways[1][1], spread, hubs);
    process.stdout.write(`answers compared on ${pages} pages: ${differ} differ\n`);
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
