// Graph exploration on the real hep-th citation graph (29,555 papers, 352,807 citations), every answer checked
// against an independent computation in plain TypeScript over the same data files: BFS and set intersection.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { openTestDatabase, TestDatabase } from "../helpers/database";
import { GraphQLResponse, startTestServer, TestServer } from "../helpers/server";
import { DatasetGraph, loadDataset, readHepTh } from "../helpers/datasets";
import { expectSameListing, graphListing } from "../helpers/graph-listing";
import { exportGraph } from "../../src/backup/export-graph";
import { restoreExport } from "../../src/backup/restore-export";

// The default weights, with the text signal (a full-text score, not a count) off where counts are compared.
const WEIGHTS = { seeAlso: 1, cites: 0.5, citedBy: 0.5, coCitation: 1, coupling: 1, text: 0 };
const HUB = "hepth:9711200"; // the most-cited paper: 2,414 citations

type Weights = typeof WEIGHTS;
interface Expected {
  id: string;
  score: number;
  cites: number;
  citedBy: number;
  coCitation: number;
  coupling: number;
}

/** Plain adjacency sets of the citation graph. */
class Graph {
  out = new Map<string, Set<string>>();
  in = new Map<string, Set<string>>();
  year = new Map<string, number>();
  title = new Map<string, string>();

  constructor(data: DatasetGraph) {
    for (const p of data.papers) {
      this.out.set(p.id, new Set());
      this.in.set(p.id, new Set());
      this.year.set(p.id, p.year!);
      this.title.set(p.id, p.title);
    }
    for (const e of data.citations) {
      this.out.get(e.from)!.add(e.to);
      this.in.get(e.to)!.add(e.from);
    }
  }

  both(id: string): Set<string> {
    return new Set([...this.out.get(id)!, ...this.in.get(id)!]);
  }

  /** Hop distance from the seeds of every node within `depth`, undirected. */
  bfs(seeds: string[], depth: number): Map<string, number> {
    const dist = new Map(seeds.map((s) => [s, 0]));
    let frontier = seeds;
    for (let d = 1; d <= depth; d++) {
      const next: string[] = [];
      for (const a of frontier) for (const b of this.both(a)) if (!dist.has(b)) (dist.set(b, d), next.push(b));
      frontier = next;
    }
    return dist;
  }

  /** Every shortest undirected path from a to b, as id lists. */
  shortestPaths(a: string, b: string, maxDepth: number): string[][] {
    const fromA = this.bfs([a], maxDepth);
    if (!fromA.has(b)) return [];
    const length = fromA.get(b)!;
    const fromB = this.bfs([b], length);
    const paths: string[][] = [];
    const extend = (path: string[]) => {
      const last = path[path.length - 1];
      if (last === b) return void paths.push(path);
      for (const n of this.both(last)) {
        if (fromA.get(n) === path.length && fromB.get(n) === length - path.length) extend([...path, n]);
      }
    };
    extend([a]);
    return paths;
  }

  /** |a ∩ b| without the two papers themselves: a paper is never evidence about its own relation. */
  shared(a: Set<string>, b: Set<string>, p: string, q: string): number {
    // Walk the smaller set: a hub's 2,414 citers against each of its ~20,000 candidates' few took seconds per hub.
    const [small, large] = a.size <= b.size ? [a, b] : [b, a];
    let n = 0;
    for (const x of small) if (x !== p && x !== q && large.has(x)) n++;
    return n;
  }

  // counts() per paper: the tests ask for the same hubs under several weightings.
  private counted = new Map<string, Omit<Expected, "score">[]>();

  /**
   * Every candidate of `p` (a paper one or two CITES edges away) with each signal's count, by set intersection of the
   * two papers' citers or references.
   */
  counts(p: string): Omit<Expected, "score">[] {
    const known = this.counted.get(p);
    if (known) return known;
    const candidates = new Set<string>();
    for (const c of this.in.get(p)!) for (const q of [c, ...this.out.get(c)!]) candidates.add(q);
    for (const r of this.out.get(p)!) for (const q of [r, ...this.in.get(r)!]) candidates.add(q);
    candidates.delete(p);
    const counts = [...candidates].map((q) => ({
      id: q,
      cites: this.out.get(p)!.has(q) ? 1 : 0,
      citedBy: this.in.get(p)!.has(q) ? 1 : 0,
      coCitation: this.shared(this.in.get(p)!, this.in.get(q)!, p, q),
      coupling: this.shared(this.out.get(p)!, this.out.get(q)!, p, q),
    }));
    this.counted.set(p, counts);
    return counts;
  }

  /** Related scores by docs/graph-queries.md#score, from the counts above. */
  related(p: string, w: Weights = WEIGHTS): Expected[] {
    const cosine = (n: number, a: number, b: number) => (n === 0 ? 0 : Math.min(1, n / Math.sqrt(a * b)));
    return this.counts(p).map((c) => {
      const q = c.id;
      // A signal whose weight is 0 is switched off: the server counts nothing for it (docs/graph-queries.md#score).
      const cites = w.cites > 0 ? c.cites : 0;
      const citedBy = w.citedBy > 0 ? c.citedBy : 0;
      const coCitation = w.coCitation > 0 ? c.coCitation : 0;
      const coupling = w.coupling > 0 ? c.coupling : 0;
      const score =
        w.cites * cites + w.citedBy * citedBy +
        w.coCitation * cosine(coCitation, this.in.get(p)!.size, this.in.get(q)!.size) +
        w.coupling * cosine(coupling, this.out.get(p)!.size, this.out.get(q)!.size);
      return { id: q, score, cites, citedBy, coCitation, coupling };
    }).filter((x) => x.score > 0);
  }

  /** The `n` papers with the most citers, most first, ties by id. */
  mostCited(n: number): string[] {
    return [...this.in].sort(([a, x], [b, y]) => y.size - x.size || byCodeUnit(a, b)).slice(0, n).map(([id]) => id);
  }
}

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Best first, ties by id; scores rounded so that float noise between two engines cannot reorder equal scores. */
function ranked<T extends { id: string; score: number }>(items: T[]): T[] {
  const key = (x: T) => Math.round(x.score * 1e9);
  return [...items].sort((a, b) => key(b) - key(a) || byCodeUnit(a.id, b.id));
}

describe("graph exploration on hep-th, checked against an independent computation", () => {
  let t: TestDatabase;
  let server: TestServer;
  let g: Graph;
  let mid: string; // an ordinary paper with well-cited neighbours
  let top20: string[];

  beforeAll(async () => {
    const data = readHepTh();
    g = new Graph(data);
    t = await openTestDatabase();
    await t.reset();
    await loadDataset(t.ingest, data);
    server = await startTestServer(t);
    top20 = g.mostCited(20);
    // The first paper by id with 30+ citers and 15+ references of which some are cited 300+ times (the old cap's
    // victims) and a depth-2 neighbourhood small enough for the neighbourhood test below.
    mid = [...g.in.keys()].sort(byCodeUnit).find((p) => {
      const refs = [...g.out.get(p)!];
      return g.in.get(p)!.size >= 30 && refs.length >= 15 && refs.some((r) => g.in.get(r)!.size > 300) && g.bfs([p], 2).size < 5000;
    })!;
    // Loading hep-th takes about 30 s alone; on a machine shared with other Neo4j runs it can take a few times that.
  }, 600_000);
  afterAll(async () => {
    await server?.close();
    await t?.close();
  });

  const RELATED = `query R($id: ID!, $first: Int!, $w: RelatedWeightsInput) { paper(id: $id) {
    id related(first: $first, weights: $w) { totalCount complete edgesExpanded intermediatesExamined intermediatesTotal
      edges { node { paper { id } score evidence {
        seeAlso { count normalized contribution } cites { count normalized contribution } citedBy { count normalized contribution }
        coCitation { count normalized contribution } coupling { count normalized contribution } } } } } } }`;

  /** Each paper's related page from the server next to the independent ranking's first `first`; returns what was checked. */
  async function compareRelated(ids: string[], first: number, w: Weights): Promise<Array<[string, Expected]>> {
    const checked: Array<[string, Expected]> = [];
    // All answers first, then the seconds of computation per hub: an idle keep-alive connection is closed by the
    // server after 5 s, and a request sent on it as it closes fails with ECONNRESET.
    const answers = [];
    // The first request after a previous test's long computation may still meet a closing connection: one retry of
    // a transport failure (never of a GraphQL error) keeps that artefact out of the result.
    const ask = (id: string) => server.query(RELATED, { id, first, w }).catch(() => server.query(RELATED, { id, first, w }));
    for (const id of ids) answers.push(await ask(id));
    for (const [k, id] of ids.entries()) {
      const res = answers[k];
      expect(res.errors).toBeUndefined();
      const expected = g.related(id, w);
      const conn = res.data!.paper.related;
      expect(conn.complete).toBe(true);
      expect(conn.intermediatesExamined).toBe(conn.intermediatesTotal);
      expect(conn.totalCount).toBe(expected.length);
      const want = ranked(expected).slice(0, first);
      // Equal scores (21/sqrt(9x) = 14/sqrt(4x)) may differ in their last bits between Neo4j and V8: ranked() rounds both.
      const nodes = ranked(conn.edges.map(({ node: r }: any) => ({ ...r, id: r.paper.id })) as any[]);
      const got = nodes.map((r: any) => ({
        id: r.paper.id, cites: r.evidence.cites.count, citedBy: r.evidence.citedBy.count,
        coCitation: r.evidence.coCitation.count, coupling: r.evidence.coupling.count,
      }));
      expect(got).toEqual(want.map(({ id: q, cites, citedBy, coCitation, coupling }) => ({ id: q, cites, citedBy, coCitation, coupling })));
      nodes.forEach((r: any, i: number) => {
        expect(r.score).toBeCloseTo(want[i].score, 9);
        const e = r.evidence;
        const sum = e.seeAlso.contribution + e.cites.contribution + e.citedBy.contribution + e.coCitation.contribution + e.coupling.contribution;
        expect(sum).toBeCloseTo(r.score, 9);
        expect(e.coCitation.contribution).toBeCloseTo(w.coCitation * e.coCitation.normalized, 12);
        checked.push([id, want[i]]);
      });
    }
    return checked;
  }

  it("gives an ordinary paper with well-cited neighbours its exact evidence", async () => {
    await compareRelated([mid], 50, WEIGHTS);
  });

  it("gives the 20 most-cited papers their exact evidence and scores, completely", async () => {
    const checked = await compareRelated(top20, 10, WEIGHTS);
    // The hubs' top related papers have large shared sets: the counts the old sampling got wrong.
    expect(Math.max(...checked.map(([, x]) => x.coCitation))).toBeGreaterThan(300);
  });

  it("counts co-citation and coupling exactly between pairs of the 20 most-cited papers", async () => {
    const coCitationOnly = { seeAlso: 0, cites: 0, citedBy: 0, coCitation: 1, coupling: 0, text: 0 };
    const couplingOnly = { seeAlso: 0, cites: 0, citedBy: 0, coCitation: 0, coupling: 1, text: 0 };
    const hubs = new Set(top20);
    const hubPairs = (checked: Array<[string, Expected]>) => checked.filter(([p, x]) => hubs.has(x.id) && p !== x.id);
    const coCited = hubPairs(await compareRelated(top20, 100, coCitationOnly));
    const coupled = hubPairs(await compareRelated(top20, 100, couplingOnly));
    // Each hub pair the server ranked, checked once more by a plain intersection of the two papers' citer (reference) sets.
    for (const [p, x] of coCited) expect(x.coCitation).toBe(g.shared(g.in.get(p)!, g.in.get(x.id)!, p, x.id));
    for (const [p, x] of coupled) expect(x.coupling).toBe(g.shared(g.out.get(p)!, g.out.get(x.id)!, p, x.id));
    expect(coCited.length + coupled.length).toBeGreaterThanOrEqual(20);
  });

  it("says plainly when the work budget cut the evidence short, and never scales a count up", async () => {
    const budget = 1000;
    const small = await startTestServer(t, { relatedMaxExpansions: budget });
    try {
      const res = await small.query(RELATED, { id: HUB, first: 20, w: WEIGHTS });
      expect(res.errors).toBeUndefined();
      const conn = res.data!.paper.related;
      expect(conn.complete).toBe(false);
      expect(conn.edgesExpanded).toBeLessThanOrEqual(2 * budget);
      expect(conn.edgesExpanded).toBeGreaterThan(0);
      const others = (s: Set<string>) => [...s].filter((x) => x !== HUB).length;
      expect(conn.intermediatesTotal).toBe(others(g.in.get(HUB)!) + others(g.out.get(HUB)!));
      expect(conn.intermediatesExamined).toBeLessThan(conn.intermediatesTotal);
      const exact = new Map(g.related(HUB).map((x) => [x.id, x]));
      for (const { node } of conn.edges) {
        const x = exact.get(node.paper.id)!;
        expect(node.evidence.coCitation.count).toBeLessThanOrEqual(x.coCitation);
        expect(node.evidence.coupling.count).toBeLessThanOrEqual(x.coupling);
      }
    } finally {
      await small.close();
    }
  });

  it("relates a paper without any edge by its distinctive words, and shows the words", async () => {
    // Words as docs/graph-queries.md#score defines them (letters and digits, 3+ characters), in the titles this
    // suite loads; document frequency counted over all of them.
    const words = (id: string) => new Set((g.title.get(id) ?? "").toLowerCase().match(/[\p{L}\p{N}]+/gu)?.filter((w) => w.length >= 3) ?? []);
    const df = new Map<string, number>();
    for (const id of g.title.keys()) for (const w of words(id)) df.set(w, (df.get(w) ?? 0) + 1);
    const rare = (w: string) => (df.get(w) ?? 0) <= g.title.size / 100;
    const lonely = [...g.title.keys()].sort(byCodeUnit)
      .find((id) => g.in.get(id)!.size === 0 && g.out.get(id)!.size === 0 && [...words(id)].filter(rare).length >= 2)!;
    expect(lonely).toBeDefined();
    const res = await server.query(`query T($id: ID!) { paper(id: $id) { related(first: 10) { totalCount complete edges { node {
      paper { id } score evidence { coCitation { count } coupling { count } cites { count } citedBy { count }
        text { count normalized contribution terms } } } } } } }`, { id: lonely });
    expect(res.errors).toBeUndefined();
    const conn = res.data!.paper.related;
    expect(conn.totalCount).toBeGreaterThan(0);
    expect(conn.complete).toBe(true);
    const mine = words(lonely);
    for (const { node } of conn.edges) {
      const e = node.evidence;
      expect([e.coCitation.count, e.coupling.count, e.cites.count, e.citedBy.count]).toEqual([0, 0, 0, 0]);
      expect(node.score).toBeCloseTo(e.text.contribution, 12);
      expect(e.text.contribution).toBeCloseTo(0.5 * e.text.normalized, 12); // the documented default weight
      expect(e.text.terms.length).toBeGreaterThan(0);
      const theirs = words(node.paper.id);
      for (const term of e.text.terms) expect(mine.has(term) && theirs.has(term)).toBe(true);
    }
    // The best match shares one of the paper's rare words (used by at most 1% of titles), not only common ones.
    expect(conn.edges[0].node.evidence.text.terms.some(rare)).toBe(true);
  });

  it("finds the same depth-2 neighbourhood as a BFS, with every citation among its nodes", async () => {
    const dist = g.bfs([mid], 2);
    const res = await server.query(`query N($ids: [ID!]!) { neighbourhood(ids: $ids, depth: 2, edges: [CITES], limit: 5000) {
      truncated nodes { depth paper { id } } stats { nodeCount edgeCount } } }`, { ids: [mid] });
    expect(res.errors).toBeUndefined();
    const n = res.data!.neighbourhood;
    expect(n.truncated).toBe(false);
    const got = new Map<string, number>(n.nodes.map((x: any) => [x.paper.id, x.depth]));
    expect(got).toEqual(dist);
    let induced = 0;
    for (const a of dist.keys()) for (const b of g.out.get(a)!) if (dist.has(b)) induced++;
    expect(n.stats).toEqual({ nodeCount: dist.size, edgeCount: induced });
  });

  it("truncates around the biggest hub to its closest, then most-cited papers", async () => {
    const limit = 3000;
    const dist = g.bfs([HUB], 2);
    const level1 = [...dist].filter(([, d]) => d === 1).map(([id]) => id);
    const level2 = [...dist].filter(([, d]) => d === 2).map(([id]) => id);
    const room = limit - 1 - level1.length;
    expect(room).toBeGreaterThan(0);
    const kept = level2.sort((a, b) => g.in.get(b)!.size - g.in.get(a)!.size || byCodeUnit(a, b)).slice(0, room);
    const res = await server.query(`query N($ids: [ID!]!) { neighbourhood(ids: $ids, depth: 3, edges: [CITES], limit: ${limit}) {
      truncated nodes { depth paper { id } } } }`, { ids: [HUB] });
    expect(res.errors).toBeUndefined();
    const n = res.data!.neighbourhood;
    expect(n.truncated).toBe(true);
    expect(n.nodes).toHaveLength(limit);
    const ids = (d: number) => n.nodes.filter((x: any) => x.depth === d).map((x: any) => x.paper.id);
    expect(new Set(ids(1))).toEqual(new Set(level1));
    expect(ids(2)).toEqual(kept);
    expect(ids(3)).toEqual([]);
  });

  it("finds all shortest paths a BFS finds, and none beyond maxDepth", async () => {
    // The first paper (by id) at distance 3 from `mid` whose shortest paths number 2 to 10.
    const dist = g.bfs([mid], 3);
    const target = [...dist].filter(([, d]) => d === 3).map(([id]) => id).sort(byCodeUnit)
      .find((id) => { const n = g.shortestPaths(mid, id, 3).length; return n >= 2 && n <= 10; })!;
    const expected = g.shortestPaths(mid, target, 6).map((p) => p.join(" ")).sort();
    const PATH = `query P($from: ID!, $to: ID!, $maxDepth: Int) { citationPath(from: $from, to: $to, maxDepth: $maxDepth, edges: [CITES]) {
      length papers { id } edges { from to } } }`;
    const res = await server.query(PATH, { from: mid, to: target, maxDepth: 6 });
    expect(res.errors).toBeUndefined();
    const paths = res.data!.citationPath;
    expect(paths.map((p: any) => p.papers.map((x: any) => x.id).join(" "))).toEqual(expected);
    for (const p of paths) {
      expect(p.length).toBe(3);
      // Each edge exists in the data, in its stored direction, and links consecutive papers of the path.
      p.edges.forEach((e: any, i: number) => {
        expect(g.out.get(e.from)!.has(e.to)).toBe(true);
        expect([e.from, e.to].sort()).toEqual([p.papers[i].id, p.papers[i + 1].id].sort());
      });
    }
    expect((await server.query(PATH, { from: mid, to: target, maxDepth: 2 })).data!.citationPath).toEqual([]);
  });

  it("counts citations per year, top-cited papers, prior and derivative works as the data files do", async () => {
    const seeds = [HUB, "hepth:9802150", mid];
    const res = await server.query(`query A($hub: ID!, $seeds: [ID!]!) {
      paper(id: $hub) { citationsByYear { year count } }
      topCited(first: 10) { count paper { id } }
      priorWorks(ids: $seeds, first: 10) { count paper { id } }
      derivativeWorks(ids: $seeds, first: 10) { count paper { id } } }`, { hub: HUB, seeds });
    expect(res.errors).toBeUndefined();

    const perYear = new Map<number, number>();
    for (const c of g.in.get(HUB)!) perYear.set(g.year.get(c)!, (perYear.get(g.year.get(c)!) ?? 0) + 1);
    expect(res.data!.paper.citationsByYear).toEqual([...perYear].sort(([a], [b]) => a - b).map(([year, count]) => ({ year, count })));

    const top = (counts: Map<string, number>, n = 10) =>
      [...counts].sort(([a, x], [b, y]) => y - x || byCodeUnit(a, b)).slice(0, n).map(([id, count]) => ({ count, paper: { id } }));
    expect(res.data!.topCited).toEqual(top(new Map([...g.in].map(([id, s]) => [id, s.size]))));

    const tally = (neighbours: (s: string) => Set<string>) => {
      const counts = new Map<string, number>();
      for (const s of seeds) for (const x of neighbours(s)) if (!seeds.includes(x)) counts.set(x, (counts.get(x) ?? 0) + 1);
      return counts;
    };
    expect(res.data!.priorWorks).toEqual(top(tally((s) => g.out.get(s)!)));
    expect(res.data!.derivativeWorks).toEqual(top(tally((s) => g.in.get(s)!)));
  });

  // A paper's citers come from an index on the ids copied onto each CITES edge (src/neo4j/schema-setup.ts
  // CITES_END_IDS), not from walking its edges: every page, hubs included, must be the edge list's, in id order.
  it("pages the citers and references of the most-cited papers in id order, as the edge list has them", async () => {
    const sorted = (ids: Set<string>) => [...ids].sort(byCodeUnit);
    for (const id of [HUB, top20[7]]) {
      const want = sorted(g.in.get(id)!);
      const got: string[] = [];
      for (let after: string | null = null; ; ) {
        const res: GraphQLResponse = await server.query(`query C($id: ID!, $after: ID) { paper(id: $id) { citedBy(first: 100, after: $after) { id } } }`, { id, after });
        expect(res.errors).toBeUndefined();
        const page: string[] = (res.data!.paper.citedBy as Array<{ id: string }>).map((p) => p.id);
        got.push(...page);
        if (page.length < 100) break;
        after = page[page.length - 1];
      }
      expect(got).toEqual(want);
    }
    // One nesting level of both directions for 20 papers: ten hubs and ten papers with 2 to 50 citers, some of them
    // after the cursor. citedBy (with a cursor) goes through the loaders' batch, references (a first page) are read
    // with the papers; stored-counts.test.ts checks what each kind of key of the batch seeks.
    const few = [...g.in].filter(([, c]) => c.size >= 2 && c.size <= 50 && [...c].some((x) => x > "hepth:9")).map(([id]) => id).sort(byCodeUnit).filter((_, i) => i % 97 === 0).slice(0, 10);
    const ids = [...top20.slice(0, 10), ...few];
    expect(few).toHaveLength(10);
    const res = await server.query(`query L($ids: [ID!]!) {
      papers(ids: $ids, first: 20) { edges { node { id references(first: 30) { id } citedBy(first: 30, after: "hepth:9") { id } } } } }`, { ids });
    expect(res.errors).toBeUndefined();
    const nodes = res.data!.papers.edges.map((e: { node: { id: string; references: Array<{ id: string }>; citedBy: Array<{ id: string }> } }) => e.node);
    expect(nodes.map((n: { id: string }) => n.id).sort(byCodeUnit)).toEqual([...ids].sort(byCodeUnit));
    // The small papers' pages are not empty after the cursor, so the comparison below is not between nothings.
    expect(nodes.filter((n: { id: string; citedBy: unknown[] }) => few.includes(n.id) && n.citedBy.length > 0)).toHaveLength(10);
    for (const n of nodes) {
      expect(n.references.map((r: { id: string }) => r.id)).toEqual(sorted(g.out.get(n.id)!).slice(0, 30));
      expect(n.citedBy.map((r: { id: string }) => r.id)).toEqual(sorted(g.in.get(n.id)!).filter((c) => c > "hepth:9").slice(0, 30));
    }
  });

  // Last, as it empties the store: export and import of the graph loaded above (no authors or abstracts; the whole
  // run with them is measured in docs/backup.md), compared by the canonical listing of the store
  // (test/helpers/graph-listing.ts, independent of the exporter). The phases' times are printed.
  it("exports hep-th and imports the export back into the same graph", async () => {
    const timed = async <T>(label: string, work: () => Promise<T>): Promise<T> => {
      const started = Date.now();
      const value = await work();
      process.stdout.write(`hep-th round trip: ${label} ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
      return value;
    };
    const dir = mkdtempSync(path.join(os.tmpdir(), "papers-graph-export-"));
    try {
      const folder = path.join(dir, "hepth");
      // Both only read the store: side by side, one waits on Neo4j while the other's rows are handled.
      const [before, manifest] = await timed("listing and export", () => Promise.all([graphListing(t.driver), exportGraph(t.db, folder)]));
      expect(before.length).toBe(29_555 + 352_807);
      expect(manifest.counts.nodes.Paper).toBe(before.filter((l) => l.startsWith("node :Paper ")).length);
      await timed("reset", () => t.reset());
      const report = await timed("import", () => restoreExport(t.db, folder));
      expect(report.edges).toBe(before.filter((l) => l.startsWith("edge ")).length);
      expectSameListing(await timed("listing", () => graphListing(t.driver)), before);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 900_000);
});
