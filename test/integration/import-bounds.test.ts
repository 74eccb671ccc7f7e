// What a record of an import may hold beyond the bounds the API's own inputs have: a year no publication has, an
// identifier or an author name of kilobytes (index keys, which Neo4j caps at about 8 kB), a work with more references
// than importPapers takes. Each import answers without an internal error, and what it wrote reads back.
import { openTestDatabase, TestDatabase } from "../helpers/database";
import { startTestServer, TestServer } from "../helpers/server";
import { asCurator } from "../helpers/tokens";

const IMPORT = `mutation($content: String!, $format: ImportFormat) { importPapers(content: $content, format: $format) {
  papers created errors problems { location message } } }`;

describe("an import's values within the API's bounds", () => {
  let t: TestDatabase;
  let server: TestServer;

  beforeAll(async () => {
    t = await openTestDatabase();
    await t.reset();
    server = await startTestServer(t);
  });
  afterAll(async () => {
    await server?.close();
    await t?.close();
  });

  it("reads a year outside 1600 to next year as none, and the papers read back in year order", async () => {
    const content = `@article{far, title = {Far Future}, year = {99999999999999999999}, doi = {10.1000/far}}
@article{old, title = {Too Old}, year = {1200}, month = {may}, doi = {10.1000/old}}
@article{fine, title = {Fine}, year = {2020}, doi = {10.1000/fine}}`;
    const res = await server.query(IMPORT, { content }, await asCurator());
    expect(res.errors).toBeUndefined();
    expect(res.data!.importPapers).toMatchObject({ papers: 3, created: 3, errors: 0 });
    const read = await server.query(`{ papers(first: 10, orderBy: YEAR) { edges { node { id year } } } }`);
    expect(read.errors).toBeUndefined();
    const years = Object.fromEntries(read.data!.papers.edges.map((e: { node: { id: string; year: number | null } }) => [e.node.id, e.node.year]));
    expect(years).toEqual({ "doi:10.1000/far": null, "doi:10.1000/old": null, "doi:10.1000/fine": 2020 });
    const [old] = await t.db.read(`MATCH (p:Paper {id: "doi:10.1000/old"}) RETURN p.year AS year, p.month AS month`);
    expect(old).toEqual({ year: null, month: null });
  });

  it("takes no identifier longer than 300 characters, and reports an author name that long without losing the others", async () => {
    const s2 = (c: string) => c.repeat(40);
    const content = JSON.stringify([
      { paperId: s2("a"), title: "Long Identifiers", externalIds: { DBLP: `journals/x/${"k".repeat(9000)}`, DOI: `10.1000/${"d".repeat(9000)}` }, authors: [{ name: "Jane Doe" }] },
      { paperId: s2("b"), title: "A Long Name", authors: [{ name: "n".repeat(9000) }] },
      { paperId: s2("c"), title: "Fine Too", authors: [{ name: "Jane Doe" }] },
    ]);
    const res = await server.query(IMPORT, { content, format: "S2_GRAPH" }, await asCurator());
    expect(res.errors).toBeUndefined();
    expect(res.data!.importPapers).toMatchObject({ papers: 2, created: 2, errors: 1 });
    expect(res.data!.importPapers.problems).toEqual([{ location: expect.any(String), message: "an author name of 9000 characters (at most 300)" }]);
    const rows = await t.db.read(
      `MATCH (p:Paper) WHERE p.s2Id IS NOT NULL RETURN p.s2Id AS s2, p.id AS id, p.dblpKey AS dblp, p.doi AS doi, [(a:Person)-[:AUTHORED]->(p) | a.name] AS authors ORDER BY s2`,
    );
    expect(rows).toEqual([
      { s2: s2("a"), id: `s2:${s2("a")}`, dblp: null, doi: null, authors: ["Jane Doe"] },
      { s2: s2("c"), id: `s2:${s2("c")}`, dblp: null, doi: null, authors: ["Jane Doe"] },
    ]);
  });

  it("counts a work's references toward the 10,000 records importPapers takes, and writes nothing past them", async () => {
    const before = await t.counts();
    const work = { id: "https://openalex.org/W1", title: "Many References", referenced_works: Array.from({ length: 10_000 }, (_, i) => `https://openalex.org/W${i + 2}`) };
    const res = await server.query(IMPORT, { content: JSON.stringify([work]), format: "OPENALEX" }, await asCurator());
    expect(res.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(res.errors![0].message).toContain("more than 10000 records");
    expect(await t.counts()).toEqual(before);
  });
});
