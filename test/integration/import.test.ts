// The dataset importer on a real dataset (citeseer-tape: small, and it has self-citations and dangling ids):
// the report matches SOURCE.md's counts, Neo4j holds exactly that, and a second run changes nothing.
import path from "node:path";
import { openTestDatabase, TestDatabase } from "../helpers/database";
import { importDataset, resolveDatasets } from "../../src/ingest/dataset-import";

// The shared data sits beside the project (a fresh clone links it there, see STYLE.md).
const DATA_DIR = path.resolve(__dirname, "..", "..", "..", "shared", "data");

describe("npm run import on citeseer-tape", () => {
  let t: TestDatabase;

  beforeAll(async () => {
    t = await openTestDatabase();
    await t.reset();
  });
  afterAll(() => t.close());

  it("resolves a folder or its files to the dataset named by the folder, and refuses unknown ones", () => {
    const folder = path.join(DATA_DIR, "citeseer-tape");
    expect(resolveDatasets([folder, path.join(folder, "papers.jsonl.gz")]).map((d) => d.dataset.name)).toEqual(["citeseer-tape"]);
    expect(() => resolveDatasets(["/tmp/not-a-dataset"])).toThrow(/unknown dataset "not-a-dataset"; known: hepth, aan, cora-lda, citeseer-tape/);
  });

  it("imports what SOURCE.md counts, and importing again leaves the same graph", async () => {
    const [files] = resolveDatasets([path.join(DATA_DIR, "citeseer-tape")]);
    const first = await importDataset(t.ingest, files);
    // SOURCE.md: 3,186 papers; 4,732 edges; 124 self-citations; 141 ids without text; 4,397 edges with both ends.
    expect(first).toMatchObject({
      dataset: "citeseer-tape",
      papers: 3186,
      authors: 0,
      citationRows: 4732,
      resolvedRows: 4397,
      selfCitations: 124,
      danglingIds: 141,
      danglingRows: 4732 - 4397,
      duplicateRows: 0,
      citations: 4397 - 120, // the 4 other self-citations are among the dangling rows
      stored: { papers: 3186, citations: 4277 },
    });
    const counts = await t.counts();
    expect(counts).toMatchObject({ papers: 3186, cites: 4277 });

    const second = await importDataset(t.ingest, files);
    expect(second.stored).toEqual(first.stored);
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
