// The batching claim: a nested query costs one Cypher round-trip per nesting level, however many papers it touches.
import { openTestDatabase, TestDatabase } from "../helpers/database";
import { startTestServer, TestServer } from "../helpers/server";
import { seedPapers, fixtureId } from "../helpers/fixtures";

const NESTED = `
  query Nested($first: Int!) {
    papers(first: $first) {
      edges { node {
        title
        summaries { body author { name } }
        references(first: 10) { title summaries { body } }
      } }
    }
  }`;

// papers list (1) + summaries of the page (1) + references of the page (1) + summaries of all references (1).
// Summary authors arrive with the summaries, so they add nothing.
const LEVELS = 4;

describe("round-trips of a nested query", () => {
  let t: TestDatabase;
  let server: TestServer;

  beforeAll(async () => {
    t = await openTestDatabase();
    await t.reset();
    await seedPapers(t.ingest, 240);
    server = await startTestServer(t);
  });
  afterAll(async () => {
    await server.close();
    await t.close();
  });

  it.each([5, 50, 100])("costs exactly one round-trip per level for a page of %i papers", async (first) => {
    const res = await server.query(NESTED, { first });
    expect(res.errors).toBeUndefined();
    expect(res.data!.papers.edges).toHaveLength(first);
    expect(res.extensions!.cypherRoundTrips).toBe(LEVELS);
  });

  it("returns what the graph holds, in key order for every parent", async () => {
    const res = await server.query(NESTED, { first: 50 });
    const edges = res.data!.papers.edges as Array<{ node: any }>;
    edges.forEach(({ node }, i) => {
      expect(node.title).toBe(`Paper ${i}`);
      // Paper i cites papers i+1..i+12; the first 10 in id order are i+1..i+10 (no wrap-around below 228).
      expect(node.references.map((r: any) => r.title)).toEqual(Array.from({ length: 10 }, (_, k) => `Paper ${i + k + 1}`));
      expect(node.summaries).toHaveLength(i % 3 === 0 ? 2 : 0);
      node.references.forEach((ref: any, k: number) => expect(ref.summaries).toHaveLength((i + k + 1) % 3 === 0 ? 2 : 0));
    });
    expect(edges[0].node.summaries[0]).toEqual({ body: "Summary 0 of paper 0", author: { name: "Writer 0" } });
  });

  it("serves references and citedBy of one nesting level in one statement, both directions right", async () => {
    const res = await server.query(`{ paper(id: "${fixtureId(100)}") {
      references(first: 3) { id references(first: 2) { id } citedBy(first: 2) { id } }
      citedBy(first: 3) { id references(first: 2) { id } citedBy(first: 2) { id } } } }`);
    expect(res.errors).toBeUndefined();
    // paper (1) + its references and citers (1) + theirs (1).
    expect(res.extensions!.cypherRoundTrips).toBe(3);
    const ids = (xs: Array<{ id: string }>) => xs.map((x) => x.id);
    const paper = res.data!.paper;
    // Paper i cites i+1..i+12 and is cited by i-12..i-1 (ids sort in number order here).
    expect(ids(paper.references)).toEqual([101, 102, 103].map(fixtureId));
    expect(ids(paper.citedBy)).toEqual([88, 89, 90].map(fixtureId));
    expect(ids(paper.references[0].references)).toEqual([102, 103].map(fixtureId));
    expect(ids(paper.references[0].citedBy)).toEqual([89, 90].map(fixtureId));
    expect(ids(paper.citedBy[2].citedBy)).toEqual([78, 79].map(fixtureId));
  });

  it("batches the count fields of many papers into one statement", async () => {
    const res = await server.query(`{ papers(first: 60) { edges { node { citationCount referenceCount seeAlsoCount summaryCount } } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.extensions!.cypherRoundTrips).toBe(2);
    for (const { node } of res.data!.papers.edges) {
      expect(node).toEqual({ citationCount: 12, referenceCount: 12, seeAlsoCount: 0, summaryCount: expect.any(Number) });
    }
  });

  it("serves by-id loads of listed papers from the primed loader", async () => {
    const res = await server.query(`{ papers(first: 30) { edges { node { summaries { paper { id } } } } } }`);
    expect(res.extensions!.cypherRoundTrips).toBe(2);
    expect(res.data!.papers.edges[0].node.summaries[0].paper.id).toBe(fixtureId(0));
  });

  it("with batching switched off (the benchmark's ablation) costs one round-trip per parent instead", async () => {
    const unbatched = await startTestServer(t, { batching: false });
    try {
      const res = await unbatched.query(NESTED, { first: 5 });
      expect(res.errors).toBeUndefined();
      expect(res.data).toEqual((await server.query(NESTED, { first: 5 })).data);
      // 1 list + summaries of papers 0..4 (5) + their references (5) + summaries of the references, papers 1..14,
      // of which 1..4 are already cached (10): per parent, not per level.
      expect(res.extensions!.cypherRoundTrips).toBe(1 + 5 + 5 + 10);
    } finally {
      await unbatched.close();
    }
  });
});
