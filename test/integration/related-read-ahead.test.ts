// paper(id:) with `related` selected reads the paper and its related candidates in one statement (the lookup is the
// first statement of related's own transaction: GraphRepository.findPapersWithRelatedByKeys). Each answer is checked
// against the same fields under papers(ids:), which looks the paper up first and leaves related to its loader.
import { openTestDatabase, TestDatabase } from "../helpers/database";
import { startTestServer, TestServer } from "../helpers/server";
import { fixtureId, seedPapers } from "../helpers/fixtures";
import { createRepositories } from "../../src/repositories";
import { createLoaders } from "../../src/loaders/create-loaders";
import { LoaderRegistry } from "../../src/loaders/loader";
import { NO_PAGES } from "../../src/papers/paper.repository";
import { DEFAULT_RELATED_MAX_EXPANSIONS, RelatedPage } from "../../src/graph/graph.repository";

const ARXIV_PAPER = "test/q-arxiv";
const ARXIV_ID = "2101.00001";

const SIGNAL = `count normalized contribution read examples { id title }`;
const EVIDENCE = `evidence { seeAlso { ${SIGNAL} } cites { ${SIGNAL} } citedBy { ${SIGNAL} } coCitation { ${SIGNAL} } coupling { ${SIGNAL} }
  text { count normalized contribution read terms } }`;

/** Every field of a related page: its work, its cursors, and each item's paper, score and evidence. */
const RELATED = (args: string) => `related(${args}) { totalCount complete edgesExpanded intermediatesExamined intermediatesTotal
  pageInfo { hasNextPage endCursor } edges { cursor node { score paper { id title year } ${EVIDENCE} } } }`;

/**
 * With the paper's first summaries, references and citers, which the lookup reads along in the same statement (their
 * columns beside the candidates' in one RETURN), and a citer's own citers one level down.
 */
const PAPER_FIELDS = (args: string) =>
  `id title summaries(first: 2) { id body } references(first: 3) { id title } citedBy(first: 2) { id citedBy(first: 2) { id } } ${RELATED(args)}`;

// related's own statements (test/integration/graph-batching.test.ts): candidates and one round of facts, which bring
// the page's papers along; with evidence, the page's own statement, which reads the examples' papers too.
const WITHOUT_EVIDENCE = 2;
const RELATED_STATEMENTS = WITHOUT_EVIDENCE + 1;

describe("paper(id:) with its related page read ahead", () => {
  let t: TestDatabase;
  let server: TestServer;

  beforeAll(async () => {
    t = await openTestDatabase();
    await t.reset();
    await seedPapers(t.ingest, 240);
    // A paper known by its arXiv id too, citing some of the fixture's papers.
    await t.ingest.upsertPapers([{ id: ARXIV_PAPER, arxivId: ARXIV_ID, title: "Paper of an arXiv id", year: 2021, authors: ["Author 1"] }]);
    await t.ingest.upsertCitations([100, 101, 102, 103].map((i) => ({ from: ARXIV_PAPER, to: fixtureId(i) })));
    server = await startTestServer(t, { security: { maxDepth: 12 } });
  });
  afterAll(async () => {
    await server.close();
    await t.close();
  });

  /** paper(key) and papers(ids: [key]) with the same fields: both answers and statement counts. */
  async function both(key: string, args: string, variables: Record<string, unknown> = {}) {
    const types: Record<string, string> = { w: "RelatedWeightsInput", after: "String" };
    const names = Object.keys(variables);
    const declared = names.length > 0 ? `(${names.map((n) => `$${n}: ${types[n]}`).join(", ")})` : "";
    const ahead = await server.query(`query One${declared} { paper(id: "${key}") { ${PAPER_FIELDS(args)} } }`, variables);
    const loaded = await server.query(`query List${declared} { papers(ids: ["${key}"]) { edges { node { ${PAPER_FIELDS(args)} } } } }`, variables);
    expect(ahead.errors).toBeUndefined();
    expect(loaded.errors).toBeUndefined();
    expect(loaded.data!.papers.edges).toHaveLength(1);
    return { ahead: ahead.data!.paper, loaded: loaded.data!.papers.edges[0].node, trips: [ahead.extensions!.cypherRoundTrips, loaded.extensions!.cypherRoundTrips] };
  }

  it.each([fixtureId(3), fixtureId(120), ARXIV_ID, `arXiv:${ARXIV_ID}`])("answers %s as the list does, with no statement for the lookup", async (key) => {
    const { ahead, loaded, trips } = await both(key, "first: 4");
    expect(ahead).toEqual(loaded);
    expect(ahead.related.edges.length).toBeGreaterThan(0);
    // The list: its statement (with the first pages), then related's. paper(id:): related's alone.
    expect(trips).toEqual([RELATED_STATEMENTS, 1 + RELATED_STATEMENTS]);
  });

  it("answers a page without evidence as the list does, with no statement for the lookup", async () => {
    const fields = `id related(first: 6) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { score paper { id title year } } } }`;
    for (const id of [fixtureId(8), fixtureId(200)]) {
      const ahead = await server.query(`{ paper(id: "${id}") { ${fields} } }`);
      const loaded = await server.query(`{ papers(ids: ["${id}"]) { edges { node { ${fields} } } } }`);
      expect(ahead.errors).toBeUndefined();
      expect(ahead.data!.paper).toEqual(loaded.data!.papers.edges[0].node);
      expect([ahead.extensions!.cypherRoundTrips, loaded.extensions!.cypherRoundTrips]).toEqual([WITHOUT_EVIDENCE, 1 + WITHOUT_EVIDENCE]);
      // The same papers and scores as the evidence query's.
      const full = await both(id, "first: 6");
      expect(ahead.data!.paper.related.edges.map((e: any) => [e.node.paper, e.node.score])).toEqual(
        full.ahead.related.edges.map((e: any) => [e.node.paper, e.node.score]),
      );
    }
  });

  it("reads other weights ahead too, and gives their ranking", async () => {
    const w = { text: 0, coupling: 3, cites: 0 };
    const { ahead, loaded, trips } = await both(fixtureId(10), "first: 5, weights: $w", { w });
    expect(ahead).toEqual(loaded);
    expect(trips).toEqual([RELATED_STATEMENTS, 1 + RELATED_STATEMENTS]);
    expect(ahead.related.edges[0].node.evidence.text.read).toBe(false);
    expect(ahead.related.edges[0].node.evidence.coupling.contribution).toBe(3 * ahead.related.edges[0].node.evidence.coupling.normalized);
  });

  it("leaves a later page to related's own read, with the same answer", async () => {
    const first = await both(fixtureId(42), "first: 3");
    const after = first.ahead.related.pageInfo.endCursor as string;
    const { ahead, loaded, trips } = await both(fixtureId(42), "first: 3, after: $after", { after });
    expect(ahead).toEqual(loaded);
    expect(ahead.related.edges[0].node.paper.id).not.toBe(first.ahead.related.edges[0].node.paper.id);
    // A page after a cursor is not read ahead: the lookup, then related's statements.
    expect(trips).toEqual([1 + RELATED_STATEMENTS, 1 + RELATED_STATEMENTS]);
  });

  it("leaves weights out of bounds to the field, which refuses them", async () => {
    const res = await server.query(`query($w: RelatedWeightsInput) { paper(id: "${fixtureId(7)}") { id related(first: 3, weights: $w) { totalCount } } }`, {
      w: { text: 101 },
    });
    expect(res.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(res.errors?.[0].path).toEqual(["paper", "related"]);
    // The lookup alone ran: nothing was read ahead for a page the field refuses.
    expect(res.extensions!.cypherRoundTrips).toBe(1);
  });

  it("answers an unknown paper with null, in one statement", async () => {
    const res = await server.query(`{ paper(id: "test/none") { id ${RELATED("first: 3")} } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data!.paper).toBeNull();
    expect(res.extensions!.cypherRoundTrips).toBe(1);
  });

  it("looks the paper up alone when the read-ahead fails, and gives related its error", async () => {
    const repos = createRepositories(t.db);
    const failure = new Error("the read-ahead failed");
    repos.graph.findPapersWithRelatedByKeys = async () => {
      throw failure;
    };
    const loaders = createLoaders(repos, new LoaderRegistry());
    const weights = { seeAlso: 1, cites: 0.5, citedBy: 0.5, coCitation: 1, coupling: 1, text: 0.5 };
    const related: RelatedPage = { first: 4, after: null, weights, maxExpansions: DEFAULT_RELATED_MAX_EXPANSIONS, evidence: false, props: ["id"], exampleProps: null };
    const found = await loaders.paperWithRelatedByKey.load(fixtureId(5), { props: ["id", "title"], page: { pages: NO_PAGES, related } });
    expect(found!.listed.paper).toEqual({ id: fixtureId(5), title: "Paper 5" });
    expect(found!.related).toBe(failure);
    // Primed as the resolver primes it, related's own load rejects with that error instead of reading again.
    loaders.relatedByPaperId.primeKeyed([[fixtureId(5), found!.related]], { page: related });
    await expect(loaders.relatedByPaperId.load(fixtureId(5), { page: related })).rejects.toBe(failure);
  });
});
