// What a record of an import may hold beyond the bounds the API's own inputs have: a year no publication has, an
// identifier or an author name of kilobytes (index keys, which Neo4j caps at about 8 kB), a work with more references
// than importPapers takes. Each import answers without an internal error, and what it wrote reads back.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { openTestDatabase, TestDatabase } from "../helpers/database";
import { DATA_DIR } from "../helpers/datasets";
import { FORMAT_SAMPLES } from "../helpers/import-items";
import { importFile } from "../../src/ingest/corpus-import";
import { startTestServer, TestServer } from "../helpers/server";
import { asCurator } from "../helpers/tokens";

const IMPORT = `mutation($content: String!, $format: ImportFormat) { importPapers(content: $content, format: $format) {
  papers created errors problems { location message } warnings notes { location message } } }`;

/** The entry of a key in the BibTeX sample, as written. */
function sampleEntry(key: string): string {
  const bib = readFileSync(path.join(FORMAT_SAMPLES, "bibtex-zotero", "My Library.bib"), "utf8");
  return `@${bib.split("\n@").find((e) => e.includes(`{${key},`))}`;
}

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

  it("cuts a title, abstract or venue to upsertPaper's bounds, a byline to 500 names, and leaves out a url that is not http(s), each with a warning", async () => {
    const long = `@article{long, title = {${"t".repeat(1001)}}, abstract = {${"a".repeat(100_001)}}, journal = {${"v".repeat(301)}}, doi = {10.1000/long}}`;
    // The sample's @gaia lists 626 authors; @peatross2023's url is optics.byu.edu.
    const content = [sampleEntry("gaia"), sampleEntry("peatross2023"), long].join("\n");
    const res = await server.query(IMPORT, { content }, await asCurator());
    expect(res.errors).toBeUndefined();
    expect(res.data!.importPapers).toMatchObject({ papers: 3, created: 3, errors: 0, warnings: 5 });
    expect(res.data!.importPapers.notes.map((n: { message: string }) => n.message)).toEqual([
      "626 authors: the first 500 kept",
      'url "optics.byu.edu" is not an http(s) URL of at most 2000 characters: left out',
      "title of 1001 characters cut to 1000",
      "abstract of 100001 characters cut to 100000",
      "venue of 301 characters cut to 300",
    ]);
    const [gaia] = await t.db.read(`MATCH (p:Paper {doi: "10.1051/0004-6361/201629272"}) RETURN COUNT { (p)<-[:AUTHORED]-() } AS authors, p.url AS url`);
    expect(gaia).toEqual({ authors: 500, url: "https://ui.adsabs.harvard.edu/abs/2016A&A...595A...1G" });
    const [peatross] = await t.db.read(`MATCH (p:Paper {title: "Physics of Light and Optics"}) RETURN p.url AS url`);
    expect(peatross).toEqual({ url: null });
    const [cut] = await t.db.read(`MATCH (p:Paper {doi: "10.1000/long"}) RETURN size(p.title) AS title, size(p.abstract) AS abstract, size(p.venue) AS venue`);
    expect(cut).toEqual({ title: 1000, abstract: 100_000, venue: 300 });
  });

  it("keeps a name given twice in a byline at its first place: AAN's L08-1510 lists Claire Waast-Richard 5th and 8th", async () => {
    const aan = gunzipSync(readFileSync(path.join(DATA_DIR, "aan", "papers.jsonl.gz"))).toString("utf8").split("\n");
    const folder = path.join(mkdtempSync(path.join(os.tmpdir(), "import-")), "aan");
    mkdirSync(folder);
    writeFileSync(path.join(folder, "papers.jsonl.gz"), gzipSync(aan.filter((l) => l.startsWith(`{"id": "L08-1510"`)).join("\n") + "\n"));
    writeFileSync(path.join(folder, "citations.tsv.gz"), gzipSync("citing_id\tcited_id\n"));
    expect(await importFile(t.db, folder)).toMatchObject({ papers: 1, created: 1, errors: 0 });
    const byline = await t.db.read(`MATCH (a:Person)-[w:AUTHORED]->(:Paper {id: "aan:L08-1510"}) RETURN a.name AS name, w.position AS position ORDER BY position`);
    expect(byline.map((r) => [r.position, r.name])).toEqual([
      [0, "Martine Garnier-Rizet"],
      [1, "Gilles Adda"],
      [2, "Frederik Cailliau"],
      [3, "Sylvie Guillemin-Lanne"],
      [4, "Claire Waast-Richard"],
      [5, "Lori F. Lamel"],
      [6, "Stephan Vanni"],
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
