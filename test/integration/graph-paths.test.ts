// citationPath's order and its cap, on graphs built for them: paths through the same papers that differ only by
// their edges, and fans of exactly 1,000 and 1,001 equally short paths.
import { openTestDatabase, TestDatabase } from "../helpers/database";
import { startTestServer, TestServer } from "../helpers/server";
import { MAX_PATHS_ENUMERATED } from "../../src/graph/graph.repository";

const PATH = `
  query P($from: ID!, $to: ID!, $directed: Boolean, $first: Int) {
    citationPath(from: $from, to: $to, directed: $directed, first: $first) { papers { id } edges { from to kind } } }`;

const cites = (from: string, to: string) => ({ from, to, kind: "CITES" });
const seeAlso = (from: string, to: string) => ({ from, to, kind: "SEE_ALSO" });

describe("citationPath", () => {
  let t: TestDatabase;
  let server: TestServer;

  beforeAll(async () => {
    t = await openTestDatabase();
    await t.reset();
    server = await startTestServer(t);
  });
  afterAll(async () => {
    await server.close();
    await t.close();
  });

  async function paths(from: string, to: string, vars: Record<string, unknown> = {}) {
    const res = await server.query(PATH, { from, to, ...vars });
    expect(res.errors).toBeUndefined();
    return res.data!.citationPath as Array<{ papers: Array<{ id: string }>; edges: unknown[] }>;
  }

  describe("paths through the same papers", () => {
    // Each pair twice, its edges written in one order and in the other (each in its own transaction): the answer
    // must not depend on which edge was stored first.
    beforeAll(async () => {
      await t.ingest.upsertPapers(["x", "y", "u", "v", "m", "n", "p", "q"].map((k) => ({ id: `t:${k}`, title: k.toUpperCase() })));
      await t.ingest.upsertCitations([{ from: "t:x", to: "t:y" }]);
      await t.ingest.upsertSeeAlso([{ from: "t:y", to: "t:x" }]);
      await t.ingest.upsertSeeAlso([{ from: "t:v", to: "t:u" }]);
      await t.ingest.upsertCitations([{ from: "t:u", to: "t:v" }]);
      await t.ingest.upsertCitations([{ from: "t:m", to: "t:n" }]);
      await t.ingest.upsertCitations([{ from: "t:n", to: "t:m" }]);
      await t.ingest.upsertCitations([{ from: "t:q", to: "t:p" }]);
      await t.ingest.upsertCitations([{ from: "t:p", to: "t:q" }]);
    });

    it("orders a paper's citation before its see-also link to the same paper, and first: 1 takes the citation", async () => {
      // As DenseNet cites ResNet on the seed while ResNet's summary links to DenseNet.
      for (const [a, b] of [["t:x", "t:y"], ["t:u", "t:v"]]) {
        expect((await paths(a, b)).map((p) => p.edges)).toEqual([[cites(a, b)], [seeAlso(b, a)]]);
        expect((await paths(b, a)).map((p) => p.edges)).toEqual([[cites(a, b)], [seeAlso(b, a)]]);
        expect((await paths(a, b, { first: 1 })).map((p) => p.edges)).toEqual([[cites(a, b)]]);
      }
    });

    it("orders two papers citing each other by the paper each edge starts from", async () => {
      for (const [a, b] of [["t:m", "t:n"], ["t:p", "t:q"]]) {
        expect((await paths(a, b)).map((p) => p.edges)).toEqual([[cites(a, b)], [cites(b, a)]]);
        expect((await paths(b, a)).map((p) => p.edges)).toEqual([[cites(a, b)], [cites(b, a)]]);
        expect((await paths(b, a, { first: 1 })).map((p) => p.edges)).toEqual([[cites(a, b)]]);
      }
    });
  });

  describe(`more than ${MAX_PATHS_ENUMERATED} shortest paths`, () => {
    // f:s cites f:a0..a9, each of them f:b0..b9, each of those f:c0..c9, each of those f:t: 10 x 10 x 10 = 1,000
    // paths of 4 edges, the cap; then one more of 4 edges through f:d1, f:d2, f:d3.
    const layer = (name: string) => Array.from({ length: 10 }, (_, i) => `f:${name}${i}`);
    const [a, b, c] = [layer("a"), layer("b"), layer("c")];
    const all = (froms: string[], tos: string[]) => froms.flatMap((from) => tos.map((to) => ({ from, to })));

    beforeAll(async () => {
      const ids = ["f:s", "f:t", ...a, ...b, ...c, "f:d1", "f:d2", "f:d3"];
      await t.ingest.upsertPapers(ids.map((id) => ({ id, title: id })));
      await t.ingest.upsertCitations([...all(["f:s"], a), ...all(a, b), ...all(b, c), ...all(c, ["f:t"])]);
    });

    it("orders all of exactly 1,000, then refuses 1,001 with a BAD_USER_INPUT naming their length", async () => {
      expect(MAX_PATHS_ENUMERATED).toBe(1000);
      const ids = (p: { papers: Array<{ id: string }> }) => p.papers.map((x) => x.id).join(" ");
      const found = await paths("f:s", "f:t", { first: 100 });
      expect(found).toHaveLength(100);
      expect(ids(found[0])).toBe("f:s f:a0 f:b0 f:c0 f:t");
      expect(ids(found[1])).toBe("f:s f:a0 f:b0 f:c1 f:t");
      expect(ids(found[99])).toBe("f:s f:a0 f:b9 f:c9 f:t");

      await t.ingest.upsertCitations([{ from: "f:s", to: "f:d1" }, { from: "f:d1", to: "f:d2" }, { from: "f:d2", to: "f:d3" }, { from: "f:d3", to: "f:t" }]);
      for (const vars of [{ first: 1 }, { first: 1, directed: true }]) {
        const res = await server.query(PATH, { from: "f:s", to: "f:t", ...vars });
        expect(res.data).toBeNull();
        expect(res.errors).toHaveLength(1);
        expect(res.errors![0].extensions!.code).toBe("BAD_USER_INPUT");
        expect(res.errors![0].message).toBe(
          "More than 1000 shortest paths of 4 edges join from and to, too many to order and pick the first from: " +
            "narrow the search (fewer edge kinds in edges, or directed: true).",
        );
      }
    });
  });
});
