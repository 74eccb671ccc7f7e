// A request reads its own writes without any resolver clearing a cache: the request's database handle reports each
// write transaction and the loaders empty themselves (src/graphql/context.ts). Switching that report off must make
// the same document answer stale, or this test proves nothing.
import { graphql, GraphQLSchema } from "graphql";
import { Database, RequestScope } from "../../src/neo4j/database";
import { buildAppSchema } from "../../src/graphql/schema";
import { createContext } from "../../src/graphql/context";
import { createLogger } from "../../src/logger";
import { openTestDatabase, TestDatabase } from "../helpers/database";
import { CURATOR } from "../helpers/tokens";

const RESNET = "journals/corr/1512.03385";
const DRAW = "journals/corr/1502.04623";

// `a` reads ResNet (paper, counts, byline) into the request's caches; `b` rewrites it; `c` writes again and reads
// it once more, as does `b`'s own answer.
const DOCUMENT = `mutation {
  a: addSeeAlso(from: "${DRAW}", to: "${RESNET}", note: "x") { to { title citationCount authors { name } } }
  b: upsertPaper(input: { id: "${RESNET}", title: "Renamed", authors: ["Ada"] }) { title authors { name } }
  c: addCitation(from: "${DRAW}", to: "${RESNET}") { to { title citationCount authors { name } } }
}`;

/** The same database, but its request handles never report a write: no cache is ever emptied. */
class UnreportedWrites extends Database {
  forRequest(scope: RequestScope): Database {
    return super.forRequest({ ...scope, afterWrite: undefined });
  }
}

describe("a request reads its own writes", () => {
  let t: TestDatabase;
  let schema: GraphQLSchema;

  beforeAll(async () => {
    t = await openTestDatabase();
    schema = await buildAppSchema();
  });
  beforeEach(async () => {
    await t.reset();
    await t.seedShortScience();
  });
  afterAll(() => t.close());

  async function run(db: Database): Promise<any> {
    const res = await graphql({ schema, source: DOCUMENT, contextValue: createContext(db, createLogger("silent"), { viewer: CURATOR }) });
    expect(res.errors).toBeUndefined();
    return res.data;
  }

  it("answers every field after a write with what is stored now", async () => {
    const data = await run(t.db);
    expect(data.a.to.title).toBe("Deep Residual Learning for Image Recognition");
    expect(data.a.to.authors).not.toEqual([{ name: "Ada" }]);
    expect(data.b).toEqual({ title: "Renamed", authors: [{ name: "Ada" }] });
    expect(data.c.to).toEqual({ title: "Renamed", citationCount: data.a.to.citationCount + 1, authors: [{ name: "Ada" }] });
  });

  it("answers stale when the writes go unreported (the check above can fail)", async () => {
    const data = await run(new UnreportedWrites(t.driver, "neo4j"));
    expect(data.b.authors).toEqual(data.a.to.authors);
    expect(data.c.to).toEqual(data.a.to);
  });
});
