// One writer for papers (PaperWriteRepository.upsertPapers): the importer and the upsertPaper mutation follow the
// same rule, so a byline given replaces the stored one and a paper written without one keeps its own.
import { openTestDatabase, TestDatabase } from "../helpers/database";
import { PaperWriteRepository } from "../../src/papers/paper-write.repository";

describe("the paper writer", () => {
  let t: TestDatabase;
  let writes: PaperWriteRepository;

  beforeAll(async () => {
    t = await openTestDatabase();
    writes = new PaperWriteRepository(t.db);
  });
  beforeEach(() => t.reset());
  afterAll(() => t.close());

  async function byline(id: string): Promise<string[]> {
    const rows = await t.db.read(`MATCH (a:Person)-[w:AUTHORED]->(:Paper {id: $id}) RETURN a.name AS name ORDER BY w.position`, { id });
    return rows.map((r) => r.name as string);
  }

  it("replaces a byline on import as the mutation does, and keeps it when a record has none", async () => {
    await t.ingest.upsertPapers([{ id: "x:1", title: "One", authors: ["Ada", "Bob", "Cy"] }]);
    await t.ingest.upsertPapers([{ id: "x:1", title: "One", authors: ["Cy", "Ada"] }]);
    expect(await byline("x:1")).toEqual(["Cy", "Ada"]);
    await t.ingest.upsertPapers([{ id: "x:1", title: "One again" }]);
    expect(await byline("x:1")).toEqual(["Cy", "Ada"]);

    const written = await writes.upsertPaper({ id: "x:1", title: "Renamed", authors: ["Bob"] });
    expect(written).toMatchObject({ paper: { id: "x:1", title: "Renamed", stub: false } });
    expect(await byline("x:1")).toEqual(["Bob"]);
    expect((await t.counts()).authored).toBe(1);
  });

  it("removes a property a whole record lacks on import, and leaves one the mutation does not mention", async () => {
    await t.ingest.upsertPapers([{ id: "x:2", title: "Two", year: 1999, venue: "V" }]);
    await writes.upsertPaper({ id: "x:2", title: "Two", venue: null });
    expect(await writes.upsertPaper({ id: "x:2", title: "Two" })).toMatchObject({ paper: { year: 1999, venue: null } });
    await t.ingest.upsertPapers([{ id: "x:2", title: "Two" }]);
    expect(await writes.upsertPaper({ id: "x:2", title: "Two" })).toMatchObject({ paper: { year: null, venue: null } });
  });

  it("writes a batch twice to the same graph", async () => {
    const batch = [
      { id: "x:3", title: "Three", authors: ["Ada", "Ada", "Bob"] },
      { id: "x:4", title: "Four", authors: [] },
    ];
    await t.ingest.upsertPapers(batch);
    const once = await t.counts();
    await t.ingest.upsertPapers(batch);
    expect(await t.counts()).toEqual(once);
    expect(once).toMatchObject({ papers: 2, people: 2, authored: 2 });
  });
});
