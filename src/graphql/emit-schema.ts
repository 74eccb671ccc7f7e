// `npm run schema`: rewrites schema/schema.graphql from the resolvers.
import "reflect-metadata";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { printAppSchema } from "./schema";

export const SCHEMA_FILE = path.resolve(__dirname, __dirname.includes(`${path.sep}dist${path.sep}`) ? "../../.." : "../..", "schema", "schema.graphql");

if (require.main === module) {
  printAppSchema().then((sdl) => {
    writeFileSync(SCHEMA_FILE, sdl);
    process.stdout.write(`wrote ${SCHEMA_FILE}\n`);
  });
}
