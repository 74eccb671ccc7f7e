// Property-based fuzzing (fast-check) of documents, variables and mutation inputs generated from the schema: no
// request may get a 5xx, an INTERNAL_SERVER_ERROR or kill the server, whatever it asks.
import fc from "fast-check";
import {
  GraphQLArgument,
  GraphQLField,
  GraphQLInputType,
  GraphQLNamedType,
  GraphQLObjectType,
  GraphQLSchema,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
} from "graphql";
import { buildAppSchema } from "../../src/graphql/schema";
import { openTestDatabase, TestDatabase } from "../helpers/database";
import { startTestServer, TestServer } from "../helpers/server";
import { asCurator, Headers } from "../helpers/tokens";

const RUNS = 2500;
// Ids, names and words that exist in the ShortScience seed, so that generated requests reach deep into the graph.
const KNOWN = ["journals/corr/1512.03385", "journals/corr/1608.06993", "1512.03385", "shortscience/dcgan", "Alex Graves", "networks", "residual"];

// What text from the web holds: percent-escapes that do not decode, lone surrogates, control characters, tokens
// far longer than any id, and links and \cite keys made of them. Summary bodies and ids get them alike.
const FRAGMENTS = [
  "https://doi.org/10.1234/%E0",
  "[x](https://doi.org/10.1/%E0%A4)",
  "https://www.shortscience.org/paper?bibtexKey=conf%2F%E0",
  "\\cite{ns:%E0, a/\ud800, he2016deep, x/\u0007y}",
  "arXiv:1512.03385v2",
  "\ud800",
  "\udfff\ud800",
  "\u0000\u0001\u001b[31m\u007f\u0085",
  "\u202e\ufeff\uffff",
];
// Tokens far longer than any id: only in the hostile-text property, where each run is one request.
const LONG = [
  `https://doi.org/10.1/${"%E0".repeat(2000)}`,
  `\\cite{${Array.from({ length: 400 }, (_, i) => `a/b${i}`).join(",")}}`,
  "x".repeat(20_000),
  `10.1234/${"y".repeat(5000)}`,
  // arXiv-shaped, with an archive name thousands of letters long: once a stub id too long for Neo4j's index.
  `arXiv:${"a".repeat(9000)}/1234567`,
  `[x](https://arxiv.org/abs/${"b".repeat(9000)}/1234567)`,
];
const hostile = (fragments: string[]): fc.Arbitrary<string> =>
  fc
    .array(fc.oneof(fc.constantFrom(...fragments), fc.string({ unit: "binary", maxLength: 30 }), fc.constantFrom(...KNOWN)), { minLength: 1, maxLength: 5 })
    .map((parts) => parts.join(" "));
const nasty = hostile(FRAGMENTS);

/** A value for an input type: usually fitting, sometimes out of bounds or of the wrong kind. */
function valueOf(type: GraphQLInputType, depth = 0): fc.Arbitrary<unknown> {
  const nullable = !isNonNullType(type);
  const inner = getNullableType(type);
  let value: fc.Arbitrary<unknown>;
  if (isListType(inner)) value = fc.array(valueOf(inner.ofType, depth + 1), { maxLength: depth > 1 ? 2 : 6 });
  else if (isEnumType(inner)) value = fc.oneof(fc.constantFrom(...inner.getValues().map((v) => v.name)), fc.constant("NOT_A_VALUE"));
  else if (isInputObjectType(inner)) {
    const fields = Object.values(inner.getFields());
    value = depth > 2 ? fc.constant({}) : fc.record(Object.fromEntries(fields.map((f) => [f.name, valueOf(f.type, depth + 1)])), { requiredKeys: [] });
  } else if (isScalarType(inner)) {
    value = scalar(inner.name);
  } else value = fc.constant(null);
  const wrong = fc.oneof(fc.string({ maxLength: 5 }), fc.integer(), fc.boolean(), fc.constant({}), fc.constant([]));
  return fc.oneof({ weight: 12, arbitrary: value }, { weight: nullable ? 2 : 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: wrong });
}

function scalar(name: string): fc.Arbitrary<unknown> {
  switch (name) {
    case "Int":
      return fc.oneof(fc.integer({ min: -3, max: 120 }), fc.constantFrom(0, 1, 100, 101, 5000, 5001, 2 ** 31 - 1, -(2 ** 31)));
    case "Float":
      return fc.oneof(fc.double({ min: -10, max: 20, noNaN: true }), fc.constantFrom(0, 1e308, -1));
    case "Boolean":
      return fc.boolean();
    default:
      // ID, String, DateTime and the like.
      return fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...KNOWN) },
        { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
        { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 20 }) },
        { weight: 1, arbitrary: fc.constantFrom("", "x".repeat(301), "https://arxiv.org/abs/1512.03385", "[a](https://doi.org/10.1/x) $x^2$", "*:* OR title:(a", "\u0000") },
        { weight: 1, arbitrary: nasty },
      );
  }
}

/** A GraphQL literal of a JSON-like value (strings as JSON strings, which GraphQL reads the same way). */
function literal(value: unknown, type: GraphQLInputType): string {
  if (value === null || value === undefined) return "null";
  const inner = getNullableType(type);
  if (Array.isArray(value)) return `[${value.map((v) => literal(v, isListType(inner) ? inner.ofType : inner)).join(", ")}]`;
  if (typeof value === "object") {
    const fields = isInputObjectType(inner) ? inner.getFields() : {};
    return `{ ${Object.entries(value)
      .map(([k, v]) => `${k}: ${literal(v, fields[k]?.type ?? inner)}`)
      .join(", ")} }`;
  }
  if (typeof value === "string" && isEnumType(inner) && /^[A-Za-z_]\w*$/.test(value)) return value;
  return JSON.stringify(value);
}

interface Built {
  text: string;
  variables: Record<string, unknown>;
  definitions: string[];
}

/** A selection on an object type, its arguments given inline or as variables (which `built` collects). */
function selection(schema: GraphQLSchema, type: GraphQLObjectType, depth: number): fc.Arbitrary<(b: Built) => string> {
  const fields = Object.values(type.getFields());
  const one = (field: GraphQLField<unknown, unknown>): fc.Arbitrary<(b: Built) => string> => {
    // Required arguments nearly always, optional ones half of the time: most documents should get past validation.
    const given = (a: GraphQLArgument) => (isNonNullType(a.type) && a.defaultValue === undefined ? 19 : 1);
    const args = fc.tuple(
      ...field.args.map((a) =>
        fc.tuple(fc.constant(a), fc.oneof({ weight: given(a), arbitrary: valueOf(a.type) }, { weight: 1, arbitrary: fc.constant(undefined) }), fc.boolean()),
      ),
    );
    const named = getNamedType(field.type) as GraphQLNamedType;
    const sub = isObjectType(named) && depth > 0 ? selection(schema, named, depth - 1) : fc.constant(undefined);
    return fc.tuple(args, sub, fc.oneof({ weight: 6, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom("a", "b", "c") })).map(([argValues, subSel, alias]) => (b: Built) => {
      const rendered = (argValues as Array<[GraphQLArgument, unknown, boolean]>)
        .filter(([, v]) => v !== undefined)
        .map(([arg, v, asVariable]) => {
          if (!asVariable) return `${arg.name}: ${literal(v, arg.type)}`;
          const name = `v${b.definitions.length}`;
          b.definitions.push(`$${name}: ${String(arg.type)}`);
          b.variables[name] = v;
          return `${arg.name}: $${name}`;
        });
      const head = `${alias ? `${alias}${field.name}: ` : ""}${field.name}${rendered.length ? `(${rendered.join(", ")})` : ""}`;
      if (isLeafType(named)) return head;
      return `${head} { ${subSel ? subSel(b) : "__typename"} }`;
    });
  };
  return fc.subarray(fields, { minLength: 1, maxLength: Math.min(3, fields.length) }).chain((chosen) => fc.tuple(...chosen.map(one))).map((parts) => (b: Built) => parts.map((p) => p(b)).join(" "));
}

function operation(schema: GraphQLSchema): fc.Arbitrary<{ query: string; variables: Record<string, unknown> }> {
  const query = selection(schema, schema.getQueryType()!, 3).map((s) => ["query", s] as const);
  const mutation = selection(schema, schema.getMutationType()!, 1).map((s) => ["mutation", s] as const);
  return fc
    .tuple(fc.oneof({ weight: 4, arbitrary: query }, { weight: 1, arbitrary: mutation }), fc.oneof({ weight: 9, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.nat() }))
    .map(([[kind, sel], cut]) => {
      const b: Built = { text: "", variables: {}, definitions: [] };
      const body = sel(b);
      let text = `${kind} Fuzz${b.definitions.length ? `(${b.definitions.join(", ")})` : ""} { ${body} }`;
      // Now and then a document cut short: a syntax error must stay a 400.
      if (cut !== undefined) text = text.slice(0, cut % text.length);
      return { query: text, variables: b.variables };
    });
}

describe("fuzzing the schema", () => {
  let t: TestDatabase;
  let curator: Headers;
  let server: TestServer;
  let schema: GraphQLSchema;

  beforeAll(async () => {
    t = await openTestDatabase();
    schema = await buildAppSchema();
    server = await startTestServer(t);
    // As a curator, so that generated mutations get past their role check to their arguments.
    curator = await asCurator();
  });

  // Each property writes as a curator: each starts from the seed.
  beforeEach(async () => {
    await t.reset();
    await t.seedShortScience();
  });

  afterAll(async () => {
    await server.close();
    await t.close();
  });

  // The fuzzer's first find: an explicit `after: null` was decoded as a cursor and failed as an internal error.
  it("reads an explicit after: null as the first page on every connection", async () => {
    const res = await server.query(`{ papers(after: null, first: 1) { edges { node { id related(after: null) { totalCount } } } }
      search(query: "residual", after: null) { totalCount } byTitle: papers(orderBy: TITLE, after: null, first: 1) { totalCount } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data!.papers.edges).toHaveLength(1);
  });

  it("adds, edits and looks up summaries and papers with hostile text without an internal error, and a refusal changes nothing", async () => {
    // As a curator, so that the mutations read their arguments rather than stop at the role check.
    const ask = (query: string, variables: Record<string, unknown>) =>
      fetch(server.url, { method: "POST", headers: { "content-type": "application/json", ...curator }, body: JSON.stringify({ query, variables }) });
    const ops = [
      ["mutation($p: ID!, $b: String!) { addSummary(paperId: $p, body: $b) { id mentions { id } } }", (text: string) => ({ p: "journals/corr/1512.03385", b: text })],
      ["mutation($b: String!) { editSummary(id: \"shortscience/resnet\", body: $b) { id mentions { id } } }", (text: string) => ({ b: text })],
      ["mutation($i: PaperInput!) { upsertPaper(input: $i) { id } }", (text: string) => ({ i: { id: text, title: text } })],
      ["query($p: ID!) { paper(id: $p) { id } }", (text: string) => ({ p: text })],
      ["query($q: String!) { search(query: $q) { totalCount } }", (text: string) => ({ q: text })],
    ] as const;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ops), hostile([...FRAGMENTS, ...LONG]), async ([query, variables], text) => {
        const before = await t.counts();
        const res = await ask(query, variables(text));
        const body = (await res.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
        expect(res.status).toBeLessThan(500);
        const codes = (body.errors ?? []).map((e) => e.extensions?.code);
        expect(codes).not.toContain("INTERNAL_SERVER_ERROR");
        expect(codes).not.toContain("UNAUTHENTICATED");
        if (codes.length > 0) expect(await t.counts()).toEqual(before);
      }),
      { numRuns: 300, seed: 20261, endOnFailure: true },
    );
    // 300 requests, three in five of them mutations with texts up to 100,000 characters, on two cores shared with
    // other test runs: as much room as the property below.
  }, 300_000);

  it(`answers ${RUNS} generated requests without a 5xx or an INTERNAL_SERVER_ERROR`, async () => {
    let tried = 0;
    const statuses = new Map<number, number>();
    const codes = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(operation(schema), async ({ query, variables }) => {
        tried += 1;
        const res = await fetch(server.url, { method: "POST", headers: { "content-type": "application/json", ...curator }, body: JSON.stringify({ query, variables }) });
        const body = (await res.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        for (const e of body.errors ?? []) codes.set(e.extensions?.code ?? "none", (codes.get(e.extensions?.code ?? "none") ?? 0) + 1);
        expect(res.status).toBeLessThan(500);
        expect((body.errors ?? []).map((e) => e.extensions?.code)).not.toContain("INTERNAL_SERVER_ERROR");
      }),
      { numRuns: RUNS, seed: 20260, endOnFailure: true },
    );
    console.log(`fuzz: ${tried} requests; statuses ${JSON.stringify(Object.fromEntries(statuses))}; error codes ${JSON.stringify(Object.fromEntries(codes))}`);
    expect(tried).toBe(RUNS);
    // The server is still there and still right.
    expect((await server.query(`{ paper(id: "1512.03385") { title } }`)).data!.paper.title).toBe("Deep Residual Learning for Image Recognition");
    // 2500 requests on two cores shared with other test runs: more than jest's default per-test budget.
  }, 300_000);
});
