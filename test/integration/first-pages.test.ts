// First pages read with the list (src/papers/first-pages.ts): a papers query that asks each paper's first
// summaries, references or citers once reads them in the list's own statement, and answers exactly what the
// loaders answer when the same lists are not folded (asked twice under two aliases, which the fold leaves alone).
import type { TestDatabase } from "../helpers/database";
import { openTestDatabase } from "../helpers/database";
import { fixtureId, seedPapers } from "../helpers/fixtures";
import { GraphQLResponse, startSeededServer, startTestServer, stopSeededServer, TestServer } from "../helpers/server";

// The benchmark's Q3 (bench/operations.ts), one statement when folded.
const Q3 = `query Q3($ids: [ID!]) { papers(ids: $ids, first: 100) { edges { node { id title
  summaries(first: 5) { id body } references(first: 10) { id title } } } } }`;

/** Paper fields with the three lists at the given sizes; `twice` asks each list a second time under an alias. */
function lists(sizes: { summaries: number; references: number; citedBy: number }, twice: boolean): string {
  const selection = {
    summaries: `summaries(first: ${sizes.summaries}) { id body votes createdAt author { name } }`,
    references: `references(first: ${sizes.references}) { id title year }`,
    citedBy: `citedBy(first: ${sizes.citedBy}) { id title }`,
  };
  const again = twice ? `again_s: ${selection.summaries} again_r: ${selection.references} again_c: ${selection.citedBy}` : "";
  return `id title ${selection.summaries} ${selection.references} ${selection.citedBy} ${again}`;
}

/** A response's data with the aliased repeats taken out. */
function withoutRepeats(res: GraphQLResponse): unknown {
  return JSON.parse(JSON.stringify(res.data), (key, value) => (key.startsWith("again_") ? undefined : value));
}

/**
 * Runs `query` with `extra` (its last Paper fields) empty, folded into one statement, and with `again` there, which
 * leaves the paper's lists to the loaders (`loadedTrips` statements); checks both answer the same and returns the
 * folded answer's data.
 */
async function foldedAsLoaded(query: (extra: string) => Promise<GraphQLResponse>, again: string, loadedTrips: number) {
  const folded = await query("");
  expect(folded.errors).toBeUndefined();
  expect(folded.extensions!.cypherRoundTrips).toBe(1);
  const loaded = await query(again);
  expect(loaded.errors).toBeUndefined();
  expect(loaded.extensions!.cypherRoundTrips).toBe(loadedTrips);
  expect(withoutRepeats(folded)).toEqual(withoutRepeats(loaded));
  return folded.data!;
}

/** Runs `papers(<args>)` folded and not folded, checks the two answers agree and returns the folded one. */
async function compare(server: TestServer, args: string, sizes: { summaries: number; references: number; citedBy: number }) {
  const query = (twice: boolean) => server.query(`{ papers(${args}) { pageInfo { hasNextPage endCursor } edges { cursor node { ${lists(sizes, twice)} } } } }`);
  const folded = await query(false);
  const loaded = await query(true);
  expect(folded.errors).toBeUndefined();
  expect(loaded.errors).toBeUndefined();
  expect(withoutRepeats(folded)).toEqual(withoutRepeats(loaded));
  // Folded: the list alone. Not folded: the list, then one batch per loader and page (references and citedBy of one
  // size share one).
  expect(folded.extensions!.cypherRoundTrips).toBe(1);
  expect(loaded.extensions!.cypherRoundTrips).toBe(sizes.references === sizes.citedBy ? 3 : 4);
  return folded.data!.papers.edges.map((e: any) => e.node);
}

describe("first pages read with the list", () => {
  describe("on the ShortScience seed", () => {
    let t: TestDatabase;
    let server: TestServer;

    beforeAll(async () => ({ t, server } = await startSeededServer()));
    afterAll(() => stopSeededServer({ t, server }));

    it("answers the benchmark's Q3 in one statement, as the loaders would", async () => {
      const all = await server.query(`{ papers(first: 100) { edges { node { id } } } }`);
      const ids = all.data!.papers.edges.map((e: any) => e.node.id);
      const folded = await server.query(Q3, { ids });
      expect(folded.errors).toBeUndefined();
      expect(folded.extensions!.cypherRoundTrips).toBe(1);
      const loaded = await server.query(Q3.replace("references(first: 10) { id title }", "references(first: 10) { id title } again_r: references(first: 10) { id }").replace("summaries(first: 5) { id body }", "summaries(first: 5) { id body } again_s: summaries(first: 5) { id }"), { ids });
      expect(loaded.extensions!.cypherRoundTrips).toBe(3);
      expect(withoutRepeats(folded)).toEqual(withoutRepeats(loaded));
      const nodes = folded.data!.papers.edges.map((e: any) => e.node);
      expect(nodes.some((n: any) => n.summaries.length > 0)).toBe(true);
      expect(nodes.some((n: any) => n.references.length > 0)).toBe(true);
    });

    it("answers the same at a page size of one", async () => {
      const nodes = await compare(server, "first: 100", { summaries: 1, references: 1, citedBy: 1 });
      expect(nodes.some((n: any) => n.summaries.length === 1 && n.references.length + n.citedBy.length > 0)).toBe(true);
    });

    it("folds into the ordered and filtered lists too", async () => {
      await compare(server, "first: 30, orderBy: CITATIONS", { summaries: 2, references: 3, citedBy: 3 });
      await compare(server, "first: 30, filter: { hasSummary: true }, orderBy: TITLE", { summaries: 1, references: 2, citedBy: 2 });
    });
  });

  describe("on a synthetic graph (paper i cites i+1..i+12; every third paper has two summaries)", () => {
    let t: TestDatabase;
    let server: TestServer;

    beforeAll(async () => {
      t = await openTestDatabase();
      await t.reset();
      await seedPapers(t.ingest, 120);
      server = await startTestServer(t);
    });
    afterAll(async () => {
      await server.close();
      await t.close();
    });

    it("reads each paper's first pages in order and cut at the page size, on a later page of the list and for given ids", async () => {
      const first = await compare(server, "first: 10", { summaries: 1, references: 5, citedBy: 5 });
      expect(first[3].summaries.map((s: any) => s.id)).toEqual(["test/s3-0"]);
      expect(first[3].references.map((r: any) => r.id)).toEqual([4, 5, 6, 7, 8].map(fixtureId));
      // Paper 3 is cited by 111..119 and 0..2: ids in order, the first five.
      expect(first[3].citedBy.map((r: any) => r.id)).toEqual([0, 1, 2, 111, 112].map(fixtureId));
      const cursor = (await server.query(`{ papers(first: 10) { pageInfo { endCursor } } }`)).data!.papers.pageInfo.endCursor;
      const later = await compare(server, `first: 10, after: "${cursor}"`, { summaries: 2, references: 12, citedBy: 1 });
      expect(later[2]).toMatchObject({ id: fixtureId(12), summaries: [{ id: "test/s12-0" }, { id: "test/s12-1" }] });
      expect(later[2].references).toHaveLength(12);
      const ids = `ids: ["${fixtureId(9)}", "${fixtureId(0)}", "no/such/paper"], first: 5`;
      const named = await compare(server, ids, { summaries: 3, references: 2, citedBy: 2 });
      expect(named.map((n: any) => n.id)).toEqual([fixtureId(0), fixtureId(9)]);
      expect(named[1].summaries.map((s: any) => s.body)).toEqual(["Summary 0 of paper 9", "Summary 1 of paper 9"]);
    });

    it("reads the first pages of a first page's papers too: the benchmark's Q4 in one statement, as the loaders would", async () => {
      const level = (extra: string) => `id title references(first: 4) { id title } citedBy(first: 3) { id } ${extra}`;
      const q4 = (extra: string) => server.query(`query Q4($id: ID!) { paper(id: $id) { id
        references(first: 5) { ${level("summaries(first: 1) { id body }")} } citedBy(first: 5) { ${level("")} } ${extra} } }`, { id: fixtureId(20) });
      // Asked twice, the paper's own lists are left to the loader, and so are their papers' lists: the paper (1),
      // its lists (1), theirs: references, citers and summaries, each page size its own batch (3).
      const { paper } = await foldedAsLoaded(q4, "again_r: references(first: 5) { id } again_c: citedBy(first: 5) { id }", 5);
      const ids = (xs: Array<{ id: string }>) => xs.map((x) => x.id);
      // Paper i cites i+1..i+12 and is cited by i-12..i-1.
      expect(ids(paper.references)).toEqual([21, 22, 23, 24, 25].map(fixtureId));
      expect(ids(paper.citedBy)).toEqual([8, 9, 10, 11, 12].map(fixtureId));
      expect(ids(paper.references[1].references)).toEqual([23, 24, 25, 26].map(fixtureId));
      expect(ids(paper.references[1].citedBy)).toEqual([10, 11, 12].map(fixtureId));
      expect(ids(paper.references[0].summaries)).toEqual(["test/s21-0"]);
      expect(paper.references[1].summaries).toEqual([]);
      expect(ids(paper.citedBy[4].references)).toEqual([13, 14, 15, 16].map(fixtureId));
      expect(ids(paper.citedBy[0].citedBy)).toEqual([0, 1, 2].map(fixtureId));
    });

    it("cuts each nested page at its own size, whichever list it is under", async () => {
      const q = (extra: string) => server.query(`{ paper(id: "${fixtureId(20)}") {
        references(first: 3) { id summaries(first: 1) { id } references(first: 2) { id } }
        citedBy(first: 3) { id summaries(first: 2) { id } references(first: 4) { id } } ${extra} } }`);
      // Not folded: the paper (1), its lists (1), and one batch per list and size below them (4).
      const { paper } = await foldedAsLoaded(q, "again_r: references(first: 3) { id } again_c: citedBy(first: 3) { id }", 6);
      const { references, citedBy } = paper;
      // Papers 21 and 9 have two summaries each (every third paper).
      expect(references[0]).toEqual({ id: fixtureId(21), summaries: [{ id: "test/s21-0" }], references: [22, 23].map((i) => ({ id: fixtureId(i) })) });
      expect(citedBy[1]).toEqual({ id: fixtureId(9), summaries: [{ id: "test/s9-0" }, { id: "test/s9-1" }], references: [10, 11, 12, 13].map((i) => ({ id: fixtureId(i) })) });
    });

    it("folds two levels of lists and leaves the third to the loaders, one statement per level", async () => {
      const res = await server.query(`{ paper(id: "${fixtureId(40)}") { references(first: 2) { id
        references(first: 2) { id references(first: 2) { id } citedBy(first: 2) { id } } } } }`);
      expect(res.errors).toBeUndefined();
      // The paper with two levels (1), the third level's both directions in one batch (1).
      expect(res.extensions!.cypherRoundTrips).toBe(2);
      const second = res.data!.paper.references[1].references;
      expect(second.map((r: any) => r.id)).toEqual([43, 44].map(fixtureId));
      expect(second[1].references.map((r: any) => r.id)).toEqual([45, 46].map(fixtureId));
      expect(second[1].citedBy.map((r: any) => r.id)).toEqual([32, 33].map(fixtureId));
    });

    it("reads a paper's first pages with the paper: the benchmark's Q2 in one statement", async () => {
      const q2 = (extra: string) => server.query(`query Q2($id: ID!) { paper(id: $id) { id title
        summaries(first: 20) { id body votes author { name } } ${extra} } }`, { id: fixtureId(3) });
      const folded = await foldedAsLoaded(q2, "again_s: summaries(first: 20) { id }", 2);
      expect(folded.paper.summaries.map((s: any) => s.author.name)).toEqual(["Writer 0", "Writer 1"]);
      // All three lists, each cut at its page; an unknown paper is null, with nothing to read along.
      const all = await server.query(`{ paper(id: "${fixtureId(3)}") { ${lists({ summaries: 1, references: 2, citedBy: 2 }, false)} } }`);
      expect(all.errors).toBeUndefined();
      expect(all.extensions!.cypherRoundTrips).toBe(1);
      const none = await server.query(`{ paper(id: "no/such/paper") { id summaries(first: 1) { id } } }`);
      expect(none.errors).toBeUndefined();
      expect(none.data!.paper).toBeNull();
      expect(all.data!.paper.summaries.map((s: any) => s.id)).toEqual(["test/s3-0"]);
      expect(all.data!.paper.references.map((r: any) => r.id)).toEqual([4, 5].map(fixtureId));
      expect(all.data!.paper.citedBy.map((r: any) => r.id)).toEqual([0, 1].map(fixtureId));
    });

    it("leaves a later page of a nested list, or a size out of bounds, to the field", async () => {
      const later = await server.query(`{ papers(first: 5) { edges { node { references(first: 2, after: "${fixtureId(2)}") { id } } } } }`);
      expect(later.errors).toBeUndefined();
      expect(later.extensions!.cypherRoundTrips).toBe(2);
      expect(later.data!.papers.edges[0].node.references.map((r: any) => r.id)).toEqual([3, 4].map(fixtureId));
      const tooMany = await server.query(`{ papers(first: 5) { edges { node { summaries(first: 1000) { id } } } } }`);
      expect(tooMany.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    });

    it("reads the first pages of search hits' papers with the hits", async () => {
      const res = await server.query(`{ search(query: "Paper", fields: [TITLE], first: 5) { edges { node { paper { id
        summaries(first: 1) { id } references(first: 2) { id } citedBy(first: 2) { id } } } } } }`);
      expect(res.errors).toBeUndefined();
      expect(res.extensions!.cypherRoundTrips).toBe(1);
      for (const { node } of res.data!.search.edges) {
        const i = Number(node.paper.id.slice(-4));
        expect(node.paper.references.map((r: any) => r.id)).toEqual([i + 1, i + 2].map((k) => fixtureId(k % 120)).sort());
        expect(node.paper.summaries).toHaveLength(i % 3 === 0 ? 1 : 0);
      }
    });
  });
});
