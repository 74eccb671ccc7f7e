// When a read may answer a nested list ahead of its resolver (src/graphql/selection.ts selectedFirstPage): the list
// selected once, for its first page, with a size in bounds. Anything else is left to the field and its loader.
import { buildSchema, graphql, GraphQLResolveInfo } from "graphql";
import { selectedFirstPage } from "../../src/graphql/selection";

const schema = buildSchema(`
  type Query { paper: Paper }
  type Paper { id: ID summaries(first: Int = 20, after: ID): [Summary] }
  type Summary { id: ID }
`);

/** The first page `selectedFirstPage` sees under `paper` for this document. */
async function firstPageOf(document: string, variables?: Record<string, unknown>): Promise<number | undefined> {
  let seen: number | undefined | null = null;
  const rootValue = {
    paper: (_args: unknown, _ctx: unknown, info: GraphQLResolveInfo) => {
      seen = selectedFirstPage(info, ["summaries"]);
      return null;
    },
  };
  const res = await graphql({ schema, source: document, rootValue, variableValues: variables });
  expect(res.errors).toBeUndefined();
  expect(seen).not.toBeNull();
  return seen ?? undefined;
}

describe("selectedFirstPage", () => {
  it("gives the size of a first page asked once, the default included", async () => {
    expect(await firstPageOf(`{ paper { summaries(first: 5) { id } } }`)).toBe(5);
    expect(await firstPageOf(`{ paper { summaries { id } } }`)).toBe(20);
    expect(await firstPageOf(`query($n: Int) { paper { summaries(first: $n) { id } } }`, { n: 7 })).toBe(7);
    expect(await firstPageOf(`{ paper { ...F } } fragment F on Paper { summaries(first: 3) { id } }`)).toBe(3);
  });

  it("leaves a later page, a second alias, a size out of bounds or a skipped field to the field", async () => {
    expect(await firstPageOf(`{ paper { summaries(first: 5, after: "x") { id } } }`)).toBeUndefined();
    expect(await firstPageOf(`{ paper { summaries(first: 5) { id } more: summaries(first: 5) { id } } }`)).toBeUndefined();
    expect(await firstPageOf(`{ paper { summaries(first: 0) { id } } }`)).toBeUndefined();
    expect(await firstPageOf(`{ paper { summaries(first: 1000) { id } } }`)).toBeUndefined();
    expect(await firstPageOf(`{ paper { summaries(first: 5) @skip(if: true) { id } } }`)).toBeUndefined();
    expect(await firstPageOf(`{ paper { id } }`)).toBeUndefined();
  });
});
