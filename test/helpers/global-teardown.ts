// Stops the managed Neo4j of each jest worker (global-setup.ts) and removes their stores.
import { rmSync } from "node:fs";
import type { ManagedNeo4j } from "../../src/neo4j/managed";

export default async function globalTeardown(): Promise<void> {
  const started = (globalThis as { __managedNeo4j?: ManagedNeo4j[] }).__managedNeo4j ?? [];
  await Promise.all(started.map((neo4j) => neo4j.stop()));
  for (const [name, dir] of Object.entries(process.env)) {
    if (/^TEST_NEO4J_HOME_\d+$/.test(name) && dir) rmSync(dir, { recursive: true, force: true });
  }
}
