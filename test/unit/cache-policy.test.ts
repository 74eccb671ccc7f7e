// The cache policy of an operation comes from the hints of what it selects; every hint names something real.
import "reflect-metadata";
import { GraphQLSchema, isObjectType, parse } from "graphql";
import { buildAppSchema } from "../../src/graphql/schema";
import { CACHE_HINTS, cachePolicies, computeCachePolicy } from "../../src/graphql/cache-policy";

describe("cache policy", () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildAppSchema();
  });
  const policy = (query: string, operationName: string | null = null) => computeCachePolicy(schema, parse(query), operationName);

  it("names only types and fields the schema has", () => {
    for (const key of Object.keys(CACHE_HINTS)) {
      const [typeName, fieldName] = key.split(".");
      const type = schema.getType(typeName);
      expect(type).toBeDefined();
      if (fieldName) expect(isObjectType(type) && type.getFields()[fieldName]).toBeTruthy();
    }
  });

  it("takes the shortest maxAge of what is selected, through fragments", () => {
    expect(policy(`{ paper(id: "x") { title } }`)).toEqual({ maxAge: 300, scope: "PUBLIC" });
    expect(policy(`{ paper(id: "x") { title summaries(first: 1) { id } } }`)).toEqual({ maxAge: 30, scope: "PUBLIC" });
    expect(policy(`{ paper(id: "x") { ...P } } fragment P on Paper { summaries(first: 1) { votes } }`)).toEqual({ maxAge: 10, scope: "PUBLIC" });
    expect(policy(`{ search(query: "x") { totalCount } topCited { count } }`)).toEqual({ maxAge: 60, scope: "PUBLIC" });
  });

  it("never caches a viewer's answer, a mutation or a root field without a hint", () => {
    expect(policy(`{ viewer { signedIn } }`)).toEqual({ maxAge: 0, scope: "PRIVATE" });
    expect(policy(`{ summary(id: "x") { viewerVote } }`)).toEqual({ maxAge: 0, scope: "PRIVATE" });
    expect(policy(`mutation { voteSummary(id: "x", value: 1) { votes } }`).maxAge).toBe(0);
    expect(policy(`{ __schema { queryType { name } } }`).maxAge).toBe(0);
    expect(policy(`{ paper(id: "x") { id } }`, undefined as never)).toEqual({ maxAge: 300, scope: "PUBLIC" });
  });

  it("chooses the named operation of a document", () => {
    const doc = `query A { paper(id: "x") { id } } query B { summaries(first: 1) { edges { node { id } } } }`;
    expect(policy(doc, "A").maxAge).toBe(300);
    expect(policy(doc, "B").maxAge).toBe(30);
  });

  it("works a document out once and remembers it while the document lives", () => {
    const policyOf = cachePolicies(schema);
    const document = parse(`{ paper(id: "x") { id } }`);
    expect(policyOf(document, null)).toBe(policyOf(document, null));
  });
});
