// The importer on a bundled dataset folder (citeseer-tape: small, with self-citations and dangling ids): the report
// and Neo4j match SOURCE.md's counts, cited ids without a record become stubs, and a second run changes nothing.
import path from "node:path";
import { openTestDatabase, TestDatabase } from "../helpers/database";
import { DATA_DIR } from "../helpers/datasets";
import { importFile, importItems } from "../../src/ingest/corpus-import";
import type { ImportItem } from "../../src/ingest/formats/import-record";

describe("npm run import on citeseer-tape", () => {
  let t: TestDatabase;

  beforeAll(async () => {
    t = await openTestDatabase();
    await t.reset();
  });
  afterAll(() => t.close());

  it("imports what SOURCE.md counts, and importing again leaves the same graph", async () => {
    const folder = path.join(DATA_DIR, "citeseer-tape");
    const first = await importFile(t.db, folder);
    // SOURCE.md: 3,186 papers; 4,732 edges; 124 self-citations; 141 ids without text. The 141 become stubs, so
    // every row but the self-citations is an edge.
    expect(first).toMatchObject({
      format: "dataset",
      papers: 3186,
      created: 3186,
      merged: 0,
      citations: 4732,
      selfCitations: 124,
      citationsCreated: 4732 - 124,
      stubs: 141,
      errors: 0,
    });
    const counts = await t.counts();
    expect(counts).toMatchObject({ papers: 3186 + 141, cites: 4732 - 124 });
    const [stubs] = await t.db.read(`MATCH (p:Paper {stub: true}) WHERE p.id STARTS WITH "citeseer-tape:" RETURN count(p) AS n`);
    expect(stubs.n).toBe(141);
    // Stubs carry every stored count like any paper (an interrupted import run again relied on it).
    const [uncounted] = await t.db.read(`MATCH (p:Paper) WHERE p.citationCount IS NULL OR p.referenceCount IS NULL OR p.seeAlsoCount IS NULL OR p.summaryCount IS NULL RETURN count(p) AS n`);
    expect(uncounted.n).toBe(0);

    const second = await importFile(t.db, folder);
    expect(second).toMatchObject({ created: 0, merged: 3186, stubs: 0, citationsCreated: 0, errors: 0 });
    expect(await t.counts()).toEqual(counts);
  });

  it("namespaces ids and keeps the text it was given", async () => {
    const [row] = await t.db.read(`MATCH (p:Paper {id: "citeseer-tape:norman00argument"}) RETURN p.title AS title, p.abstract AS abstract, p.stub AS stub`);
    expect(row.stub).toBe(false);
    expect(row.abstract as string).toMatch(/^Argument in Multi-Agent Systems Multi-agent systems research is/);
    expect((row.title as string).length).toBeLessThanOrEqual(121);
    expect(row.abstract as string).toContain((row.title as string).replace(/…$/, ""));
  });
});

describe("a dataset's citation of a paper merged in the same batch", () => {
  let t: TestDatabase;

  beforeAll(async () => {
    t = await openTestDatabase();
    await t.reset();
  });
  afterAll(() => t.close());

  it("reaches the node the paper merged into, not a stub of its dataset id", async () => {
    // Stored under its ShortScience id with its arXiv id; the dataset names it hepth:9201001 with the same arXiv id.
    await t.ingest.upsertPapers([{ id: "journals/corr/hep-th/9201001", title: "Stored First", arxivId: "hep-th/9201001" }]);
    const at = { file: "hep-th", location: "test" };
    const items: ImportItem[] = [
      { kind: "paper", ...at, paper: { ids: { datasetId: "hepth:9201001", arxiv: "hep-th/9201001" }, title: "Merged", authors: [] } },
      { kind: "paper", ...at, paper: { ids: { datasetId: "hepth:9201002" }, title: "Citing", authors: [] } },
      { kind: "citation", ...at, citation: { from: { datasetId: "hepth:9201002" }, to: { datasetId: "hepth:9201001" } } },
    ];
    const report = await importItems(t.db, "hep-th", "dataset", (async function* () { yield* items; })());
    expect(report).toMatchObject({ papers: 2, created: 1, merged: 1, stubs: 0, citationsCreated: 1, errors: 0 });
    const rows = await t.db.read(`MATCH (a:Paper)-[:CITES]->(b:Paper) RETURN a.id AS from, b.id AS to`);
    expect(rows).toEqual([{ from: "hepth:9201002", to: "journals/corr/hep-th/9201001" }]);
    expect((await t.counts()).papers).toBe(2);
  });
});
