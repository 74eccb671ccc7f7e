// The warm-up's choices without a database: which documents run, with what variables, and what it reports. That the
// queries run against Neo4j at start, all without an error, is start.test.ts's.
import { getOperationAST, GraphQLSchema, parse } from "graphql";
import { buildAppSchema } from "../../src/graphql/schema";
import { REPOSITORY_MANIFEST, TrustedDocuments } from "../../src/graphql/trusted-documents";
import { variablesFor, warmUp, WARM_UP_SAMPLE, WarmUpRunners } from "../../src/graphql/warm-up";
import { NEIGHBOURHOOD, PAPER } from "../../src/web/explore/documents";
import { createLogger } from "../../src/logger";

const SAMPLE = { id: "journals/corr/1512.03385", word: "Residual" };
const logger = createLogger("silent");

describe("the warm-up at start", () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildAppSchema();
  });
  const variablesOf = (query: string) => variablesFor(schema, getOperationAST(parse(query)), SAMPLE);

  it("fills every query of the repository's manifest, and no subscription", () => {
    const manifest = TrustedDocuments.load(REPOSITORY_MANIFEST);
    expect(manifest.queries.length).toBeGreaterThanOrEqual(13);
    for (const query of manifest.queries) expect(variablesOf(query)).toBeDefined();
    expect(variablesOf(`subscription S($paperId: ID!) { summaryAdded(paperId: $paperId) { id } }`)).toBeUndefined();
    expect(variablesOf(`mutation M { deleteSummary(id: "x") { id } }`)).toBeUndefined();
  });

  it("gives required variables a value from the sample paper, and leaves optional ones out", () => {
    expect(variablesOf(PAPER)).toEqual({ id: SAMPLE.id });
    expect(variablesOf(NEIGHBOURHOOD)).toEqual({
      id: SAMPLE.id,
      depth: 1,
      direction: expect.any(String),
      edges: ["CITES", "SEE_ALSO"],
      limit: 1,
    });
    expect(variablesOf(`query Q($q: String!, $after: String, $first: Int! = 5) { search(query: $q, after: $after, first: $first) { totalCount } }`)).toEqual({ q: "Residual" });
    // A required input object has no sample: the document is left out rather than sent wrong.
    expect(variablesOf(`query Q($f: PaperFilterInput!) { papers(filter: $f) { totalCount } }`)).toBeUndefined();
  });

  it("runs each document once with the sample's values, counts failures, and starts none once the budget is spent", async () => {
    const sent: Array<[string, Record<string, unknown>]> = [];
    const run: WarmUpRunners = {
      sample: async (query) => {
        expect(query).toBe(WARM_UP_SAMPLE);
        return { data: { summaries: { edges: [{ node: { paper: { id: "p/1", title: "On Graphs" } } }] }, papers: { edges: [] } } };
      },
      document: async (query, variables) => {
        sent.push([query, variables]);
        return query.includes("search") ? { errors: [new Error("no")] } : { data: {} };
      },
    };
    const docs = [PAPER, `query S($q: String!) { search(query: $q) { totalCount } }`, `subscription X { summaryAdded { id } }`, "query Broken {"];
    expect(await warmUp(run, schema, docs, 60_000, logger)).toMatchObject({ ran: 3, failed: 2, skipped: 1, unstarted: 0 });
    expect(sent.map(([, v]) => v)).toEqual([{ id: "p/1" }, { q: "Graphs" }]);

    sent.length = 0;
    expect(await warmUp(run, schema, docs, 0, logger)).toMatchObject({ ran: 0, failed: 0, skipped: 0, unstarted: 4 });
    expect(sent).toEqual([]);
  });
});
