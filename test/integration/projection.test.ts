// Reads fetch only the properties a request selects (src/graphql/selection.ts): whatever the selection's shape,
// the answer must be the one a full read gives, and arguments are still validated when checked once per field.
import type { TestDatabase } from "../helpers/database";
import { startSeededServer, stopSeededServer, TestServer } from "../helpers/server";

const RESNET = "journals/corr/1512.03385";
const DENSENET = "journals/corr/1608.06993";
const ALL = "id title abstract year venue url arxivId doi stub";

describe("selection-aware reads", () => {
  let t: TestDatabase;
  let server: TestServer;

  beforeAll(async () => ({ t, server } = await startSeededServer()));
  afterAll(() => stopSeededServer({ t, server }));

  async function full(id: string) {
    const res = await server.query(`query($id: ID!) { paper(id: $id) { ${ALL} } }`, { id });
    expect(res.errors).toBeUndefined();
    return res.data!.paper;
  }

  it("answers aliased siblings with different selections from one batch, each with its own fields", async () => {
    const res = await server.query(
      `query($id: ID!) { paper(id: $id) {
        narrow: seeAlso(first: 5) { paper { id } }
        wide: seeAlso(first: 5) { paper { ${ALL} } }
        citers: citedBy(first: 5) { title }
      } }`,
      { id: RESNET },
    );
    expect(res.errors).toBeUndefined();
    const densenet = await full(DENSENET);
    expect(res.data!.paper).toEqual({
      narrow: [{ paper: { id: DENSENET } }],
      wide: [{ paper: densenet }],
      citers: [{ title: densenet.title }],
    });
    // paper(id) with its citers (selected once, so read along: docs/api.md#batching) + the see-also batch (both
    // projections, union of properties): two statements.
    expect(res.extensions?.cypherRoundTrips).toBe(2);
  });

  it("follows named fragments, inline fragments and @include", async () => {
    const query = `query($id: ID!, $withYear: Boolean!) { paper(id: $id) { ...Head ... on Paper { doi } year @include(if: $withYear) } }
      fragment Head on Paper { id title arxivId }`;
    const densenet = await full(DENSENET);
    const on = await server.query(query, { id: DENSENET, withYear: true });
    expect(on.data!.paper).toEqual({ id: DENSENET, title: densenet.title, arxivId: densenet.arxivId, doi: densenet.doi, year: densenet.year });
    const off = await server.query(query, { id: DENSENET, withYear: false });
    expect(off.data!.paper).toEqual({ id: DENSENET, title: densenet.title, arxivId: densenet.arxivId, doi: densenet.doi });
  });

  it("never answers a wide selection from a narrow read cached earlier in the request", async () => {
    // The list primes the by-id cache with id-only records; each summary's paper asks for more than the id.
    const res = await server.query(`{ papers(first: 100) { edges { node { id summaries { paper { id title year stub } } } } } }`);
    expect(res.errors).toBeUndefined();
    const resnet = await full(RESNET);
    const node = res.data!.papers.edges.find((e: any) => e.node.id === RESNET).node;
    expect(node.summaries).toEqual([{ paper: { id: RESNET, title: resnet.title, year: resnet.year, stub: false } }]);
  });

  it("answers a narrower load from a wider read of the same request", async () => {
    // The list (with each paper's first summaries, docs/api.md#batching) primes the by-id cache with (id, title);
    // each summary's paper needs only the id: no further statement.
    const res = await server.query(`{ papers(first: 100) { edges { node { title summaries { paper { id } } } } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.extensions?.cypherRoundTrips).toBe(1);
    const node = res.data!.papers.edges.find((e: any) => e.node.summaries.length > 0).node;
    expect(node.summaries[0].paper.id).toBeDefined();
  });

  it("projects search hits' papers and summaries along their paths", async () => {
    const res = await server.query(`{ search(query: "residual", first: 10) { edges { node { field
      paper { id title year } summary { id body } } } } }`);
    expect(res.errors).toBeUndefined();
    const hits = res.data!.search.edges.map((e: any) => e.node);
    const resnet = await full(RESNET);
    const titleHit = hits.find((h: any) => h.field === "TITLE" && h.paper.id === RESNET);
    expect(titleHit.paper).toEqual({ id: RESNET, title: resnet.title, year: resnet.year });
    const summaries = await server.query(`{ search(query: "residual residuals", fields: [SUMMARY], first: 10) { edges { node { summary { id body } } } } }`);
    expect(summaries.errors).toBeUndefined();
    const summary = summaries.data!.search.edges[0].node.summary;
    expect(summary.body.toLowerCase()).toMatch(/residuals?\b/);
    expect(Object.keys(summary)).toEqual(["id", "body"]);
  });

  it("gives summaries the body bodyHtml needs, and no more than asked", async () => {
    const res = await server.query(`query($id: ID!) { paper(id: $id) { summaries { id bodyHtml } } }`, { id: RESNET });
    expect(res.errors).toBeUndefined();
    expect(res.data!.paper.summaries[0].bodyHtml).toContain("<h2>See also</h2>");
    expect(Object.keys(res.data!.paper.summaries[0])).toEqual(["id", "bodyHtml"]);
  });

  it("still rejects an out-of-bounds argument on every parent of a level", async () => {
    const res = await server.query(`query($n: Int!) { papers(first: 5) { edges { node { id references(first: $n) { id } } } } }`, { n: 101 });
    expect(res.data ?? null).toBeNull();
    expect(res.errors!.length).toBeGreaterThan(0);
    for (const e of res.errors!) expect(e.extensions!.code).toBe("BAD_USER_INPUT");
  });
});
