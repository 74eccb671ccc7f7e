// `npm run schema`: rewrites schema/schema.graphql from the resolvers.
import "reflect-metadata";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { printAppSchema } from "./schema";
import { PROJECT_ROOT } from "../project-root";

export const SCHEMA_FILE = path.join(PROJECT_ROOT, "schema", "schema.graphql");

if (require.main === module) {
  printAppSchema().then((sdl) => {
    writeFileSync(SCHEMA_FILE, sdl);
    process.stdout.write(`wrote ${SCHEMA_FILE}\n`);
  });
}
