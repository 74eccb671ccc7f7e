// The cost of an operation (src/graphql/limits.ts) on the application's schema: lists priced by what they may hold,
// whether a page size or the list's own maximum bounds them.
import { GraphQLSchema, parse } from "graphql";
import { buildAppSchema } from "../../src/graphql/schema";
import { queryCost } from "../../src/graphql/limits";
import { loadConfig } from "../../src/config";

let schema: GraphQLSchema;
const cost = (query: string) => queryCost(schema, parse(query));

beforeAll(async () => {
  schema = await buildAppSchema();
});

it("counts a path's papers up to maxDepth + 1 = 7 per path", () => {
  // related(first: 100) { totalCount }: 1 + 100 x 1; papers: 1 + 7 x 101; citationPath(first: 100): 1 + 100 x 708.
  const query = `{ citationPath(from: "a", to: "b", first: 100, maxDepth: 6) { papers { related(first: 100) { totalCount } } } }`;
  expect(cost(query)).toBe(1 + 100 * (1 + 7 * (1 + 100 * 1)));
});

it("counts a signal's examples up to 5", () => {
  // references(first: 100) { id }: 101; examples: 1 + 5 x 101; coCitation, evidence, node and edges 1 each around
  // it; related(first: 10): 1 + 10 x that; paper: 1 more.
  const query = `{ paper(id: "a") { related(first: 10) { edges { node { evidence { coCitation {
    examples { references(first: 100) { id } } } } } } } } }`;
  expect(cost(query)).toBe(1 + 1 + 10 * (4 + 1 + 5 * (1 + 100)));
});

it("counts a neighbourhood's stats, topCited's papers among them, once per node of its limit, and serves the largest", () => {
  // limit: 5000 times the selection: truncated 1, nodes 1 + (depth 1, paper 1 + 3), edges 1 + 3, stats 1 + (nodeCount,
  // edgeCount, nodesByDepth 1 + 2, citationsByYear 1 + 2, topCited 1 + (count, paper 1 + title)).
  const query = `{ neighbourhood(ids: ["a"], limit: 5000) { truncated nodes { depth paper { id title year } } edges { from to kind }
    stats { nodeCount edgeCount nodesByDepth { depth count } citationsByYear { year count } topCited { count paper { title } } } } }`;
  const selection = 1 + (1 + 1 + 4) + (1 + 3) + (1 + 1 + 1 + 3 + 3 + (1 + 1 + 2));
  expect(cost(query)).toBe(1 + 5000 * selection);
  expect(cost(query)).toBeLessThanOrEqual(loadConfig({}).MAX_QUERY_COST);
});
