// The read API over the ShortScience seed, as a frontend or client sees it over HTTP.
import type { TestDatabase } from "../helpers/database";
import { startSeededServer, stopSeededServer, TestServer } from "../helpers/server";

const RESNET = "journals/corr/1512.03385";
const DENSENET = "journals/corr/1608.06993";

describe("read API on the seed", () => {
  let t: TestDatabase;
  let server: TestServer;

  beforeAll(async () => ({ t, server } = await startSeededServer()));
  afterAll(() => stopSeededServer({ t, server }));

  it.each([RESNET, "1512.03385", "arXiv:1512.03385v2", "https://arxiv.org/abs/1512.03385", "10.48550/arXiv.1512.03385"])(
    "finds ResNet by %p",
    async (id) => {
      const res = await server.query(`query($id: ID!) { paper(id: $id) { id title year arxivId } }`, { id });
      expect(res.data!.paper).toEqual({ id: RESNET, title: "Deep Residual Learning for Image Recognition", year: 2015, arxivId: "1512.03385" });
    },
  );

  it("answers null for an unknown id", async () => {
    const res = await server.query(`{ paper(id: "journals/corr/0000.00000") { id } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data!.paper).toBeNull();
  });

  it("serves a paper with its authors, summary, see-also link and citations in one request", async () => {
    const res = await server.query(`query($id: ID!) { paper(id: $id) {
      authors { name }
      summaries { id votes createdAt author { name } mentions { id } body paper { id } }
      seeAlso { note source paper { id title } }
      citedBy { id } references { id }
      citationCount referenceCount seeAlsoCount summaryCount } }`, { id: RESNET });
    expect(res.errors).toBeUndefined();
    const paper = res.data!.paper;
    expect(paper.authors.map((a: any) => a.name)).toEqual(["Kaiming He", "Xiangyu Zhang", "Shaoqing Ren", "Jian Sun"]);
    expect(paper.summaries).toHaveLength(1);
    expect(paper.summaries[0]).toMatchObject({
      id: "shortscience/resnet",
      votes: 0,
      createdAt: "2026-11-27T00:00:05.000Z",
      author: null,
      mentions: [{ id: DENSENET }],
      paper: { id: RESNET },
    });
    expect(paper.summaries[0].body).toContain("## See also");
    expect(paper.seeAlso).toEqual([{ note: "DenseNets", source: "shortscience/resnet", paper: { id: DENSENET, title: "Densely Connected Convolutional Networks" } }]);
    expect(paper.citedBy).toEqual([{ id: DENSENET }]);
    expect(paper.references).toEqual([]);
    expect({ ...paper, authors: 0, summaries: 0, seeAlso: 0, citedBy: 0, references: 0 }).toMatchObject({
      citationCount: 1,
      referenceCount: 0,
      seeAlsoCount: 1,
      summaryCount: 1,
    });
  });

  it("looks up summaries and people, and people's papers", async () => {
    const res = await server.query(`{ summary(id: "shortscience/dcgan") { paper { title } }
      person(name: "Alex Graves") { name papers { id } } nobody: person(name: "Nobody") { name } }`);
    expect(res.data).toEqual({
      summary: { paper: { title: "Unsupervised Representation Learning with Deep Convolutional Generative Adversarial Networks" } },
      person: { name: "Alex Graves", papers: [{ id: "journals/corr/1502.04623" }, { id: "journals/corr/1603.08983" }] },
      nobody: null,
    });
  });

  it("pages the papers connection with keyset cursors that stay put when papers are added", async () => {
    const page = `query($after: String) { papers(first: 3, after: $after) { totalCount edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage endCursor } } }`;
    const first = await server.query(page);
    expect(first.data!.papers.totalCount).toBe(8);
    expect(first.data!.papers.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const ids = first.data!.papers.edges.map((e: any) => e.node.id);
    expect(ids).toEqual([...ids].sort());

    // A paper that sorts before the cursor must not shift the next page (an offset cursor would).
    await t.ingest.upsertPapers([{ id: "aaa/inserted-first", title: "Inserted" }]);
    try {
      const second = await server.query(page, { after: first.data!.papers.pageInfo.endCursor });
      const next = second.data!.papers.edges.map((e: any) => e.node.id);
      expect(next.every((id: string) => id > ids[2])).toBe(true);
      expect(next).toHaveLength(3);
      expect(second.data!.papers.pageInfo.hasPreviousPage).toBe(true);
    } finally {
      await t.driver.executeQuery("MATCH (p:Paper {id: 'aaa/inserted-first'}) DETACH DELETE p", {}, { database: "neo4j" });
    }
  });

  it("walks every page of a nested list with `after`", async () => {
    const q = `query($after: ID) { paper(id: "journals/corr/1502.04623") { authors(first: 2, after: $after) { name } } }`;
    const names: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = (await server.query(q, { after })).data!.paper.authors as Array<{ name: string }>;
      if (page.length === 0) break;
      names.push(...page.map((a) => a.name));
      after = page[page.length - 1].name;
    }
    expect(names).toEqual(["Karol Gregor", "Ivo Danihelka", "Alex Graves", "Danilo Jimenez Rezende", "Daan Wierstra"]);
  });

  it("restricts the connection to given ids", async () => {
    const res = await server.query(`{ papers(ids: ["${DENSENET}", "${RESNET}", "nope/x", "${RESNET}"]) { totalCount edges { node { id } } } }`);
    expect(res.data!.papers).toEqual({ totalCount: 2, edges: [{ node: { id: RESNET } }, { node: { id: DENSENET } }] });
  });

  describe("bad input", () => {
    it.each([
      ["first over the maximum", `{ papers(first: 101) { totalCount } }`, /first must not be greater than 100/],
      ["first below 1", `{ paper(id: "1512.03385") { references(first: 0) { id } } }`, /first must not be less than 1/],
      ["a forged cursor", `{ papers(after: "bm9wZQ") { totalCount } }`, /cursor .* is not valid/],
      ["an empty id", `{ paper(id: "") { id } }`, /id must be longer than or equal to 1 characters/],
      ["an empty id list", `{ papers(ids: []) { totalCount } }`, /ids must contain at least 1 elements/],
    ])("%s gives BAD_USER_INPUT with a sentence", async (_name, query, message) => {
      const res = await server.query(query);
      expect(res.data?.papers ?? res.data?.paper?.references ?? null).toBeNull();
      expect(res.errors).toHaveLength(1);
      expect(res.errors![0].extensions!.code).toBe("BAD_USER_INPUT");
      expect(res.errors![0].message).toMatch(message);
    });

    it("bounds `first` when it arrives as a variable too", async () => {
      const res = await server.query(`query($n: Int!) { papers(first: $n) { totalCount } }`, { n: 1000 });
      expect(res.errors![0].extensions!.code).toBe("BAD_USER_INPUT");
    });
  });
});
