// The batching claim for graph exploration: related lists of a whole page cost the statements of one list, citations
// per year one statement.
import { openTestDatabase, TestDatabase } from "../helpers/database";
import { startTestServer, TestServer } from "../helpers/server";
import { seedPapers, fixtureId } from "../helpers/fixtures";

const RELATED_PAGE = `
  query Page($first: Int!) { papers(first: $first) { edges { node { id
    related(first: 5) { totalCount edges { node { paper { id title } score } } } } } } }`;

const ONE = `query One($id: ID!) { paper(id: $id) { related(first: 5) { totalCount edges { node { paper { id title } score } } } } }`;

describe("round-trips of graph fields nested in a list", () => {
  let t: TestDatabase;
  let server: TestServer;

  beforeAll(async () => {
    t = await openTestDatabase();
    await t.reset();
    // Paper i cites i+1..i+12 (mod 240): every paper has co-cited and coupled neighbours.
    await seedPapers(t.ingest, 240);
    // related's evidence inside the papers connection is 10 levels deep (two connections of edges { node }), over
    // the default depth limit of 8, which a deployment raises with MAX_QUERY_DEPTH for such clients.
    server = await startTestServer(t, { security: { maxDepth: 10 } });
  });
  afterAll(async () => {
    await server.close();
    await t.close();
  });

  // related of a page: its candidates (1) and the facts of those that may reach a page, a round for all lists (1 here;
  // src/graph/related-ranking.ts), whose first round brings the papers' selected properties along.
  const RELATED_STATEMENTS = 2;

  it.each([5, 50])("serves related(first: 5) of %i papers with the statements of one list", async (first) => {
    const res = await server.query(RELATED_PAGE, { first });
    expect(res.errors).toBeUndefined();
    expect(res.data!.papers.edges).toHaveLength(first);
    // papers (1) + related of the whole page; totalCount and the related papers come with the lists.
    expect(res.extensions!.cypherRoundTrips).toBe(1 + RELATED_STATEMENTS);
    for (const { node } of res.data!.papers.edges) expect(node.related.edges).toHaveLength(5);
  });

  it("gives each paper of the batch the list it gets when asked alone", async () => {
    const page = await server.query(RELATED_PAGE, { first: 50 });
    for (const i of [0, 7, 49]) {
      const alone = await server.query(ONE, { id: fixtureId(i) });
      // paper(id:) looks the paper up in related's candidates statement: no statement of its own.
      expect(alone.extensions!.cypherRoundTrips).toBe(RELATED_STATEMENTS);
      expect(page.data!.papers.edges[i].node.related).toEqual(alone.data!.paper.related);
    }
    // Paper i's strongest neighbours are its own references and citers, e.g. i+1 (cited, 11 shared citers/refs).
    expect(page.data!.papers.edges[7].node.related.edges[0].node.paper.id).toMatch(/^test\/p00(06|08)$/);
  });

  it("reads the pages' papers in a statement of their own when the abstract is selected, with the same answer", async () => {
    const withAbstract = await server.query(RELATED_PAGE.replace("paper { id title }", "paper { id title abstract }"), { first: 50 });
    expect(withAbstract.errors).toBeUndefined();
    // The abstract is not read for every candidate of the facts' round (src/graph/graph.repository.ts, propsInFacts).
    expect(withAbstract.extensions!.cypherRoundTrips).toBe(1 + RELATED_STATEMENTS + 1);
    const page = await server.query(RELATED_PAGE, { first: 50 });
    const strip = (edges: any[]) => edges.map(({ node }) => ({ ...node, related: { ...node.related, edges: node.related.edges.map((e: any) => ({ node: { ...e.node, paper: { id: e.node.paper.id, title: e.node.paper.title } } })) } }));
    expect(strip(withAbstract.data!.papers.edges)).toEqual(page.data!.papers.edges.map((e: any) => e.node));
    // The fixture's papers have no abstract: it answers null, as the field does for any paper without one.
    expect(withAbstract.data!.papers.edges[3].node.related.edges[0].node.paper).toEqual({ id: expect.any(String), title: expect.any(String), abstract: null });
  });

  it("adds the page's statement, which reads the evidence papers of all lists along with their examples", async () => {
    const res = await server.query(`{ papers(first: 50) { edges { node {
      related(first: 5) { edges { node { score evidence { coCitation { count examples { id } } coupling { count examples { id title } } } } } } } } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.extensions!.cypherRoundTrips).toBe(1 + RELATED_STATEMENTS + 1);
    const evidence = res.data!.papers.edges[10].node.related.edges[0].node.evidence;
    expect(evidence.coCitation.examples).toHaveLength(Math.min(5, evidence.coCitation.count));
    expect(evidence.coupling.examples).toHaveLength(Math.min(5, evidence.coupling.count));
    // The examples' papers as the paper lookup gives them, the properties each signal selected and no others.
    const examples = res.data!.papers.edges.flatMap((e: any) =>
      e.node.related.edges.flatMap((r: any) => [...r.node.evidence.coCitation.examples, ...r.node.evidence.coupling.examples]),
    );
    expect(examples.length).toBeGreaterThan(100);
    const ids = [...new Set(examples.map((x: any) => x.id))];
    const looked = await server.query(`query L($ids: [ID!]) { papers(ids: $ids, first: 100) { edges { node { id title } } } }`, { ids: ids.slice(0, 100) });
    const titles = new Map(looked.data!.papers.edges.map((e: any) => [e.node.id, e.node.title]));
    for (const x of examples) {
      if (!titles.has(x.id)) continue;
      expect(x).toEqual("title" in x ? { id: x.id, title: titles.get(x.id) } : { id: x.id });
    }
    expect(examples.filter((x: any) => titles.has(x.id) && "title" in x).length).toBeGreaterThan(10);
  });

  it("answers examples selected through fragments, aliases, @include and nested lists as the paper lookup does", async () => {
    const res = await server.query(
      `query E($id: ID!) { paper(id: $id) { related(first: 3) { edges { node { evidence {
        coCitation { examples { ...P } }
        coupling { ex: examples { id ... on Paper { year citationCount } refs: references(first: 1) { id } } gone: examples @include(if: false) { title } }
      } } } } } }
      fragment P on Paper { id title year }`,
      { id: fixtureId(20) },
    );
    expect(res.errors).toBeUndefined();
    const evidence = res.data!.paper.related.edges.map((e: any) => e.node.evidence);
    const coCited = evidence.flatMap((e: any) => e.coCitation.examples);
    const coupled = evidence.flatMap((e: any) => e.coupling.ex);
    expect(coCited.length).toBeGreaterThan(0);
    expect(coupled.length).toBeGreaterThan(0);
    for (const e of evidence) expect(e.coupling).not.toHaveProperty("gone");
    const ids = [...new Set([...coCited, ...coupled].map((x: any) => x.id))];
    const looked = await server.query(
      `query L($ids: [ID!]) { papers(ids: $ids, first: 100) { edges { node { id title year citationCount references(first: 1) { id } } } } }`,
      { ids },
    );
    const byId = new Map(looked.data!.papers.edges.map((e: any) => [e.node.id, e.node]));
    expect(byId.size).toBe(ids.length);
    for (const x of coCited) {
      const p: any = byId.get(x.id);
      expect(x).toEqual({ id: p.id, title: p.title, year: p.year });
    }
    for (const x of coupled) {
      const p: any = byId.get(x.id);
      expect(x).toEqual({ id: p.id, year: p.year, citationCount: p.citationCount, refs: p.references });
    }
  });

  it("serves citationsByYear and the counts of 50 papers with one statement each", async () => {
    const res = await server.query(`{ papers(first: 50) { edges { node { citationsByYear { year count } citationCount } } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.extensions!.cypherRoundTrips).toBe(3);
    // Paper i is cited by i-1..i-12; years are 2000 + (paper % 20), so paper 30 is cited by 18..29.
    const counts = new Map<number, number>();
    for (let k = 18; k <= 29; k++) counts.set(2000 + (k % 20), (counts.get(2000 + (k % 20)) ?? 0) + 1);
    const expected = [...counts].sort(([a], [b]) => a - b).map(([year, count]) => ({ year, count }));
    expect(res.data!.papers.edges[30].node).toEqual({ citationsByYear: expected, citationCount: 12 });
  });
});
