// Graph exploration on a nine-paper graph small enough to compute every answer by hand (the comments show how); the
// text signal's evidence and candidates on graphs of their own at the end.
import { openTestDatabase, TestDatabase } from "../helpers/database";
import { startTestServer, TestServer } from "../helpers/server";
import { asCurator } from "../helpers/tokens";
import { DEFAULT_RELATED_MAX_EXPANSIONS, GraphRepository, MAX_TEXT_TERMS } from "../../src/graph/graph.repository";
import { RelatedWeightsInput } from "../../src/graph/graph.args";
import { importItems } from "../../src/ingest/corpus-import";
import type { ImportItem } from "../../src/ingest/formats/import-record";
import { PAPER_PROPERTIES, paperFromValues } from "../../src/papers/paper.record";
import { RELATED_STATEMENT, relatedStatementParams } from "../../bench/related-statement";

//   A -> B, C, D      E -> A, B      F -> A, B, C      G -> C, D      H -> B      B -> C      I -> C, D
//   A -SEE_ALSO-> H
// in-degrees:  A 2 (E F)   B 4 (A E F H)   C 5 (A B F G I)   D 3 (A G I)   E F G H I 0
// out-degrees: A 3   B 1   E 2   F 3   G 2   H 1   I 2   C D 0
const YEARS: Record<string, number> = { a: 2010, b: 2005, c: 2000, d: 2001, e: 2015, f: 2016, g: 2012, h: 2011, i: 2013 };
const CITES = ["a>b", "a>c", "a>d", "e>a", "e>b", "f>a", "f>b", "f>c", "g>c", "g>d", "h>b", "b>c", "i>c", "i>d"];
const id = (k: string) => `g:${k}`;

const RELATED = `
  query Related($id: ID!, $first: Int, $after: String, $weights: RelatedWeightsInput) {
    paper(id: $id) { related(first: $first, after: $after, weights: $weights) {
      totalCount pageInfo { hasNextPage endCursor }
      edges { node { paper { id } score evidence {
        seeAlso { count read normalized contribution examples { id } }
        cites { count read normalized contribution }
        citedBy { count read normalized contribution }
        coCitation { count read normalized contribution examples { id } }
        coupling { count read normalized contribution examples { id } }
      } } }
    } } }`;

const NEIGHBOURHOOD = `
  query N($ids: [ID!]!, $depth: Int, $direction: Direction, $edges: [EdgeKind!], $yearFrom: Int, $yearTo: Int, $limit: Int) {
    neighbourhood(ids: $ids, depth: $depth, direction: $direction, edges: $edges, yearFrom: $yearFrom, yearTo: $yearTo, limit: $limit) {
      nodes { depth paper { id } } edges { from to kind } truncated
      stats { nodeCount edgeCount nodesByDepth { depth count } citationsByYear { year count } topCited { count paper { id } } }
    } }`;

const PATH = `
  query P($from: ID!, $to: ID!, $maxDepth: Int, $directed: Boolean, $edges: [EdgeKind!]) {
    citationPath(from: $from, to: $to, maxDepth: $maxDepth, directed: $directed, edges: $edges) { length papers { id } edges { from to kind } } }`;

describe("graph exploration on a hand-computed graph", () => {
  let t: TestDatabase;
  let server: TestServer;

  beforeAll(async () => {
    t = await openTestDatabase();
    await t.reset();
    await t.ingest.upsertPapers(Object.entries(YEARS).map(([k, year]) => ({ id: id(k), title: `Paper ${k.toUpperCase()}`, year })));
    await t.ingest.upsertPapers([{ id: id("k"), title: "Self-citing K" }, { id: id("l"), title: "L" }]);
    await t.ingest.upsertCitations([...CITES.map((e) => ({ from: id(e[0]), to: id(e[2]) })), { from: id("k"), to: id("k") }, { from: id("k"), to: id("l") }]);
    await t.ingest.upsertSeeAlso([{ from: id("a"), to: id("h"), note: "same idea" }]);
    server = await startTestServer(t);
  });
  afterAll(async () => {
    await server.close();
    await t.close();
  });

  async function related(paper: string, vars: Record<string, unknown> = {}) {
    const res = await server.query(RELATED, { id: id(paper), ...vars });
    expect(res.errors).toBeUndefined();
    return res.data!.paper.related;
  }
  const ranking = (conn: any) => conn.edges.map((e: any) => [e.node.paper.id.slice(2), e.node.score]);

  describe("Paper.related", () => {
    // Default weights: seeAlso 1, cites 0.5, citedBy 0.5, coCitation 1, coupling 1. For A: citers {E, F}, refs {B, C, D}.
    //   B: cites .5 + coCitation 2/sqrt(2*4) (E and F cite both) + coupling 1/sqrt(3*1) (both cite C)
    //   H: seeAlso 1 + coupling 1/sqrt(3*1) (both cite B)
    //   F: citedBy .5 + coupling 2/sqrt(3*3) (B, C)        E: citedBy .5 + coupling 1/sqrt(3*2) (B)
    //   G, I: coupling 2/sqrt(3*2) (C, D) each: a tie, broken by id
    //   C: cites .5 + coCitation 1/sqrt(2*5) (F)           D: cites .5
    const expected: Array<[string, number]> = [
      ["b", 0.5 + 2 / Math.sqrt(8) + 1 / Math.sqrt(3)],
      ["h", 1 + 1 / Math.sqrt(3)],
      ["f", 0.5 + 2 / 3],
      ["e", 0.5 + 1 / Math.sqrt(6)],
      ["g", 2 / Math.sqrt(6)],
      ["i", 2 / Math.sqrt(6)],
      ["c", 0.5 + 1 / Math.sqrt(10)],
      ["d", 0.5],
    ];

    it("ranks every related paper by the documented formula, ties by id", async () => {
      const conn = await related("a", { first: 20 });
      expect(conn.totalCount).toBe(8);
      expect(conn.pageInfo.hasNextPage).toBe(false);
      const got = ranking(conn);
      expect(got.map((r: any) => r[0])).toEqual(expected.map((r) => r[0]));
      got.forEach(([, score]: [string, number], i: number) => expect(score).toBeCloseTo(expected[i][1], 12));
    });

    it("explains each score signal by signal, with the papers that produced it", async () => {
      const [b, h] = (await related("a", { first: 2 })).edges.map((e: any) => e.node.evidence);
      expect(b.cites).toEqual({ count: 1, read: true, normalized: 1, contribution: 0.5 });
      expect(b.citedBy).toEqual({ count: 0, read: true, normalized: 0, contribution: 0 });
      expect(b.coCitation.count).toBe(2);
      expect(b.coCitation.normalized).toBeCloseTo(2 / Math.sqrt(8), 12);
      expect(b.coCitation.examples).toEqual([{ id: id("e") }, { id: id("f") }]);
      expect(b.coupling.count).toBe(1);
      expect(b.coupling.examples).toEqual([{ id: id("c") }]);
      expect(h.seeAlso).toEqual({ count: 1, read: true, normalized: 1, contribution: 1, examples: [] });
      expect(h.coupling.examples).toEqual([{ id: id("b") }]);
      const sum = (e: any) => ["seeAlso", "cites", "citedBy", "coCitation", "coupling"].reduce((s, k) => s + e[k].contribution, 0);
      expect(sum(b)).toBeCloseTo(expected[0][1], 12);
    });

    it("ranks the same without evidence selected, and a list with evidence beside it in one request keeps its own", async () => {
      const res = await server.query(
        `query($id: ID!) { paper(id: $id) {
          brief: related(first: 20) { totalCount edges { node { paper { id } score } } }
          full: related(first: 20) { edges { node { paper { id } score evidence { coCitation { count examples { id } } coupling { examples { id } } } } } }
        } }`,
        { id: id("a") },
      );
      expect(res.errors).toBeUndefined();
      const { brief, full } = res.data!.paper;
      expect(brief.totalCount).toBe(8);
      expect(ranking(brief)).toEqual(ranking(full));
      expect(ranking(brief).map((r: any) => r[0])).toEqual(expected.map((r) => r[0]));
      expect(full.edges[0].node.evidence.coCitation).toEqual({ count: 2, examples: [{ id: id("e") }, { id: id("f") }] });
      expect(full.edges[1].node.evidence.coupling.examples).toEqual([{ id: id("b") }]);
    });

    it("reads no examples or shared words for a page without evidence, and the same ranking", async () => {
      const graph = new GraphRepository(t.db);
      const weights = { ...new RelatedWeightsInput() };
      const page = { first: 20, after: null, weights, maxExpansions: DEFAULT_RELATED_MAX_EXPANSIONS, props: ["id", "title"] as const, exampleProps: null };
      const [full] = await graph.findRelatedByPaperIds([id("a")], { ...page, evidence: true });
      const [bare] = await graph.findRelatedByPaperIds([id("a")], { ...page, evidence: false });
      expect(bare.items.map((r) => [r.paper.id, r.score])).toEqual(full.items.map((r) => [r.paper.id, r.score]));
      // The papers without evidence have the properties asked for (read along with the facts); with it, every one.
      expect(bare.items.map((r) => r.paper)).toEqual(full.items.map((r) => ({ id: r.paper.id, title: r.paper.title })));
      expect(Object.keys(full.items[0].paper)).toEqual([...PAPER_PROPERTIES]);
      expect(full.items[0].evidence.coCitation.exampleIds).toEqual([id("e"), id("f")]);
      expect(bare.items.flatMap((r) => Object.values(r.evidence).flatMap((e) => [...e.exampleIds, ...e.terms]))).toEqual([]);
    });

    it("pages through the same order without gaps or repeats, across the G/I tie", async () => {
      const seen: string[] = [];
      let after: string | undefined;
      for (let page = 0; page < 3; page++) {
        const conn = await related("a", { first: 3, after });
        seen.push(...ranking(conn).map((r: any) => r[0]));
        expect(conn.pageInfo.hasNextPage).toBe(page < 2);
        after = conn.pageInfo.endCursor;
      }
      expect(seen).toEqual(expected.map((r) => r[0]));
    });

    it("re-weights: with only direct citations every score is 0.5 and the order is by id", async () => {
      const conn = await related("a", { first: 20, weights: { seeAlso: 0, coCitation: 0, coupling: 0 } });
      expect(ranking(conn)).toEqual([["b", 0.5], ["c", 0.5], ["d", 0.5], ["e", 0.5], ["f", 0.5]]);
      // The signals switched off were not read: their zeros say so, where the signals read say true.
      const reads = conn.edges.map((e: any) => Object.fromEntries(Object.entries(e.node.evidence).map(([s, v]: [string, any]) => [s, v.read])));
      for (const read of reads) expect(read).toEqual({ seeAlso: false, cites: true, citedBy: true, coCitation: false, coupling: false });
      const none = await related("a", { weights: { seeAlso: 0, cites: 0, citedBy: 0, coCitation: 0, coupling: 0 } });
      expect(none.edges).toEqual([]);
      expect(none.totalCount).toBe(0);
    });

    it("never lists a paper as related to itself, even when it cites itself", async () => {
      expect(ranking(await related("k"))).toEqual([["l", 0.5]]);
    });

    it("rejects a negative weight and a foreign cursor", async () => {
      const bad = await server.query(RELATED, { id: id("a"), weights: { cites: -1 } });
      expect(bad.errors![0].extensions!.code).toBe("BAD_USER_INPUT");
      const foreign = Buffer.from(JSON.stringify(["k1", "g:b"])).toString("base64url");
      const res = await server.query(RELATED, { id: id("a"), after: foreign });
      expect(res.errors![0].extensions!.code).toBe("BAD_USER_INPUT");
    });

    it("refuses a cursor of other weights or of another paper's list, and takes one of the same weights written out", async () => {
      const refusal = async (paper: string, after: string, weights: Record<string, number>) => {
        const res = await server.query(RELATED, { id: id(paper), first: 3, after, weights });
        expect(res.data?.paper?.related ?? null).toBeNull();
        expect(res.errors![0].extensions!.code).toBe("BAD_USER_INPUT");
        return res.errors![0].message;
      };
      const coupling = (await related("a", { first: 3, weights: { coupling: 2 } })).pageInfo.endCursor;
      expect(await refusal("a", coupling, { text: 0 })).toMatch(/other weights/);
      expect(await refusal("b", coupling, { coupling: 2 })).toMatch(/another paper/);
      // The effective weights bind the cursor, not how they were written: the defaults spelt out are the defaults.
      const after = (await related("a", { first: 3 })).pageInfo.endCursor;
      const next = await related("a", { first: 3, after, weights: { seeAlso: 1, coupling: 1, text: 0.5 } });
      expect(ranking(next).map((r: any) => r[0])).toEqual(expected.slice(3, 6).map((r) => r[0]));
    });
  });

  describe("neighbourhood", () => {
    async function neighbourhood(vars: Record<string, unknown>) {
      const res = await server.query(NEIGHBOURHOOD, vars);
      expect(res.errors).toBeUndefined();
      const n = res.data!.neighbourhood;
      return { ...n, nodes: n.nodes.map((x: any) => `${x.paper.id.slice(2)}${x.depth}`) };
    }

    it("returns depth-1 nodes (most-cited first), the induced edges and their statistics", async () => {
      const n = await neighbourhood({ ids: [id("a")] });
      // C (5 citations), B (4), D (3), then E, F, H (0) by id.
      expect(n.nodes).toEqual(["a0", "c1", "b1", "d1", "e1", "f1", "h1"]);
      expect(n.truncated).toBe(false);
      const edge = (s: string, kind = "CITES") => ({ from: id(s[0]), to: id(s[2]), kind });
      // Every edge among the seven, G's and I's left out; sorted by from, to.
      expect(n.edges).toEqual([
        edge("a>b"), edge("a>c"), edge("a>d"), edge("a>h", "SEE_ALSO"), edge("b>c"),
        edge("e>a"), edge("e>b"), edge("f>a"), edge("f>b"), edge("f>c"), edge("h>b"),
      ]);
      expect(n.stats.nodeCount).toBe(7);
      expect(n.stats.edgeCount).toBe(11);
      expect(n.stats.nodesByDepth).toEqual([{ depth: 0, count: 1 }, { depth: 1, count: 6 }]);
      // CITES edges by the citing paper's year: B 2005 (1), A 2010 (3), H 2011 (1), E 2015 (2), F 2016 (3).
      expect(n.stats.citationsByYear).toEqual([
        { year: 2005, count: 1 }, { year: 2010, count: 3 }, { year: 2011, count: 1 }, { year: 2015, count: 2 }, { year: 2016, count: 3 },
      ]);
      // Citations from inside: B by A, E, F, H; C by A, B, F; A by E, F; D by A.
      expect(n.stats.topCited).toEqual([
        { count: 4, paper: { id: id("b") } }, { count: 3, paper: { id: id("c") } },
        { count: 2, paper: { id: id("a") } }, { count: 1, paper: { id: id("d") } },
      ]);
    });

    it("walks IN to depth 2 without revisiting, keeping each node at its closest depth", async () => {
      // C's citers: A B F G I; their citers not seen yet: E (of A and B) and H (of B).
      const n = await neighbourhood({ ids: [id("c")], depth: 2, direction: "IN" });
      expect(n.nodes).toEqual(["c0", "b1", "a1", "f1", "g1", "i1", "e2", "h2"]);
      expect(n.stats.nodesByDepth).toEqual([{ depth: 0, count: 1 }, { depth: 1, count: 5 }, { depth: 2, count: 2 }]);
    });

    it("walks OUT and stops where the edges stop", async () => {
      const n = await neighbourhood({ ids: [id("a")], depth: 3, direction: "OUT", edges: ["CITES"] });
      expect(n.nodes).toEqual(["a0", "c1", "b1", "d1"]);
    });

    it("keeps the closest, then most-cited nodes when the limit is hit, and says so", async () => {
      const n = await neighbourhood({ ids: [id("c")], depth: 2, direction: "IN", limit: 4 });
      expect(n.nodes).toEqual(["c0", "b1", "a1", "f1"]);
      expect(n.truncated).toBe(true);
      const exact = await neighbourhood({ ids: [id("c")], depth: 1, direction: "IN", limit: 6 });
      expect(exact.truncated).toBe(false);
    });

    it("follows only the chosen edge kinds and years", async () => {
      expect((await neighbourhood({ ids: [id("a")], edges: ["SEE_ALSO"] })).nodes).toEqual(["a0", "h1"]);
      expect((await neighbourhood({ ids: [id("a")], yearFrom: 2006 })).nodes).toEqual(["a0", "e1", "f1", "h1"]);
      // B (2005) is outside the window, so H (2011), whose only way to C is through B, is not reached either.
      expect((await neighbourhood({ ids: [id("c")], depth: 2, direction: "IN", yearFrom: 2006 })).nodes).toEqual(["c0", "a1", "f1", "g1", "i1", "e2"]);
      expect((await neighbourhood({ ids: [id("c")], depth: 2, direction: "IN", yearTo: 2012 })).nodes).toEqual(["c0", "b1", "a1", "g1", "h2"]);
      // K and L have no year: any window leaves L out, while the seed K is kept whatever its year.
      expect((await neighbourhood({ ids: [id("k")], direction: "OUT" })).nodes).toEqual(["k0", "l1"]);
      expect((await neighbourhood({ ids: [id("k")], direction: "OUT", yearFrom: 0 })).nodes).toEqual(["k0"]);
    });

    it("counts citations by year only from citers with a year", async () => {
      // K cites itself and L: two CITES edges inside, neither from a paper with a year.
      const n = await neighbourhood({ ids: [id("l")], direction: "IN" });
      expect(n.nodes).toEqual(["l0", "k1"]);
      expect(n.stats.edgeCount).toBe(2);
      expect(n.stats.citationsByYear).toEqual([]);
    });

    it("refuses a limit below the number of distinct seeds, which are always kept", async () => {
      const res = await server.query(NEIGHBOURHOOD, { ids: [id("g"), id("i")], limit: 1 });
      expect(res.errors![0].extensions!.code).toBe("BAD_USER_INPUT");
      expect(res.errors![0].message).toBe("Invalid argument: limit (1) must be at least the number of distinct seeds (2), which are always kept.");
      // As many as the seeds: the seeds alone, cut short of their neighbours. Two names of one paper are one seed.
      const seedsOnly = await neighbourhood({ ids: [id("g"), id("i")], limit: 2 });
      expect([seedsOnly.nodes, seedsOnly.truncated]).toEqual([["g0", "i0"], true]);
      const named = await neighbourhood({ ids: [id("g"), id("g")], limit: 1 });
      expect([named.nodes, named.truncated]).toEqual([["g0"], true]);
    });

    it("merges several seeds", async () => {
      const n = await neighbourhood({ ids: [id("g"), id("i")], direction: "OUT" });
      expect(n.nodes).toEqual(["g0", "i0", "c1", "d1"]);
    });
  });

  describe("citationPath", () => {
    async function paths(vars: Record<string, unknown>) {
      const res = await server.query(PATH, vars);
      expect(res.errors).toBeUndefined();
      return res.data!.citationPath.map((p: any) => p.papers.map((x: any) => x.id.slice(2)).join(""));
    }

    it("finds every shortest undirected path, in id order", async () => {
      // E's neighbours {A, B}, G's {C, D}; no common neighbour; A-C, A-D, B-C are edges, B-D is not.
      expect(await paths({ from: id("e"), to: id("g") })).toEqual(["eacg", "eadg", "ebcg"]);
      const res = await server.query(PATH, { from: id("e"), to: id("g") });
      expect(res.data!.citationPath[0]).toMatchObject({
        length: 3,
        edges: [{ from: id("e"), to: id("a"), kind: "CITES" }, { from: id("a"), to: id("c"), kind: "CITES" }, { from: id("g"), to: id("c"), kind: "CITES" }],
      });
    });

    it("follows edge directions when directed, and answers [] when nothing is within maxDepth", async () => {
      expect(await paths({ from: id("e"), to: id("c"), directed: true })).toEqual(["eac", "ebc"]);
      expect(await paths({ from: id("e"), to: id("g"), directed: true })).toEqual([]);
      expect(await paths({ from: id("e"), to: id("g"), maxDepth: 2 })).toEqual([]);
      expect(await paths({ from: id("h"), to: id("a"), edges: ["SEE_ALSO"] })).toEqual(["ha"]);
      expect(await paths({ from: id("h"), to: id("a"), edges: ["CITES"] })).toEqual(["hba"]);
    });
  });

  describe("analytics", () => {
    it("counts citations per year of the citing papers", async () => {
      const res = await server.query(`{ paper(id: "g:b") { citationsByYear { year count } citationCount } }`);
      expect(res.data!.paper).toEqual({
        citationsByYear: [{ year: 2010, count: 1 }, { year: 2011, count: 1 }, { year: 2015, count: 1 }, { year: 2016, count: 1 }],
        citationCount: 4,
      });
      // L's one citer, K, has no year: counted in citationCount, not by year.
      const l = await server.query(`{ paper(id: "g:l") { citationsByYear { year count } citationCount } }`);
      expect(l.data!.paper).toEqual({ citationsByYear: [], citationCount: 1 });
    });

    it("ranks the most-cited papers, optionally within years", async () => {
      const res = await server.query(`{ all: topCited(first: 3) { count paper { id } }
        window: topCited(yearFrom: 2001, yearTo: 2010) { count paper { id } } }`);
      const ids = (list: any[]) => list.map((r) => `${r.paper.id.slice(2)}${r.count}`);
      expect(ids(res.data!.all)).toEqual(["c5", "b4", "d3"]);
      // C (2000) is outside; K cites itself and L once, but neither has a year.
      expect(ids(res.data!.window)).toEqual(["b4", "d3", "a2"]);
    });

    it("ranks prior and derivative works of a seed set, seeds left out", async () => {
      const res = await server.query(`{ prior: priorWorks(ids: ["g:a", "g:f"]) { count paper { id } }
        derived: derivativeWorks(ids: ["g:c", "g:d"], first: 4) { count paper { id } } }`);
      const ids = (list: any[]) => list.map((r) => `${r.paper.id.slice(2)}${r.count}`);
      // A cites B C D, F cites A B C; A is a seed.
      expect(ids(res.data!.prior)).toEqual(["b2", "c2", "d1"]);
      // C is cited by A B F G I, D by A G I.
      expect(ids(res.data!.derived)).toEqual(["a2", "g2", "i2", "b1"]);
    });
  });

  describe("input limits", () => {
    const code = (res: any) => res.errors?.[0]?.extensions?.code;

    it.each([
      ["depth 4", NEIGHBOURHOOD, { ids: ["g:a"], depth: 4 }],
      ["limit 5001", NEIGHBOURHOOD, { ids: ["g:a"], limit: 5001 }],
      ["an empty id list", NEIGHBOURHOOD, { ids: [] }],
      ["an unknown seed", NEIGHBOURHOOD, { ids: ["g:a", "g:nope"] }],
      ["no edge kinds", NEIGHBOURHOOD, { ids: ["g:a"], edges: [] }],
      ["maxDepth 7", PATH, { from: "g:a", to: "g:b", maxDepth: 7 }],
      ["from == to", PATH, { from: "g:a", to: "g:a" }],
      ["an unknown end", PATH, { from: "g:a", to: "g:nope" }],
    ])("rejects %s with BAD_USER_INPUT", async (_name, doc, vars) => {
      const res = await server.query(doc, vars);
      expect(code(res)).toBe("BAD_USER_INPUT");
      expect(res.errors![0].message.length).toBeGreaterThan(10);
    });

    it("rejects a year window that ends before it starts, in neighbourhood and topCited, naming both bounds", async () => {
      const refused = [
        await server.query(NEIGHBOURHOOD, { ids: [id("a")], yearFrom: 2000, yearTo: 1998 }),
        await server.query(`{ topCited(yearFrom: 2010, yearTo: 2000) { count } }`),
      ];
      expect(refused.map((res) => [code(res), res.errors![0].message])).toEqual([
        ["BAD_USER_INPUT", "Invalid argument: yearFrom (2000) must not be after yearTo (1998): the window would hold nothing."],
        ["BAD_USER_INPUT", "Invalid argument: yearFrom (2010) must not be after yearTo (2000): the window would hold nothing."],
      ]);
      // A window of one year is a window: B (2005, cited 4 times) alone.
      const one = await server.query(`{ topCited(yearFrom: 2005, yearTo: 2005) { count paper { id } } }`);
      expect(one.data!.topCited).toEqual([{ count: 4, paper: { id: id("b") } }]);
    });

    it("rejects empty or unknown seed sets of priorWorks and derivativeWorks", async () => {
      expect(code(await server.query(`{ priorWorks(ids: []) { count } }`))).toBe("BAD_USER_INPUT");
      expect(code(await server.query(`{ derivativeWorks(ids: ["g:nope"]) { count } }`))).toBe("BAD_USER_INPUT");
    });
  });
});

const TEXT_EVIDENCE = `
  query Related($id: ID!, $first: Int) {
    paper(id: $id) { related(first: $first) {
      totalCount
      edges { node { paper { id stub } score evidence { seeAlso { count } coCitation { count } cites { count } citedBy { count }
        text { read count normalized contribution terms } } } }
    } } }`;

/**
 * Both ways of computing a first page with evidence, the server's (GraphRepository) and the one statement B and C of
 * the benchmark run (bench/related-statement.ts), reduced to what the text signal says: they must agree.
 */
async function bothWays(t: TestDatabase, paper: string, first: number) {
  const page = { first, after: null, weights: { ...new RelatedWeightsInput() }, maxExpansions: DEFAULT_RELATED_MAX_EXPANSIONS };
  const [group] = await new GraphRepository(t.db).findRelatedByPaperIds([paper], { ...page, evidence: true, props: PAPER_PROPERTIES, exampleProps: null });
  const server = {
    total: group.total,
    items: group.items.map((i) => [i.paper.id, i.evidence.text.count, i.evidence.text.terms, i.evidence.text.normalized]),
  };
  const [row] = await t.db.read(RELATED_STATEMENT, relatedStatementParams([paper], page));
  const statement = {
    total: row.total,
    items: (row.items as Array<Record<string, any>>).map((i) => [
      paperFromValues(i.paper, PAPER_PROPERTIES).id, i.sharedTerms.length, i.sharedTerms.slice(0, MAX_TEXT_TERMS), i.norms[5],
    ]),
  };
  expect(statement).toEqual(server);
  return server;
}

describe("the text signal's words, for a related paper outside its hits", () => {
  // P's three words are the whole title of 60 near copies, which take the title index's 50 best hits (P itself is
  // the best, being the shortest); Q shares one of them and is related by co-citation alone (C cites both), so it
  // ranks first without being a text hit. No paper has an abstract, so the abstract index has no hits.
  const P = "w:p";
  const Q = "w:q";
  let t: TestDatabase;
  let server: TestServer;

  beforeAll(async () => {
    t = await openTestDatabase();
    await t.reset();
    const copies = Array.from({ length: 60 }, (_, n) => ({ id: `w:copy-${n}`, title: `Widget gadget theory, part ${n}` }));
    await t.ingest.upsertPapers([{ id: P, title: "Widget gadget theory" }, { id: Q, title: "Widget networks" }, { id: "w:c", title: "Citing both" }, ...copies]);
    await t.ingest.upsertCitations([{ from: "w:c", to: P }, { from: "w:c", to: Q }]);
    server = await startTestServer(t);
  });
  afterAll(async () => {
    await server.close();
    await t.close();
  });

  it("counts the words it shares, with a text value of 0 since it is not a hit", async () => {
    const res = await server.query(TEXT_EVIDENCE, { id: P, first: 1 });
    expect(res.errors).toBeUndefined();
    const conn = res.data!.paper.related;
    const [q] = conn.edges.map((e: any) => e.node);
    expect(q.paper.id).toBe(Q);
    expect(q.evidence.coCitation.count).toBe(1);
    expect(q.evidence.text).toEqual({ read: true, count: 1, terms: ["widget"], normalized: 0, contribution: 0 });
    // The list: Q and C (which cites P) for their edges, and the title index's 50 best hits less P itself.
    expect(conn.totalCount).toBe(2 + 49);
    const page = await bothWays(t, P, 1);
    expect(page.items).toEqual([[Q, 1, ["widget"], 0]]);
  });
});

describe("the text signal and stubs, on the seed", () => {
  // Stubs stand for papers known only by a reference to them. The importer titles a cited work it does not know by
  // its identifier (doi:10.1103/physrevd.12.345), a summary's link by the link's text; neither is the paper's wording.
  const RESNET = "journals/corr/1512.03385";
  const DRAW = "journals/corr/1502.04623";
  const DCGAN = "journals/corr/1511.06434";
  const CITED = { [RESNET]: "10.1103/physrevd.12.345", [DRAW]: "10.1103/physrevd.67.890", [DCGAN]: "10.1103/physrevd.11.111" };
  let t: TestDatabase;
  let server: TestServer;
  let linked: string;

  beforeAll(async () => {
    t = await openTestDatabase();
    await t.reset();
    await t.seedShortScience();
    const at = { file: "stubs", location: "test" };
    const items: ImportItem[] = Object.entries(CITED).map(([paper, doi]) => ({
      kind: "citation", ...at, citation: { from: { arxiv: paper.slice("journals/corr/".length) }, to: { doi } },
    }));
    expect(await importItems(t.db, "stubs", "dataset", (async function* () { yield* items; })())).toMatchObject({ stubs: 3, citationsCreated: 3 });
    server = await startTestServer(t);
    // A summary of DRAW links to a paper nobody has loaded as "see also", under the words of ResNet's title: a stub
    // joined to DRAW by the see-also edge, whose title shares "image" with DRAW's ("... for Image Generation").
    const added = await server.query(
      `mutation($paperId: ID!, $body: String!) { addSummary(paperId: $paperId, body: $body) { mentions { id title stub } } }`,
      { paperId: DRAW, body: "See also [deep residual networks for image recognition](https://arxiv.org/abs/1707.01083)." },
      await asCurator(),
    );
    expect(added.errors).toBeUndefined();
    [linked] = added.data!.addSummary.mentions.filter((m: any) => m.stub).map((m: any) => m.id);
    expect(linked).toBeDefined();
  });
  afterAll(async () => {
    await server.close();
    await t.close();
  });

  it("gives a stub no query words: its related papers are those of its edges", async () => {
    const stub = `doi:${CITED[RESNET]}`;
    const titles = await t.db.read(`MATCH (p:Paper {stub: true}) WHERE p.id STARTS WITH "doi:" RETURN p.title AS title ORDER BY title`);
    // Their titles share "doi" and "physrevd", which would relate each one to the others by wording.
    expect(titles.map((r) => r.title)).toEqual(Object.values(CITED).map((doi) => `doi:${doi}`).sort());
    const res = await server.query(TEXT_EVIDENCE, { id: CITED[RESNET], first: 10 });
    expect(res.errors).toBeUndefined();
    const conn = res.data!.paper.related;
    expect(conn.totalCount).toBe(1);
    expect(conn.edges.map((e: any) => [e.node.paper.id, e.node.evidence.citedBy.count, e.node.evidence.text])).toEqual([
      [RESNET, 1, { read: true, count: 0, terms: [], normalized: 0, contribution: 0 }],
    ]);
    expect((await bothWays(t, stub, 10)).items).toEqual([[RESNET, 0, [], 0]]);
  });

  it("never lists a stub for its title's words, and reads no words of a stub listed for its edges", async () => {
    const res = await server.query(TEXT_EVIDENCE, { id: RESNET, first: 50 });
    expect(res.errors).toBeUndefined();
    const listed = res.data!.paper.related.edges.map((e: any) => e.node);
    const ids = listed.map((n: any) => n.paper.id);
    expect(ids).not.toContain(linked);
    // Papers with ResNet's words are listed by them (Bayesian Compression for Deep Learning: deep, learning).
    expect(listed.find((n: any) => n.paper.id === "journals/corr/1705.08665").evidence.text.terms).toEqual(["learning", "deep"]);
    expect(listed.filter((n: any) => n.paper.stub && n.evidence.text.normalized > 0)).toEqual([]);
    expect((await bothWays(t, RESNET, 50)).items.map((i) => i[0])).toEqual(ids);
    // DRAW lists the stub for its see-also edge, and the stub shares none of DRAW's words.
    const draw = await server.query(TEXT_EVIDENCE, { id: DRAW, first: 50 });
    expect(draw.errors).toBeUndefined();
    const seeAlso = draw.data!.paper.related.edges.map((e: any) => e.node).find((n: any) => n.paper.id === linked);
    expect(seeAlso.evidence.seeAlso.count).toBe(1);
    expect(seeAlso.evidence.text).toEqual({ read: true, count: 0, terms: [], normalized: 0, contribution: 0 });
    expect((await bothWays(t, DRAW, 50)).items.find((i) => i[0] === linked)).toEqual([linked, 0, [], 0]);
  });
});
