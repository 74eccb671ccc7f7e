// Full-text search (hits with score and matched field; hostile Lucene syntax never errors) and the papers list's
// filter and orderings, each paged to the end to prove the keyset cursors neither skip nor repeat.
import type { TestDatabase } from "../helpers/database";
import { startSeededServer, stopSeededServer, TestServer } from "../helpers/server";
import { seedPapers } from "../helpers/fixtures";

const SEARCH = `query($q: String!, $first: Int, $after: String) {
  search(query: $q, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor }
    edges { node { score field paper { id } summary { id } } } } }`;

const PAPERS = `query($first: Int, $after: String, $orderBy: PaperOrder, $filter: PaperFilterInput) {
  papers(first: $first, after: $after, orderBy: $orderBy, filter: $filter) { totalCount pageInfo { hasNextPage endCursor }
    edges { node { id title year citationCount } } } }`;

describe("search and the papers list", () => {
  let t: TestDatabase;
  let server: TestServer;

  beforeAll(async () => ({ t, server } = await startSeededServer()));
  afterAll(() => stopSeededServer({ t, server }));

  describe("search", () => {
    it("finds titles and summary bodies, with a score and the field that matched, best first", async () => {
      const res = await server.query(SEARCH, { q: "residual residuals" });
      expect(res.errors).toBeUndefined();
      const hits = res.data!.search.edges.map((e: any) => e.node);
      expect(hits.map((h: any) => [h.field, h.paper.id, h.summary?.id ?? null])).toEqual(
        expect.arrayContaining([
          ["TITLE", "journals/corr/1512.03385", null],
          ["SUMMARY", "journals/corr/1512.03385", "shortscience/resnet"],
        ]),
      );
      const scores = hits.map((h: any) => h.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      expect(scores.every((s: number) => s > 0)).toBe(true);
      expect(res.data!.search.totalCount).toBe(hits.length);
    });

    it("searches only the fields asked for", async () => {
      const q = `query($q: String!, $fields: [SearchField!]) { search(query: $q, fields: $fields) { totalCount edges { node { field } } } }`;
      const titles = await server.query(q, { q: "residual residuals", fields: ["TITLE"] });
      expect(titles.data!.search.edges.map((e: any) => e.node.field)).toEqual(["TITLE"]);
      expect(titles.data!.search.totalCount).toBe(1);
      const summaries = await server.query(q, { q: "residual residuals", fields: ["SUMMARY", "SUMMARY"] });
      expect(summaries.data!.search.edges.map((e: any) => e.node.field)).toEqual(["SUMMARY"]);
      const none = await server.query(q, { q: "residual", fields: [] });
      expect(none.errors![0].extensions!.code).toBe("BAD_USER_INPUT");
    });

    it("matches abstracts", async () => {
      await t.ingest.upsertPapers([{ id: "test/abs", title: "Untitled", abstract: "A study of holographic entanglement." }]);
      const res = await server.query(SEARCH, { q: "holographic" });
      expect(res.data!.search.edges.map((e: any) => [e.node.field, e.node.paper.id])).toEqual([["ABSTRACT", "test/abs"]]);
    });

    it("pages through every hit once", async () => {
      const all = await server.query(SEARCH, { q: "networks neural the image", first: 100 });
      const expected = all.data!.search.edges.map((e: any) => `${e.node.field} ${e.node.summary?.id ?? e.node.paper.id}`);
      expect(expected.length).toBeGreaterThan(4);
      const paged: string[] = [];
      let after: string | undefined;
      do {
        const page: any = await server.query(SEARCH, { q: "networks neural the image", first: 2, after });
        paged.push(...page.data.search.edges.map((e: any) => `${e.node.field} ${e.node.summary?.id ?? e.node.paper.id}`));
        after = page.data.search.pageInfo.hasNextPage ? page.data.search.pageInfo.endCursor : undefined;
      } while (after);
      expect(paged).toEqual(expected);
    });

    it.each([
      "title:(", '"', "*", "~", "title:(residual", '"unclosed phrase', "residual~2", "res*al", "AND", "OR NOT", "\\", "/regex[/",
      "a:b:c", "[1 TO 5}", "{!local}", "&& || !", "^2", "(((", "))", "'; DROP", "\u0000", "-", "+residual",
    ])("treats %p as text: no error, no 500", async (q) => {
      const res = await server.query(SEARCH, { q });
      expect(res.status).toBe(200);
      expect(res.errors).toBeUndefined();
      expect(Array.isArray(res.data!.search.edges)).toBe(true);
    });

    it("still finds the words inside hostile syntax", async () => {
      const res = await server.query(SEARCH, { q: 'title:(residual" *~' });
      expect(res.data!.search.edges.map((e: any) => e.node.paper.id)).toContain("journals/corr/1512.03385");
    });

    it("reads the hits' first summaries with the hits, in one statement, as Paper.summaries lists them", async () => {
      const hits = (selection: string) => server.query(`{ search(query: "residual residuals networks", first: 10) {
        edges { node { field paper { id ${selection} } } } } }`);
      const ahead = await hits("summaries(first: 1) { id body author { name } }");
      expect(ahead.errors).toBeUndefined();
      expect(ahead.extensions!.cypherRoundTrips).toBe(1);
      // The same field asked twice is left to Paper.summaries and its loader: the search, then one page each.
      const loaded = await hits("summaries(first: 1) { id body author { name } } more: summaries(first: 2) { id }");
      expect(loaded.errors).toBeUndefined();
      expect(loaded.extensions!.cypherRoundTrips).toBe(3);
      const firstSummaries = (res: typeof ahead) => res.data!.search.edges.map((e: any) => [e.node.paper.id, e.node.paper.summaries]);
      expect(firstSummaries(ahead)).toEqual(firstSummaries(loaded));
      expect(firstSummaries(ahead).some(([, s]: [string, unknown[]]) => s.length === 1)).toBe(true);
      expect(firstSummaries(ahead).some(([, s]: [string, unknown[]]) => s.length === 0)).toBe(true);
      // A page size out of bounds is the field's own BAD_USER_INPUT, not a read ahead.
      const tooMany = await hits("summaries(first: 1000) { id }");
      expect(tooMany.errors![0].extensions!.code).toBe("BAD_USER_INPUT");
    });

    it("rejects an empty or overlong query and a foreign cursor as BAD_USER_INPUT", async () => {
      for (const vars of [{ q: "" }, { q: "x".repeat(501) }, { q: "residual", after: "bm90IGEgY3Vyc29y" }]) {
        const res = await server.query(SEARCH, vars);
        expect(res.errors![0].extensions!.code).toBe("BAD_USER_INPUT");
      }
      const idCursor = (await server.query(PAPERS, { first: 1 })).data!.papers.pageInfo.endCursor;
      const res = await server.query(SEARCH, { q: "residual", after: idCursor });
      expect(res.errors![0].extensions!.code).toBe("BAD_USER_INPUT");
    });

    it("refuses a cursor of a search for other words or fields, and takes one of the same words and fields written otherwise", async () => {
      const SEARCH_IN = `query($q: String!, $fields: [SearchField!], $after: String) {
        search(query: $q, fields: $fields, first: 2, after: $after) { pageInfo { endCursor } edges { node { field paper { id } summary { id } } } } }`;
      const page = async (vars: Record<string, unknown>) => {
        const res = await server.query(SEARCH_IN, vars);
        expect(res.errors).toBeUndefined();
        return res.data!.search;
      };
      const hits = (p: any) => p.edges.map((e: any) => `${e.node.field} ${e.node.summary?.id ?? e.node.paper.id}`);
      const refusal = async (vars: Record<string, unknown>) => {
        const res = await server.query(SEARCH_IN, vars);
        expect(res.data?.search ?? null).toBeNull();
        expect(res.errors![0].extensions!.code).toBe("BAD_USER_INPUT");
        return res.errors![0].message;
      };
      const words = "networks neural the image";
      const after = (await page({ q: words })).pageInfo.endCursor;
      const next = hits(await page({ q: words, after }));
      expect(next).toHaveLength(2);
      // Other words, even ones that share the first page's hits, or other fields: another list, refused.
      expect(await refusal({ q: "networks neural", after })).toMatch(/belongs to a search for other words/);
      expect(await refusal({ q: "!!!", after })).toMatch(/belongs to a search for other words/);
      expect(await refusal({ q: words, fields: ["TITLE", "SUMMARY"], after })).toMatch(/belongs to a search of other fields/);
      // The same search: the words as searched (case and punctuation aside) and the set of fields, however written.
      expect(hits(await page({ q: "Networks, NEURAL; the image!", after }))).toEqual(next);
      expect(hits(await page({ q: words, fields: ["SUMMARY", "ABSTRACT", "TITLE"], after }))).toEqual(next);
      const titles = (await page({ q: words, fields: ["TITLE", "SUMMARY"] })).pageInfo.endCursor;
      const titlesNext = await page({ q: words, fields: ["TITLE", "SUMMARY"], after: titles });
      expect(titlesNext.edges.length).toBeGreaterThan(0);
      expect(await page({ q: words, fields: ["SUMMARY", "TITLE"], after: titles })).toEqual(titlesNext);
      expect(await refusal({ q: words, after: titles })).toMatch(/belongs to a search of other fields/);
    });
  });

  describe("papers(filter, orderBy)", () => {
    beforeAll(async () => {
      await t.reset();
      await seedPapers(t.ingest, 60, 3); // years 2000..2019, every third paper has summaries, Author i%7
      // Uneven citation counts: paper i gets i % 5 extra citations from the first papers.
      const extra = [];
      for (let i = 10; i < 60; i++) for (let k = 0; k < i % 5; k++) extra.push({ from: `test/p${String(k).padStart(4, "0")}`, to: `test/p${String(i).padStart(4, "0")}` });
      await t.ingest.upsertCitations(extra);
    });

    async function pageAll(vars: Record<string, unknown>): Promise<any[]> {
      const nodes: any[] = [];
      let after: string | undefined;
      do {
        const res: any = await server.query(PAPERS, { ...vars, first: 7, after });
        expect(res.errors).toBeUndefined();
        nodes.push(...res.data.papers.edges.map((e: any) => e.node));
        after = res.data.papers.pageInfo.hasNextPage ? res.data.papers.pageInfo.endCursor : undefined;
      } while (after);
      return nodes;
    }

    const byId = (a: any, b: any) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

    it.each([
      ["CITATIONS", (a: any, b: any) => b.citationCount - a.citationCount || byId(a, b)],
      ["YEAR", (a: any, b: any) => b.year - a.year || byId(a, b)],
      ["TITLE", (a: any, b: any) => (a.title < b.title ? -1 : a.title > b.title ? 1 : byId(a, b))],
      ["ID", byId],
    ])("pages by %s without skipping or repeating", async (orderBy, compare) => {
      const nodes = await pageAll({ orderBy });
      expect(nodes).toHaveLength(60);
      expect(new Set(nodes.map((n) => n.id)).size).toBe(60);
      expect(nodes).toEqual([...nodes].sort(compare as any));
    });

    it("filters by year range, summaries and author, and counts the filtered list", async () => {
      const filter = { yearFrom: 2005, yearTo: 2009, hasSummary: true, authorName: "Author 2" };
      const nodes = await pageAll({ filter, orderBy: "YEAR" });
      // Paper i: year 2000 + i % 20, summaries when i % 3 == 0, authors Author i%7 and Author (i+3)%7.
      const expected = Array.from({ length: 60 }, (_, i) => i).filter(
        (i) => i % 20 >= 5 && i % 20 <= 9 && i % 3 === 0 && (i % 7 === 2 || (i + 3) % 7 === 2),
      );
      expect(nodes.map((n) => n.id).sort()).toEqual(expected.map((i) => `test/p${String(i).padStart(4, "0")}`).sort());
      const res = await server.query(PAPERS, { filter, first: 1 });
      expect(res.data!.papers.totalCount).toBe(expected.length);
      const without = await server.query(PAPERS, { filter: { hasSummary: false }, first: 1 });
      expect(without.data!.papers.totalCount).toBe(40);
    });

    it("rejects an inverted year range, a year out of bounds and a cursor from another ordering", async () => {
      const inverted = await server.query(PAPERS, { filter: { yearFrom: 2010, yearTo: 2000 } });
      expect(inverted.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", problems: [expect.stringMatching(/^filter\.yearFrom/)] });
      // The window's check is the graph queries' (IsNotAfter), made with the other arguments', so all are named at once.
      const withOthers = await server.query(PAPERS, { filter: { yearFrom: 2010, yearTo: 2000 }, first: 0 });
      expect(withOthers.errors![0].extensions).toMatchObject({
        code: "BAD_USER_INPUT",
        problems: expect.arrayContaining(["filter.yearFrom (2010) must not be after yearTo (2000): the window would hold nothing", expect.stringMatching(/^first /)]),
      });
      expect(withOthers.errors![0].extensions!.problems).toHaveLength(2);
      expect((await server.query(PAPERS, { filter: { yearFrom: 2005, yearTo: 2005 }, first: 1 })).errors).toBeUndefined();
      const outOfBounds = await server.query(PAPERS, { filter: { yearFrom: 1500 } });
      expect(outOfBounds.errors![0].extensions!.code).toBe("BAD_USER_INPUT");
      expect(outOfBounds.errors![0].extensions!.problems[0]).toMatch(/^filter\.yearFrom/);
      const yearCursor = (await server.query(PAPERS, { orderBy: "YEAR", first: 1 })).data!.papers.pageInfo.endCursor;
      const foreign = await server.query(PAPERS, { orderBy: "TITLE", after: yearCursor });
      expect(foreign.errors![0].extensions!.code).toBe("BAD_USER_INPUT");
      // In id order too, filtered or not: another ordering's cursor is refused, never read as an id bound.
      for (const variables of [{ after: yearCursor }, { after: yearCursor, filter: { yearFrom: 1990 } }]) {
        const asId = await server.query(PAPERS, variables);
        expect(asId.errors![0].extensions!.code).toBe("BAD_USER_INPUT");
      }
    });

    it("refuses a cursor of other ids or another filter, in every ordering, and takes one of the same ids and filter written otherwise", async () => {
      const LISTED = `query($first: Int, $after: String, $orderBy: PaperOrder, $filter: PaperFilterInput, $ids: [ID!]) {
        papers(first: $first, after: $after, orderBy: $orderBy, filter: $filter, ids: $ids) { pageInfo { endCursor } edges { node { id } } } }`;
      const page = async (vars: Record<string, unknown>) => {
        const res = await server.query(LISTED, { first: 3, ...vars });
        expect(res.errors).toBeUndefined();
        return res.data!.papers;
      };
      const ids = (p: any) => p.edges.map((e: any) => e.node.id);
      const refusal = async (vars: Record<string, unknown>) => {
        const res = await server.query(LISTED, { first: 3, ...vars });
        expect(res.data?.papers ?? null).toBeNull();
        expect(res.errors![0].extensions!.code).toBe("BAD_USER_INPUT");
        return res.errors![0].message;
      };
      const p = (i: number) => `test/p${String(i).padStart(4, "0")}`;
      const some = [2, 5, 7, 11, 13, 17, 19, 23].map(p);
      for (const orderBy of ["ID", "CITATIONS", "YEAR", "TITLE"]) {
        // The whole list, the plain id order's index seek included: a filter or ids after it are another list.
        const after = (await page({ orderBy })).pageInfo.endCursor;
        expect(await refusal({ orderBy, after, filter: { yearFrom: 2005 } })).toMatch(/belongs to the papers list under another filter/);
        expect(await refusal({ orderBy, after, ids: some })).toMatch(/belongs to the papers list of other ids/);
        // A filtered list: another filter, or none, is another list; so are other ids, and none.
        const filter = { yearFrom: 2005, hasSummary: true };
        const filtered = (await page({ orderBy, filter })).pageInfo.endCursor;
        for (const other of [{ yearFrom: 2006, hasSummary: true }, { yearFrom: 2005, hasSummary: false }, { yearFrom: 2005 }, undefined]) {
          expect(await refusal({ orderBy, after: filtered, filter: other })).toMatch(/belongs to the papers list under another filter/);
        }
        const listed = (await page({ orderBy, ids: some })).pageInfo.endCursor;
        expect(await refusal({ orderBy, after: listed, ids: [...some.slice(1), p(29)] })).toMatch(/belongs to the papers list of other ids/);
        expect(await refusal({ orderBy, after: listed })).toMatch(/belongs to the papers list of other ids/);
        // The same list: the ids as a set, in any order and repeated; a condition given as null, or an empty filter, is none.
        const next = ids(await page({ orderBy, ids: some, after: listed }));
        expect(next).toHaveLength(3);
        expect(ids(await page({ orderBy, ids: [...some].reverse().concat(some[0]), after: listed, filter: {} }))).toEqual(next);
        const filteredNext = ids(await page({ orderBy, filter, after: filtered }));
        expect(filteredNext.length).toBeGreaterThan(0);
        expect(ids(await page({ orderBy, filter: { ...filter, yearTo: null, authorName: null }, after: filtered }))).toEqual(filteredNext);
        expect(ids(await page({ orderBy, filter: {}, after }))).toEqual(ids(await page({ orderBy, after })));
      }
      // Another ordering is still named as such, before any scope.
      const byYear = (await page({ orderBy: "YEAR", filter: { yearFrom: 2005 } })).pageInfo.endCursor;
      expect(await refusal({ orderBy: "TITLE", after: byYear })).toMatch(/belongs to papers ordered by YEAR, not to papers ordered by TITLE/);
    });
  });
});
