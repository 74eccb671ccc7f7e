// What a resolver's selection is, when one parsed document runs again and again as Apollo runs it (one DocumentNode
// per query text): a selection set without variables is parsed once per process; one with variables, in its
// arguments, its @skip/@include or a fragment's, is read afresh in every request (src/graphql/selection.ts).
import { buildSchema, DocumentNode, execute, GraphQLResolveInfo, parse } from "graphql";
import * as parseResolveInfo from "graphql-parse-resolve-info";
import { selectedFieldArgs, selectedFieldNames, selectedFirstPage } from "../../src/graphql/selection";

const schema = buildSchema(`
  type Query { paper(id: ID): Paper }
  type Paper { id: ID title: String year: Int summaries(first: Int = 20, after: ID): [Summary] }
  type Summary { id: ID }
`);

interface Seen {
  names: string[];
  firstPage: number | undefined;
}

/** What `paper`'s resolver sees of its selection when `document` runs with `variables`. */
async function seenBy(document: DocumentNode, variables: Record<string, unknown> = {}): Promise<Seen> {
  let seen: Seen | undefined;
  const rootValue = {
    paper: (_args: unknown, _ctx: unknown, info: GraphQLResolveInfo) => {
      seen = { names: [...selectedFieldNames(info)].sort(), firstPage: selectedFirstPage(info, ["summaries"]) };
      return null;
    },
  };
  const res = await execute({ schema, document, rootValue, variableValues: variables });
  expect(res.errors).toBeUndefined();
  return seen!;
}

describe("the selection of one document across requests", () => {
  afterEach(() => jest.restoreAllMocks());

  it("parses a selection set without variables once, whatever the field's own arguments are", async () => {
    const parses = jest.spyOn(parseResolveInfo, "parseResolveInfo");
    const document = parse(`query($id: ID) { paper(id: $id) { id title summaries(first: 2) { id } } }`);
    for (const id of ["a", "b", "c"]) {
      expect(await seenBy(document, { id })).toEqual({ names: ["id", "summaries", "title"], firstPage: 2 });
    }
    expect(parses).toHaveBeenCalledTimes(1);
    // The same text parsed again is another document: its nodes are new keys.
    await seenBy(parse(`query($id: ID) { paper(id: $id) { id title summaries(first: 2) { id } } }`), { id: "a" });
    expect(parses).toHaveBeenCalledTimes(2);
  });

  it("gives the field's own arguments of each request, though the selection under it was parsed once", async () => {
    const document = parse(`query($id: ID) { paper(id: $id) { id title } }`);
    for (const id of ["a", "b", "c"]) {
      let args: unknown;
      const rootValue = {
        paper: (_args: unknown, _ctx: unknown, info: GraphQLResolveInfo) => {
          selectedFieldNames(info);
          args = selectedFieldArgs(info, []);
          return null;
        },
      };
      expect((await execute({ schema, document, rootValue, variableValues: { id } })).errors).toBeUndefined();
      expect(args).toEqual([{ id }]);
    }
  });

  it("reads a selection with variables in @include, @skip or an argument afresh in every request", async () => {
    const document = parse(`query($title: Boolean!, $year: Boolean!, $n: Int) {
      paper { id title @include(if: $title) year @skip(if: $year) summaries(first: $n) { id } } }`);
    const runs: Array<[Record<string, unknown>, Seen]> = [
      [{ title: true, year: false, n: 3 }, { names: ["id", "summaries", "title", "year"], firstPage: 3 }],
      [{ title: false, year: true, n: 5 }, { names: ["id", "summaries"], firstPage: 5 }],
      [{ title: true, year: true, n: 1000 }, { names: ["id", "summaries", "title"], firstPage: undefined }],
      [{ title: false, year: false }, { names: ["id", "summaries", "year"], firstPage: 20 }],
    ];
    for (const [variables, expected] of runs) expect(await seenBy(document, variables)).toEqual(expected);
  });

  it("follows a variable into fragments, directives on spreads and inline fragments, and a field selected twice", async () => {
    const spread = parse(`query($title: Boolean!) { paper { id ...F } } fragment F on Paper { title @include(if: $title) }`);
    expect((await seenBy(spread, { title: true })).names).toEqual(["id", "title"]);
    expect((await seenBy(spread, { title: false })).names).toEqual(["id"]);
    const inline = parse(`query($year: Boolean!) { paper { id ... on Paper @include(if: $year) { year } } }`);
    expect((await seenBy(inline, { year: true })).names).toEqual(["id", "year"]);
    expect((await seenBy(inline, { year: false })).names).toEqual(["id"]);
    const nested = parse(`query($n: Int) { paper { ...F } }
      fragment F on Paper { id ...G } fragment G on Paper { summaries(first: $n) { id } }`);
    expect((await seenBy(nested, { n: 4 })).firstPage).toBe(4);
    expect((await seenBy(nested, { n: 6 })).firstPage).toBe(6);
    // The field selected twice, once under a variable's @include: alone in one request, merged in the other.
    const merged = parse(`query($more: Boolean!) { paper { id } paper @include(if: $more) { title } }`);
    expect((await seenBy(merged, { more: false })).names).toEqual(["id"]);
    expect((await seenBy(merged, { more: true })).names).toEqual(["id", "title"]);
    const onSpread = parse(`query($t: Boolean!) { paper { id ...F @include(if: $t) } } fragment F on Paper { title }`);
    expect((await seenBy(onSpread, { t: true })).names).toEqual(["id", "title"]);
    expect((await seenBy(onSpread, { t: false })).names).toEqual(["id"]);
  });
});
