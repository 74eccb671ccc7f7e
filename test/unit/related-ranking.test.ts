// RelatedRanking against a brute-force ranking of the same candidates: every candidate scored with its degrees, sorted.
import { CandidateFacts, FIRST_ROUND, RelatedCandidates, RelatedRanking } from "../../src/graph/related-ranking";
import type { RelatedWeights } from "../../src/graph/graph.record";

const WEIGHTS: RelatedWeights = { seeAlso: 1, cites: 0.5, citedBy: 0.5, coCitation: 1, coupling: 1, text: 0.5 };

/** A seeded generator (mulberry32), so a failure replays. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Graph {
  candidates: RelatedCandidates;
  facts: Map<number, CandidateFacts>;
}

/** Paper 0's evidence over `n` other papers; each candidate's degrees are at least its 2-hop counts, as in a store. */
function graph(seed: number, n: number, { intermediates = 30, reach = 40 } = {}): Graph {
  const r = random(seed);
  const pick = () => 1 + Math.floor(r() * n);
  const lists = (k: number) => Array.from({ length: k }, () => Array.from({ length: Math.floor(r() * reach) }, pick));
  const coCitation = lists(intermediates);
  const coupling = lists(intermediates);
  const shared = (lists: number[][], q: number) => lists.reduce((s, l) => s + l.filter((x) => x === q).length, 0);
  const facts = new Map<number, CandidateFacts>();
  for (let q = 0; q <= n; q++) {
    facts.set(q, {
      // Ids in another order than the nodes, so ties are broken by id, not by node.
      id: `p${String((q * 7919) % 100_003).padStart(6, "0")}`,
      citationCount: shared(coCitation, q) + Math.floor(r() * 60),
      referenceCount: shared(coupling, q) + Math.floor(r() * 60),
    });
  }
  return {
    facts,
    candidates: {
      key: "p",
      self: 0,
      pIn: intermediates,
      pOut: intermediates,
      seeAlso: Array.from({ length: 3 }, pick),
      cites: [...Array.from({ length: 8 }, pick), 0],
      citing: Array.from({ length: 5 }, pick),
      citers: Array.from({ length: intermediates }, (_, j) => 1000 + j),
      coCitation,
      refs: Array.from({ length: intermediates }, (_, j) => 2000 + j),
      coupling,
      terms: ["graph"],
      text: Array.from({ length: 10 }, () => [pick(), r()] as [number, number]),
      complete: true,
      edgesExpanded: 0,
      intermediatesExamined: intermediates * 2,
      intermediatesTotal: intermediates * 2,
    },
  };
}

/**
 * Every candidate but the paper itself, scored with its degrees, best first: what one Cypher statement computed. A
 * candidate without facts (deleted) is left out.
 */
function bruteForce({ candidates: c, facts }: Graph, w: RelatedWeights) {
  const tally = (list: number[]) => list.reduce((m, q) => m.set(q, (m.get(q) ?? 0) + 1), new Map<number, number>());
  const [seeAlso, cites, citedBy, coCitation, coupling] = [c.seeAlso, c.cites, c.citing, c.coCitation.flat(), c.coupling.flat()].map(tally);
  const text = new Map<number, number>();
  for (const [q, v] of c.text) text.set(q, Math.max(text.get(q) ?? 0, v));
  const nodes = new Set([...seeAlso.keys(), ...cites.keys(), ...citedBy.keys(), ...coCitation.keys(), ...coupling.keys(), ...text.keys()]);
  nodes.delete(c.self);
  for (const q of nodes) if (!facts.has(q)) nodes.delete(q);
  const cosine = (k: number, a: number, b: number) => (k === 0 ? 0 : k >= Math.sqrt(a * b) ? 1 : k / Math.sqrt(a * b));
  return [...nodes]
    .map((q) => {
      const f = facts.get(q)!;
      const score =
        w.seeAlso * ((seeAlso.get(q) ?? 0) > 0 ? 1 : 0) +
        w.cites * (cites.get(q) ?? 0) +
        w.citedBy * (citedBy.get(q) ?? 0) +
        w.coCitation * cosine(coCitation.get(q) ?? 0, c.pIn, f.citationCount) +
        w.coupling * cosine(coupling.get(q) ?? 0, c.pOut, f.referenceCount) +
        w.text * (text.get(q) ?? 0);
      return { node: q, id: f.id, score };
    })
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
}

/**
 * Runs the ranking as the repository does, reading facts round by round and settling the nodes that have facts (a node
 * deleted between statements has none); returns its page and the facts it read.
 */
function rank(g: Graph, w: RelatedWeights, first: number, after: { score: number; id: string } | null) {
  const ranking = new RelatedRanking(g.candidates, w, first, after);
  let read = 0;
  let rounds = 0;
  for (let nodes = ranking.nextNodes(); nodes.length > 0; nodes = ranking.nextNodes()) {
    rounds += 1;
    read += nodes.length;
    for (const node of nodes) {
      const found = g.facts.get(node);
      if (found) ranking.settle(node, found);
    }
  }
  return { ranking, page: ranking.page(), read, rounds };
}

/**
 * Ten candidates cited by paper 0 (0.5 each with the default weights) and 300 others (nodes 11 to 310) sharing one
 * reference with it, of its 50: their degrees at least that one edge, as in a store.
 */
function floorGraph(): Graph {
  const g = graph(18, 400, { intermediates: 50 });
  g.candidates.seeAlso = [];
  g.candidates.citing = [];
  g.candidates.text = [];
  g.candidates.cites = Array.from({ length: 10 }, (_, i) => 1 + i);
  g.candidates.coupling = g.candidates.refs.map((_, j) => Array.from({ length: 6 }, (_, k) => 11 + j * 6 + k));
  g.candidates.coCitation = [];
  for (const f of g.facts.values()) f.referenceCount = Math.max(f.referenceCount, 1);
  return g;
}

const pageOf = (items: Array<{ id: string; score: number }>) => items.map(({ id, score }) => ({ id, score }));

describe("RelatedRanking", () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])("pages as a full ranking does, cursor by cursor (graph %i)", (seed) => {
    const g = graph(seed, 3000);
    for (const w of [WEIGHTS, { ...WEIGHTS, text: 0, cites: 0 }, { seeAlso: 0, cites: 0, citedBy: 0, coCitation: 0, coupling: 3, text: 0 }]) {
      const all = bruteForce(g, w);
      let after: { score: number; id: string } | null = null;
      for (let k = 0; k < 4; k++) {
        const { ranking, page } = rank(g, w, 10, after);
        expect(ranking.total).toBe(all.length);
        const start = after === null ? 0 : all.findIndex((x) => x.id === after!.id) + 1;
        expect(pageOf(page)).toEqual(pageOf(all.slice(start, start + 10)));
        after = { score: page[page.length - 1].score, id: page[page.length - 1].id };
      }
    }
  });

  it("reads the facts of few candidates when the page's scores are above most bounds", () => {
    const g = graph(11, 20_000, { intermediates: 60, reach: 200 });
    const first = rank(g, WEIGHTS, 10, null);
    expect(first.ranking.total).toBeGreaterThan(5000);
    expect(first.rounds).toBe(1);
    // A first page reads only the candidates whose bound reaches its floor: the tenth highest score without cosines.
    expect(first.read).toBeLessThan(FIRST_ROUND);
    expect(pageOf(first.page)).toEqual(pageOf(bruteForce(g, WEIGHTS).slice(0, 10)));
    // After a cursor there is no floor: the first round, and the candidates whose bound ties with its lowest.
    const last = first.page[first.page.length - 1];
    const next = rank(g, WEIGHTS, 10, { score: last.score, id: last.id });
    expect(next.rounds).toBe(1);
    expect(next.read).toBeGreaterThanOrEqual(FIRST_ROUND);
    expect(next.read).toBeLessThan(next.ranking.total / 5);
    expect(pageOf(next.page)).toEqual(pageOf(bruteForce(g, WEIGHTS).slice(10, 20)));
  });

  it("reads no candidate whose bound is below a first page's floor, and reads by rounds when there is none", () => {
    // Ten candidates cited by the paper (a score of 0.5 each, cosines aside) and 300 others sharing one reference
    // with it (a bound of sqrt(1 / 50), 0.14): the floor is 0.5, so none of the 300 is read. With `cites` at 0 the
    // floor is gone (no candidate scores above 0 without its cosines) and the first round reads all 310.
    const g = floorGraph();
    const w = { ...WEIGHTS, text: 0 };
    const withFloor = rank(g, w, 10, null);
    expect(withFloor.ranking.total).toBe(310);
    expect(withFloor.read).toBe(10);
    expect(pageOf(withFloor.page)).toEqual(pageOf(bruteForce(g, w).slice(0, 10)));
    const noFloor = rank(g, { ...w, cites: 0 }, 10, null);
    expect(noFloor.read).toBe(300);
    expect(pageOf(noFloor.page)).toEqual(pageOf(bruteForce(g, { ...w, cites: 0 }).slice(0, 10)));
  });

  it("drops the floor when a candidate it counted on has no facts (deleted between statements)", () => {
    // The same graph, one of the ten cited candidates gone when the facts are read: nine score 0.5 and the page's
    // tenth is the best of the 300 below the floor, which the rounds must go on to read.
    const g = floorGraph();
    g.facts.delete(4);
    const w = { ...WEIGHTS, text: 0 };
    const { page, read, rounds } = rank(g, w, 10, null);
    expect(page).toHaveLength(10);
    expect(pageOf(page)).toEqual(pageOf(bruteForce(g, w).slice(0, 10)));
    expect(rounds).toBeGreaterThan(1);
    expect(read).toBe(310);
  });

  it("reads on, round after round, while bounds stay above the page's last score", () => {
    // Each candidate: a distinct text value and one shared reference with a paper that cites a million others, so
    // its score is about its text value and its bound that plus sqrt(1 / 50). The page's last score is the tenth
    // highest text value, near 1, and every candidate whose text value is within 0.14 of it must be read.
    const g = graph(12, 5000, { intermediates: 50 });
    g.candidates.coupling = g.candidates.refs.map((_, j) => Array.from({ length: 100 }, (_, k) => 1 + j * 100 + k));
    g.candidates.text = Array.from({ length: 5000 }, (_, i) => [i + 1, ((i * 7919) % 5000) / 5000] as [number, number]);
    for (const f of g.facts.values()) f.referenceCount = 1_000_000;
    const w = { seeAlso: 0, cites: 0, citedBy: 0, coCitation: 0, coupling: 1, text: 1 };
    const { page, read, rounds, ranking } = rank(g, w, 10, null);
    expect(ranking.total).toBe(5000);
    expect(rounds).toBe(2); // 256, then up to 1,024 more
    expect(read).toBeGreaterThan(700);
    expect(read).toBeLessThan(5000);
    expect(pageOf(page)).toEqual(pageOf(bruteForce(g, w).slice(0, 10)));
  });

  it("ranks a candidate whose score is its cosine as high as its bound allows", () => {
    // Ten candidates share one reference with the paper and cite nothing else (cosine exactly sqrt(1 / 50), their
    // bound) and have a text value of 0.2; 300 others have a text value of 0.3 only. The ten score 0.34 and come
    // first: a bound below their true cosine would stop after the 300.
    const g = graph(16, 400, { intermediates: 50 });
    g.candidates.coupling = g.candidates.refs.map((_, j) => (j < 10 ? [1 + j] : []));
    g.candidates.text = Array.from({ length: 310 }, (_, i) => [1 + i, i < 10 ? 0.2 : 0.3] as [number, number]);
    for (const f of g.facts.values()) f.referenceCount = 1;
    const w = { seeAlso: 0, cites: 0, citedBy: 0, coCitation: 0, coupling: 1, text: 1 };
    const { page } = rank(g, w, 10, null);
    expect(page.map((r) => r.node).sort((a, b) => a - b)).toEqual(Array.from({ length: 10 }, (_, i) => 1 + i));
    expect(pageOf(page)).toEqual(pageOf(bruteForce(g, w).slice(0, 10)));
  });

  it("keeps the order of ties by id, reading every candidate whose bound ties with the page", () => {
    // Only coupling, every candidate with one shared reference and one reference of its own: all bounds and all
    // scores are equal, so the page is the ten smallest ids of all 5,000 candidates.
    const g = graph(13, 5000, { intermediates: 50 });
    g.candidates.coupling = g.candidates.refs.map((_, j) => Array.from({ length: 100 }, (_, k) => 1 + j * 100 + k));
    for (const f of g.facts.values()) f.referenceCount = 1;
    const w = { seeAlso: 0, cites: 0, citedBy: 0, coCitation: 0, coupling: 1, text: 0 };
    const { page, read, ranking } = rank(g, w, 10, null);
    expect(ranking.total).toBe(5000);
    expect(read).toBe(5000);
    expect(pageOf(page)).toEqual(pageOf(bruteForce(g, w).slice(0, 10)));
  });

  it("gives each paper's first intermediates as examples, in their order, once each", () => {
    const candidates: RelatedCandidates = {
      ...graph(14, 10).candidates,
      citers: [101, 102, 103, 104, 105, 106, 107],
      coCitation: [[7], [7, 7], [8], [7], [7], [7], [7]],
      refs: [201, 202],
      coupling: [[8], [7]],
    };
    const examples = new RelatedRanking(candidates, WEIGHTS, 10, null).examples([7, 8]);
    expect(examples.get(7)).toEqual({ coCitation: [101, 102, 104, 105, 106], coupling: [202] });
    expect(examples.get(8)).toEqual({ coCitation: [103], coupling: [201] });
  });

  it("counts each node apart whatever its id: beyond 2^32, with the same low bits", () => {
    // Neo4j's internal ids of a large store: here every node but the paper is beyond 2^32 with the same low 32 bits,
    // so only the high bits tell them apart, in the table's hash as in its comparison.
    const g = graph(17, 3000);
    const big = (q: number) => (q === 0 ? 0 : q * 2 ** 32 + 5);
    const remap = (lists: number[][]) => lists.map((l) => l.map(big));
    const c = g.candidates;
    const moved: Graph = {
      facts: new Map([...g.facts].map(([q, f]) => [big(q), f])),
      candidates: {
        ...c,
        seeAlso: c.seeAlso.map(big),
        cites: c.cites.map(big),
        citing: c.citing.map(big),
        coCitation: remap(c.coCitation),
        coupling: remap(c.coupling),
        text: c.text.map(([q, v]) => [big(q), v] as [number, number]),
      },
    };
    const all = bruteForce(moved, WEIGHTS);
    const { ranking, page } = rank(moved, WEIGHTS, 10, null);
    expect(ranking.total).toBe(all.length);
    expect(all.length).toBeGreaterThan(500);
    expect(pageOf(page)).toEqual(pageOf(all.slice(0, 10)));
    // The same page as with the small ids: the ranking does not depend on what the nodes are called.
    expect(pageOf(page)).toEqual(pageOf(rank(g, WEIGHTS, 10, null).page));
  });

  it("leaves the paper itself out of its own list", () => {
    const g = graph(15, 50);
    g.candidates.cites.push(0, 0);
    const { ranking, page } = rank(g, WEIGHTS, 100, null);
    expect(page.map((r) => r.node)).not.toContain(0);
    expect(ranking.total).toBe(bruteForce(g, WEIGHTS).length);
  });
});
