// The batching claim: a nested query costs at most one Cypher round-trip per nesting level, however many papers it
// touches (fewer where the first pages of two levels are read along with their papers: src/papers/first-pages.ts).
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

// The same lists with the first level's summaries and references each asked a second time under an alias, which
// leaves them to their loaders instead of the list's statement (src/papers/first-pages.ts).
const NESTED_UNFOLDED = NESTED.replace(
  "summaries { body author { name } }",
  "summaries { body author { name } } againSummaries: summaries { body } againReferences: references(first: 10) { title }",
);

// Through the loaders: papers list (1) + summaries of the page (1) + references of the page (1) + summaries of all
// references (1). Summary authors arrive with the summaries, so they add nothing.
const LEVELS = 4;
// Folded: the list with each paper's first summaries and references, and the references' summaries (1).
const FOLDED = 1;

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
    const res = await server.query(NESTED_UNFOLDED, { first });
    expect(res.errors).toBeUndefined();
    expect(res.data!.papers.edges).toHaveLength(first);
    expect(res.extensions!.cypherRoundTrips).toBe(LEVELS);
  });

  it.each([5, 50, 100])("reads two levels of lists with the list for a page of %i papers, the same answer", async (first) => {
    const res = await server.query(NESTED, { first });
    expect(res.errors).toBeUndefined();
    expect(res.extensions!.cypherRoundTrips).toBe(FOLDED);
    const unfolded = await server.query(NESTED_UNFOLDED, { first });
    const withoutAgain = JSON.parse(JSON.stringify(unfolded.data), (key, value) => (key.startsWith("again") ? undefined : value));
    expect(res.data).toEqual(withoutAgain);
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
    // Paper 99's first reference is 100; the lists of 100 and its papers are two levels below paper 99, which read
    // along with it, and the third level is the loader's.
    const res = await server.query(`{ paper(id: "${fixtureId(99)}") { references(first: 1) {
      references(first: 3) { id references(first: 2) { id } citedBy(first: 2) { id } }
      citedBy(first: 3) { id references(first: 2) { id } citedBy(first: 2) { id } } } } }`);
    expect(res.errors).toBeUndefined();
    // paper 99 with 100 and 100's references and citers, read along (1) + theirs, through the loader (1).
    expect(res.extensions!.cypherRoundTrips).toBe(2);
    const ids = (xs: Array<{ id: string }>) => xs.map((x) => x.id);
    const paper = res.data!.paper.references[0];
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
    // The list with each paper's first summaries (1); the summaries' papers are the listed ones, primed.
    const res = await server.query(`{ papers(first: 30) { edges { node { summaries { paper { id } } } } } }`);
    expect(res.extensions!.cypherRoundTrips).toBe(1);
    expect(res.data!.papers.edges[0].node.summaries[0].paper.id).toBe(fixtureId(0));
  });

  it("serves a feed of 50 summaries with their papers and writers at one round-trip per nesting level", async () => {
    const res = await server.query(`{ summaries(first: 50) { edges { node {
      id bodyHtml votes paper { id title url } author { name summaryCount summaries(first: 2) { id } } } } } }`);
    expect(res.errors).toBeUndefined();
    // The feed with each writer's name (1) + the papers (1) + the writers' counts (1) and their summaries (1).
    expect(res.extensions!.cypherRoundTrips).toBe(4);
    const nodes = res.data!.summaries.edges.map((e: any) => e.node);
    expect(nodes).toHaveLength(50);
    // Every third paper has summaries 0 and 1, written at 00:00:00 and 00:00:01 by Writer 0 and Writer 1: the
    // newest 50 are all summaries 1, ties in id order.
    const ids = nodes.map((n: any) => n.id);
    expect(ids).toEqual([...ids].sort());
    for (const n of nodes) {
      const i = Number(/^test\/s(\d+)-1$/.exec(n.id)![1]);
      expect(n).toMatchObject({ votes: 1, paper: { id: fixtureId(i), title: `Paper ${i}` }, author: { name: "Writer 1", summaryCount: 80 } });
      expect(n.bodyHtml).toBe(`<p>Summary 1 of paper ${i}</p>\n`);
      expect(n.author.summaries).toEqual([{ id: "test/s0-1" }, { id: "test/s102-1" }]);
    }
  });

  it("with batching switched off (the benchmark's ablation) costs one round-trip per parent instead", async () => {
    const unbatched = await startTestServer(t, { batching: false });
    try {
      const res = await unbatched.query(NESTED_UNFOLDED, { first: 5 });
      expect(res.errors).toBeUndefined();
      expect(res.data).toEqual((await server.query(NESTED_UNFOLDED, { first: 5 })).data);
      // 1 list + summaries of papers 0..4 (5) + their references (5) + summaries of the references, papers 1..14,
      // of which 1..4 are already cached (10): per parent, not per level.
      expect(res.extensions!.cypherRoundTrips).toBe(1 + 5 + 5 + 10);
    } finally {
      await unbatched.close();
    }
  });
});
