// Every argument that names a paper takes every name a client may hold for it: the paper id, an arXiv id in any
// spelling, a DOI in any spelling and any case. Names resolve in one batched lookup; unknown ones keep their error.
import { startSeededServer, stopSeededServer, TestServer } from "../helpers/server";
import { asCurator } from "../helpers/tokens";
import type { TestDatabase } from "../helpers/database";

const RESNET = "journals/corr/1512.03385";
const DENSENET = "journals/corr/1608.06993";
const DCGAN = "journals/corr/1511.06434";

describe("paper names in arguments", () => {
  let t: TestDatabase;
  let server: TestServer;

  beforeAll(async () => ({ t, server } = await startSeededServer()));
  const mutate = async (query: string) => server.query(query, {}, await asCurator());
  afterAll(() => stopSeededServer({ t, server }));

  it("resolves arXiv ids and DOIs (any case) in the graph queries and papers(ids:), in one lookup statement", async () => {
    const res = await server.query(`{
      byId: priorWorks(ids: ["${DENSENET}", "${DCGAN}"]) { count paper { id } }
      byName: priorWorks(ids: ["arXiv:1608.06993v2", "https://doi.org/10.48550/ARXIV.1511.06434"]) { count paper { id } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data!.byName).toEqual(res.data!.byId);
    expect(res.data!.byId.length).toBeGreaterThan(0);
    // Both aliases' names (four) in one MATCH_PAPERS_BY_IDENTIFIERS statement, then one statement per alias.
    expect(res.extensions!.cypherRoundTrips).toBe(3);

    const n = await server.query(`{ neighbourhood(ids: ["1512.03385"], depth: 1) { nodes { depth paper { id } } }
      papers(ids: ["10.48550/arxiv.1512.03385", "1608.06993", "nobody:1"]) { totalCount edges { node { id } } } }`);
    expect(n.errors).toBeUndefined();
    expect(n.data!.neighbourhood.nodes[0]).toEqual({ depth: 0, paper: { id: RESNET } });
    expect(n.data!.papers.edges.map((e: any) => e.node.id)).toEqual([RESNET, DENSENET]);
    expect(n.data!.papers.totalCount).toBe(2);

    const path = await server.query(`{ citationPath(from: "arxiv.org/abs/1608.06993", to: "doi:10.48550/arXiv.1512.03385") { length } }`);
    expect(path.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT"); // not a spelling parsePaperRef reads
    const ok = await server.query(`{ citationPath(from: "https://arxiv.org/abs/1608.06993", to: "doi:10.48550/arXiv.1512.03385") { length papers { id } } }`);
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.citationPath[0].papers.map((p: any) => p.id)).toEqual([DENSENET, RESNET]);
  });

  it("refuses an unknown name clearly, and the same paper under two names as both ends", async () => {
    const unknown = await server.query(`{ neighbourhood(ids: ["9999.99999"]) { nodes { depth } } }`);
    expect(unknown.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(unknown.errors?.[0]?.message).toContain('"9999.99999"');
    const same = await server.query(`{ citationPath(from: "1512.03385", to: "${RESNET}") { length } }`);
    expect(same.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("takes any name in the edge and summary mutations, and writes nothing for an unknown or self edge", async () => {
    const before = await t.counts();
    const self = await mutate(`mutation { addCitation(from: "1512.03385", to: "10.48550/ARXIV.1512.03385") { changed } }`);
    expect(self.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const missing = await mutate(`mutation { addCitation(from: "1512.03385", to: "10.1000/none") { changed } }`);
    expect(missing.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(missing.errors?.[0]?.message).toContain("10.1000/none");
    expect(await t.counts()).toEqual(before);

    const added = await mutate(`mutation { addCitation(from: "arXiv:1511.06434", to: "https://doi.org/10.48550/arXiv.1608.06993") {
      changed from { id } to { id citationCount } } }`);
    expect(added.errors).toBeUndefined();
    expect(added.data!.addCitation).toMatchObject({ changed: true, from: { id: DCGAN }, to: { id: DENSENET } });
    const summary = await mutate(`mutation { addSummary(paperId: "1608.06993", body: "Dense blocks.") { paper { id summaryCount } } }`);
    expect(summary.errors).toBeUndefined();
    expect(summary.data!.addSummary.paper.id).toBe(DENSENET);
  });

  it("takes a name that is one paper's id and another's arXiv id as the id; papers(ids:) resolves names in its one statement", async () => {
    await t.ingest.upsertPapers([
      { id: "test/by-arxiv", title: "Known by its arXiv id", arxivId: "2101.00001" },
      { id: "2101.00001", title: "Known by that as its id" },
    ]);
    const one = await server.query(`{ paper(id: "2101.00001") { id } }`);
    expect(one.data!.paper).toEqual({ id: "2101.00001" });
    const list = await server.query(`{ papers(ids: ["2101.00001", "arXiv:1608.06993", "nobody:1", "${DENSENET}"]) { edges { node { id } } } }`);
    expect(list.errors).toBeUndefined();
    expect(list.data!.papers.edges.map((e: any) => e.node.id)).toEqual(["2101.00001", DENSENET]);
    expect(list.extensions!.cypherRoundTrips).toBe(1);
    const arxivOnly = await server.query(`{ paper(id: "arXiv:2101.00002") { id } }`);
    expect(arxivOnly.data!.paper).toBeNull();
  });

  it("finds a paper by its DOI in any case after schema setup lower-cased an old store's DOIs", async () => {
    await t.db.write(`MATCH (p:Paper {id: $id}) SET p.doi = toUpper(p.doi)`, { id: RESNET });
    const { ensureSchema } = await import("../../src/neo4j/schema-setup");
    await ensureSchema(t.db);
    const res = await server.query(`{ paper(id: "10.48550/ARXIV.1512.03385") { id } }`);
    expect(res.data!.paper).toEqual({ id: RESNET });
  });
});
