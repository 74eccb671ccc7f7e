// Fails when schema/schema.graphql no longer matches the resolvers: run `npm run schema` and commit the result.
import { readFileSync } from "node:fs";
import path from "node:path";
import { printAppSchema } from "../../src/graphql/schema";

it("schema/schema.graphql is the SDL the resolvers emit", async () => {
  const committed = readFileSync(path.join(__dirname, "..", "..", "schema", "schema.graphql"), "utf8");
  expect(await printAppSchema()).toBe(committed);
});
