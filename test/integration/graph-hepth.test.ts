// Graph exploration on the real hep-th citation graph (29,555 papers, 352,807 citations), every answer checked
// against an independent computation in plain TypeScript over the same data files: BFS and set intersection.
import { openTestDatabase, TestDatabase } from "../helpers/database";
import { startTestServer, TestServer } from "../helpers/server";
import { DatasetGraph, loadDataset, readHepTh } from "../helpers/datasets";

// The documented bounds of Paper.related (docs/graph-queries.md#limits), restated here on purpose.
const MAX_SOURCES = 300;
const MAX_FAN_OUT = 300;
const WEIGHTS = { seeAlso: 1, cites: 0.5, citedBy: 0.5, coCitation: 1, coupling: 1 };
const HUB = "hepth:9711200"; // the most-cited paper: 2,414 citations

/** Plain adjacency sets of the citation graph. */
class Graph {
  out = new Map<string, Set<string>>();
  in = new Map<string, Set<string>>();
  year = new Map<string, number>();

  constructor(data: DatasetGraph) {
    for (const p of data.papers) {
      this.out.set(p.id, new Set());
      this.in.set(p.id, new Set());
      this.year.set(p.id, p.year!);
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

  /** Related scores by docs/graph-queries.md#score, with the same sampling of intermediates. */
  related(p: string): Array<{ id: string; score: number; coCitation: number; coupling: number }> {
    const eligible = (ids: Set<string>, degree: (id: string) => number) =>
      [...ids].filter((x) => x !== p && degree(x) <= MAX_FAN_OUT).sort(byCodeUnit);
    const citers = eligible(this.in.get(p)!, (c) => this.out.get(c)!.size);
    const refs = eligible(this.out.get(p)!, (r) => this.in.get(r)!.size);
    const citerSample = citers.slice(0, MAX_SOURCES);
    const refSample = refs.slice(0, MAX_SOURCES);
    const coCitation = new Map<string, number>();
    const coupling = new Map<string, number>();
    for (const c of citerSample) for (const q of this.out.get(c)!) coCitation.set(q, (coCitation.get(q) ?? 0) + 1);
    for (const r of refSample) for (const q of this.in.get(r)!) coupling.set(q, (coupling.get(q) ?? 0) + 1);
    const candidates = new Set([...this.out.get(p)!, ...this.in.get(p)!, ...coCitation.keys(), ...coupling.keys()]);
    candidates.delete(p);
    const pIn = this.in.get(p)!.size;
    const pOut = this.out.get(p)!.size;
    return [...candidates].map((q) => {
      const cc = coCitation.get(q) ?? 0;
      const bc = coupling.get(q) ?? 0;
      const ccNorm = cc === 0 ? 0 : Math.min(1, (cc * (citers.length / citerSample.length)) / Math.sqrt(pIn * this.in.get(q)!.size));
      const bcNorm = bc === 0 ? 0 : Math.min(1, (bc * (refs.length / refSample.length)) / Math.sqrt(pOut * this.out.get(q)!.size));
      const score =
        WEIGHTS.cites * (this.out.get(p)!.has(q) ? 1 : 0) +
        WEIGHTS.citedBy * (this.in.get(p)!.has(q) ? 1 : 0) +
        WEIGHTS.coCitation * ccNorm +
        WEIGHTS.coupling * bcNorm;
      return { id: q, score, coCitation: cc, coupling: bc };
    });
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
  let mid: string; // an ordinary paper: no bound of Paper.related applies to it

  beforeAll(async () => {
    const data = readHepTh();
    g = new Graph(data);
    t = await openTestDatabase();
    await t.reset();
    await loadDataset(t.ingest, data);
    server = await startTestServer(t);
    mid = [...g.in.keys()].sort(byCodeUnit).find((p) => {
      const citers = [...g.in.get(p)!];
      const refs = [...g.out.get(p)!];
      return citers.length >= 30 && refs.length >= 15 && citers.every((c) => g.out.get(c)!.size <= MAX_FAN_OUT) &&
        refs.every((r) => g.in.get(r)!.size <= MAX_FAN_OUT) && g.bfs([p], 2).size < 5000;
    })!;
  });
  afterAll(async () => {
    await server?.close();
    await t?.close();
  });

  const RELATED = `query R($id: ID!) { paper(id: $id) { related(first: 15) { totalCount edges { node {
    paper { id } score evidence { coCitation { count } coupling { count } } } } } } }`;

  it.each([["an ordinary paper", () => mid], ["the most-cited paper, where the bounds apply", () => HUB]])(
    "ranks the related papers of %s as set intersection does",
    async (_name, pick) => {
      const p = pick();
      const expected = g.related(p);
      const res = await server.query(RELATED, { id: p });
      expect(res.errors).toBeUndefined();
      const conn = res.data!.paper.related;
      expect(conn.totalCount).toBe(expected.filter((x) => x.score > 0).length);
      const got: Array<{ id: string; score: number; coCitation: number; coupling: number }> = conn.edges.map(({ node }: any) => ({
        id: node.paper.id, score: node.score, coCitation: node.evidence.coCitation.count, coupling: node.evidence.coupling.count,
      }));
      const want = ranked(expected).slice(0, 15);
      expect(ranked(got).map((x) => [x.id, x.coCitation, x.coupling])).toEqual(want.map((x) => [x.id, x.coCitation, x.coupling]));
      got.forEach((x, i) => expect(x.score).toBeCloseTo(want[i].score, 9));
    },
  );

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
});
