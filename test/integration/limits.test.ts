// Hostile and malformed requests are refused before any Cypher runs: query limits, page caps, body checks.
import { buildSchema, GraphQLSchema, isInputObjectType, isListType, getNullableType, isObjectType } from "graphql";
import { readFileSync } from "node:fs";
import path from "node:path";
import { openTestDatabase, TestDatabase } from "../helpers/database";
import { startSeededServer, startTestServer, stopSeededServer, TestServer } from "../helpers/server";
import { asCurator } from "../helpers/tokens";

const RESNET = "journals/corr/1512.03385";

/** Sessions the server has opened on Neo4j so far, as its /metrics reports them. */
async function sessionsOpened(server: TestServer): Promise<number> {
  const text = await (await fetch(`${server.metricsBase}/metrics`)).text();
  return Number(/^neo4j_sessions_opened_total (\d+)$/m.exec(text)![1]);
}

async function post(server: TestServer, body: string | Buffer, headers: Record<string, string> = {}) {
  const res = await fetch(server.url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
  const text = await res.text();
  return { status: res.status, type: res.headers.get("content-type") ?? "", text, json: () => JSON.parse(text) };
}

describe("limits", () => {
  let t: TestDatabase;
  let server: TestServer;

  beforeAll(async () => ({ t, server } = await startSeededServer()));
  afterAll(() => stopSeededServer({ t, server }));

  /** Sends a request the server must refuse with a 400 naming `limit`, and proves no session was opened for it. */
  async function expectRefused(query: string, limit: string | undefined, variables?: Record<string, unknown>) {
    const before = await sessionsOpened(server);
    const res = await post(server, JSON.stringify({ query, variables }));
    const body = res.json();
    expect(res.status).toBe(400);
    expect(body.data).toBeUndefined();
    if (limit) expect(body.errors[0].extensions).toMatchObject({ limit });
    expect(body.extensions?.cypherRoundTrips ?? 0).toBe(0);
    expect(await sessionsOpened(server)).toBe(before);
    return body.errors[0];
  }

  function nested(levels: number): string {
    let q = "id";
    for (let i = 0; i < levels; i++) q = `references(first: 2) { ${q} }`;
    return q;
  }

  it("refuses a query deeper than 8 and serves one of depth 8", async () => {
    // papers, edges, node = 3 levels; the innermost id is one more.
    const error = await expectRefused(`{ papers(first: 2) { edges { node { ${nested(5)} } } } }`, "depth");
    expect(error.message).toBe("Query depth limit of 8 exceeded, found 9.");
    expect(error.extensions.code).toBe("GRAPHQL_VALIDATION_FAILED");
    const ok = await server.query(`{ papers(first: 2) { edges { node { ${nested(4)} } } } }`);
    expect(ok.errors).toBeUndefined();
    expect(ok.extensions!.cypherRoundTrips).toBeGreaterThan(0);
  });

  it("counts depth through fragments as if they were written inline", async () => {
    // The same depths as above, the innermost levels in a named fragment and an inline one.
    const deep = `{ papers(first: 2) { edges { node { ...R } } } } fragment R on Paper { ... on Paper { ${nested(5)} } }`;
    expect((await expectRefused(deep, "depth")).message).toBe("Query depth limit of 8 exceeded, found 9.");
    const ok = await server.query(`{ papers(first: 2) { edges { node { ...R } } } } fragment R on Paper { ... on Paper { ${nested(4)} } }`);
    expect(ok.errors).toBeUndefined();
  });

  it("refuses more than 15 aliases, __typename aliases included", async () => {
    const aliases = (n: number) => Array.from({ length: n }, (_, i) => `a${i}: __typename`).join(" ");
    const error = await expectRefused(`{ ${aliases(16)} }`, "aliases");
    expect(error.message).toBe("Aliases limit of 15 exceeded, found 16.");
    expect((await server.query(`{ ${aliases(15)} }`)).errors).toBeUndefined();
    // Aliases hidden in a fragment count too.
    await expectRefused(`{ ...F } fragment F on Query { ${aliases(16)} }`, "aliases");
  });

  it("refuses more than 10 directives", async () => {
    const fields = Array.from({ length: 11 }, () => `__typename @include(if: true)`).join(" ");
    await expectRefused(`{ ${fields} }`, "directives");
  });

  it("refuses a document of more than 2000 tokens as a parse error naming the limit; a syntax error stays a 400", async () => {
    const error = await expectRefused(`{ paper(id: "${RESNET}") { ${"id ".repeat(2000)} } }`, "tokens");
    expect(error.extensions).toMatchObject({ code: "GRAPHQL_PARSE_FAILED", max: 2000 });
    const syntax = await expectRefused(`{ paper(id: "${RESNET}") { id `, undefined);
    expect(syntax.extensions.code).toBe("GRAPHQL_PARSE_FAILED");
  });

  it("prices list fields by their page size, written literally or passed as a variable", async () => {
    const literal = `{ papers(first: 100) { edges { node { references(first: 100) { references(first: 100) { id } } } } } }`;
    const error = await expectRefused(literal, "cost");
    expect(error.message).toMatch(/^Query cost limit of 150000 exceeded, found \d+\./);
    expect(error.extensions.cost).toBeGreaterThan(1_000_000);

    const byVariable = `query Q($n: Int!, $m: Int!) { papers(first: $n) { edges { node { references(first: $m) { references(first: $m) { id } } } } } }`;
    await expectRefused(byVariable, "cost", { n: 100, m: 100 });
    // The defaults count as well: summaries without `first` is a page of 20.
    await expectRefused(`query Q($n: Int!) { papers(first: $n) { edges { node { references(first: $n) { summaries { mentions { id } } } } } } }`, "cost", { n: 100 });

    const small = await server.query(byVariable, { n: 3, m: 2 });
    expect(small.errors).toBeUndefined();
    expect(small.extensions!.cypherRoundTrips).toBeGreaterThan(0);
  });

  it("answers variables that do not fit the operation with a 400 before anything runs", async () => {
    await expectRefused(`query Q($n: Int!) { papers(first: $n) { totalCount } }`, undefined, { n: "many" });
  });

  it("prices a document again for other page sizes, and refuses ill-fitting variables of a document already priced", async () => {
    // Costs are kept per document and page-size variables (limits.ts): the same text with larger pages is priced anew.
    const doc = `query Q($n: Int!, $ids: [ID!]) { papers(ids: $ids, first: $n) { edges { node { references(first: $n) { references(first: $n) { id } } } } } }`;
    const small = await server.query(doc, { n: 3, ids: [RESNET] });
    expect(small.errors).toBeUndefined();
    expect(small.data!.papers.edges).toHaveLength(1);
    await expectRefused(doc, "cost", { n: 100, ids: [RESNET] });
    // The same page sizes as the priced request, another variable that does not fit: still a 400, and nothing runs.
    const error = await expectRefused(doc, undefined, { n: 3, ids: [{ not: "an id" }] });
    expect(error.extensions.code).toBe("BAD_USER_INPUT");
    expect(error.message).toMatch(/\$ids/);
    expect((await server.query(doc, { n: 3, ids: [RESNET] })).data).toEqual(small.data);
  });

  it("refuses a null variable for an argument that is non-null with a default, also once the document is priced", async () => {
    // Validation lets a nullable variable stand there; the first request prices the document, the second is the null.
    const cases: Array<[string, unknown]> = [
      [`query Q($v: Direction) { neighbourhood(ids: ["${RESNET}"], direction: $v) { truncated } }`, "IN"],
      [`query Q($v: [EdgeKind!]) { neighbourhood(ids: ["${RESNET}"], edges: $v) { truncated } }`, ["CITES"]],
      [`query Q($v: [EdgeKind!]) { citationPath(from: "${RESNET}", to: "journals/corr/1608.06993", edges: $v) { length } }`, ["CITES"]],
      [`query Q($v: PaperOrder) { papers(orderBy: $v) { totalCount } }`, "TITLE"],
      [`query Q($v: SummaryOrder) { summaries(orderBy: $v) { totalCount } }`, "TOP"],
    ];
    for (const [doc, value] of cases) {
      expect((await server.query(doc, { v: value })).errors).toBeUndefined();
      const error = await expectRefused(doc, undefined, { v: null });
      expect(error.extensions.code).toBe("BAD_USER_INPUT");
      expect(error.message).toMatch(/must not be null/);
    }
  });
});

// Every list argument and every first/limit in the schema, with a request putting it over its cap by a variable.
// A field added later without a row here fails the completeness check below.
const RESNET_PAPER = `paper(id: "${RESNET}")`;
const CAPS: Record<string, { query: string; variables: Record<string, unknown> }> = {
  "Query.papers(first)": { query: `query($v: Int!) { papers(first: $v) { totalCount } }`, variables: { v: 101 } },
  "Query.papers(ids)": { query: `query($v: [ID!]) { papers(ids: $v) { totalCount } }`, variables: { v: ids(101) } },
  "Query.search(first)": { query: `query($v: Int!) { search(query: "networks", first: $v) { totalCount } }`, variables: { v: 101 } },
  "Query.search(fields)": { query: `query($v: [SearchField!]) { search(query: "networks", fields: $v) { totalCount } }`, variables: { v: ["TITLE", "TITLE", "TITLE", "TITLE"] } },
  "Query.topCited(first)": { query: `query($v: Int!) { topCited(first: $v) { count } }`, variables: { v: 101 } },
  "Query.priorWorks(first)": { query: `query($v: Int!) { priorWorks(ids: ["${RESNET}"], first: $v) { count } }`, variables: { v: 101 } },
  "Query.priorWorks(ids)": { query: `query($v: [ID!]!) { priorWorks(ids: $v) { count } }`, variables: { v: ids(101) } },
  "Query.derivativeWorks(first)": { query: `query($v: Int!) { derivativeWorks(ids: ["${RESNET}"], first: $v) { count } }`, variables: { v: 101 } },
  "Query.derivativeWorks(ids)": { query: `query($v: [ID!]!) { derivativeWorks(ids: $v) { count } }`, variables: { v: ids(101) } },
  "Query.citationPath(first)": { query: `query($v: Int!) { citationPath(from: "${RESNET}", to: "x", first: $v) { length } }`, variables: { v: 101 } },
  "Query.citationPath(edges)": { query: `query($v: [EdgeKind!]!) { citationPath(from: "${RESNET}", to: "x", edges: $v) { length } }`, variables: { v: ["CITES", "CITES", "SEE_ALSO"] } },
  "Query.neighbourhood(limit)": { query: `query($v: Int!) { neighbourhood(ids: ["${RESNET}"], limit: $v) { truncated } }`, variables: { v: 5001 } },
  "Query.neighbourhood(ids)": { query: `query($v: [ID!]!) { neighbourhood(ids: $v) { truncated } }`, variables: { v: ids(101) } },
  "Query.neighbourhood(edges)": { query: `query($v: [EdgeKind!]!) { neighbourhood(ids: ["${RESNET}"], edges: $v) { truncated } }`, variables: { v: ["CITES", "CITES", "SEE_ALSO"] } },
  "Paper.authors(first)": { query: `query($v: Int!) { ${RESNET_PAPER} { authors(first: $v) { name } } }`, variables: { v: 101 } },
  "Paper.citedBy(first)": { query: `query($v: Int!) { ${RESNET_PAPER} { citedBy(first: $v) { id } } }`, variables: { v: 101 } },
  "Paper.references(first)": { query: `query($v: Int!) { ${RESNET_PAPER} { references(first: $v) { id } } }`, variables: { v: 101 } },
  "Paper.related(first)": { query: `query($v: Int!) { ${RESNET_PAPER} { related(first: $v) { totalCount } } }`, variables: { v: 101 } },
  "Paper.seeAlso(first)": { query: `query($v: Int!) { ${RESNET_PAPER} { seeAlso(first: $v) { note } } }`, variables: { v: 101 } },
  "Paper.summaries(first)": { query: `query($v: Int!) { ${RESNET_PAPER} { summaries(first: $v) { id } } }`, variables: { v: 101 } },
  "Query.summaries(first)": { query: `query($v: Int!) { summaries(first: $v) { totalCount } }`, variables: { v: 101 } },
  "Person.summaries(first)": { query: `query($v: Int!) { person(name: "Alex Graves") { summaries(first: $v) { id } } }`, variables: { v: 101 } },
  "Person.papers(first)": { query: `query($v: Int!) { person(name: "Alex Graves") { papers(first: $v) { id } } }`, variables: { v: 101 } },
  "Summary.mentions(first)": { query: `query($v: Int!) { summary(id: "shortscience/dcgan") { mentions(first: $v) { id } } }`, variables: { v: 101 } },
  "PaperInput.authors": {
    query: `mutation($v: PaperInput!) { upsertPaper(input: $v) { id } }`,
    variables: { v: { id: "test/caps", title: "Caps", authors: Array.from({ length: 501 }, (_, i) => `Author ${i}`) } },
  },
};

function ids(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `test/p${i}`);
}

/** "Type.field(arg)" for every argument that is a list or is called first/limit; "Input.field" for list input fields. */
function pagedArguments(schema: GraphQLSchema): string[] {
  const found: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith("__")) continue;
    if (isObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        for (const arg of field.args) {
          if (isListType(getNullableType(arg.type)) || arg.name === "first" || arg.name === "limit") found.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) if (isListType(getNullableType(field.type))) found.push(`${type.name}.${field.name}`);
    }
  }
  return found.sort();
}

describe("page caps", () => {
  let t: TestDatabase;
  let server: TestServer;

  beforeAll(async () => ({ t, server } = await startSeededServer()));
  afterAll(() => stopSeededServer({ t, server }));

  it("has a case for every list argument and page size of the committed schema", () => {
    const schema = buildSchema(readFileSync(path.join(__dirname, "..", "..", "schema", "schema.graphql"), "utf8"));
    expect(Object.keys(CAPS).sort()).toEqual(pagedArguments(schema));
  });

  it.each(Object.entries(CAPS))("refuses %s over its cap, given as a variable", async (_name, { query, variables }) => {
    // As a curator: a mutation's bounds are checked after its role (src/graphql/auth-checker.ts).
    const res = await server.query(query, variables, await asCurator());
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0].extensions!.code).toBe("BAD_USER_INPUT");
    expect(res.errors![0].message).toMatch(/must (not be greater than|contain no more than|not contain more than)|elements must be unique/);
  });
});

describe("HTTP", () => {
  let t: TestDatabase;
  let server: TestServer;

  beforeAll(async () => {
    t = await openTestDatabase();
    server = await startTestServer(t, { security: { maxBodyBytes: 64 * 1024 } });
  });

  afterAll(async () => {
    await server.close();
    await t.close();
  });

  it("refuses a body over the limit with 413, as JSON", async () => {
    const big = JSON.stringify({ query: `{ paper(id: "${"x".repeat(70 * 1024)}") { id } }` });
    const res = await post(server, big);
    expect(res.status).toBe(413);
    expect(res.json().errors[0].message).toBe("The request body is larger than the limit of 65536 bytes.");
  });

  it("refuses charsets other than UTF-8 with 415", async () => {
    for (const charset of ["latin1", "utf-16le", "iso-8859-1"]) {
      const res = await post(server, JSON.stringify({ query: "{ __typename }" }), { "content-type": `application/json; charset=${charset}` });
      expect(res.status).toBe(415);
    }
    const ok = await post(server, JSON.stringify({ query: "{ __typename }" }), { "content-type": "application/json; charset=utf-8" });
    expect(ok.status).toBe(200);
  });

  it("answers malformed JSON and non-JSON bodies with 400, never an HTML page or a 500", async () => {
    const bad = await post(server, "{ not json");
    expect(bad.status).toBe(400);
    expect(bad.type).toMatch(/json/);
    expect(bad.text).not.toMatch(/ at |node_modules|<html/i);
    const form = await post(server, "query={__typename}", { "content-type": "application/x-www-form-urlencoded" });
    expect(form.status).toBe(400);
  });

  it("refuses batched requests", async () => {
    const res = await post(server, JSON.stringify([{ query: "{ __typename }" }, { query: "{ __typename }" }]));
    expect(res.status).toBe(400);
  });

  it("refuses a GET query without a CSRF-safe header or content type (CSRF prevention)", async () => {
    const res = await fetch(`${server.url}?query=${encodeURIComponent("{ __typename }")}`);
    expect(res.status).toBe(400);
    const allowed = await fetch(`${server.url}?query=${encodeURIComponent("{ __typename }")}`, { headers: { "apollo-require-preflight": "true" } });
    expect(allowed.status).toBe(200);
  });
});

describe("production settings", () => {
  let t: TestDatabase;
  let server: TestServer;

  beforeAll(async () => {
    t = await openTestDatabase();
    server = await startTestServer(t, { security: { introspection: false, fieldSuggestions: false } });
  });

  afterAll(async () => {
    await server.close();
    await t.close();
  });

  it("refuses introspection and suggests no field names", async () => {
    const intro = await server.query(`{ __schema { types { name } } }`);
    expect(intro.status).toBe(400);
    expect(intro.errors![0].message).toMatch(/introspection is not allowed/i);
    const typo = await server.query(`{ papr(id: "x") { id } }`);
    expect(typo.status).toBe(400);
    expect(JSON.stringify(typo.errors)).not.toMatch(/Did you mean|paper/);
  });
});
