// Stops the managed Neo4j of the test run and removes its store.
import { rmSync } from "node:fs";
import type { ManagedNeo4j } from "../../src/neo4j/managed";

export default async function globalTeardown(): Promise<void> {
  const neo4j = (globalThis as { __managedNeo4j?: ManagedNeo4j }).__managedNeo4j;
  if (!neo4j) return;
  await neo4j.stop();
  if (process.env.TEST_NEO4J_HOME) rmSync(process.env.TEST_NEO4J_HOME, { recursive: true, force: true });
}
