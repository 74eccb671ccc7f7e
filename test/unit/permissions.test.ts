// Every mutation carries a role rule: read from type-graphql's metadata of the built schema, so a new mutation
// without @Authorized fails here before any request is made (identity.test.ts checks the same rules over HTTP).
import "reflect-metadata";
import { getMetadataStorage } from "type-graphql";
import { buildAppSchema } from "../../src/graphql/schema";
import { ROLES } from "../../src/auth/viewer";

describe("permission rules", () => {
  it("puts @Authorized with a known role on every mutation field of the schema", async () => {
    const schema = await buildAppSchema();
    const fields = Object.keys(schema.getMutationType()!.getFields()).sort();
    const rules = new Map(getMetadataStorage().mutations.map((m) => [m.schemaName, m.roles]));
    const unruled = fields.filter((name) => {
      const roles = rules.get(name);
      return !roles || roles.length === 0 || !roles.every((r) => (ROLES as readonly string[]).includes(r));
    });
    expect(unruled).toEqual([]);
    expect(fields.length).toBeGreaterThanOrEqual(9);
  });
});
