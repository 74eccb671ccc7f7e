// The test run's Neo4j, spoken to in the domain's terms: open it, empty it, count what is in it.
import neo4j, { Driver } from "neo4j-driver";
import { Database } from "../../src/neo4j/database";
import { ensureSchema } from "../../src/neo4j/schema-setup";
import { IngestRepository, GraphCounts } from "../../src/ingest/ingest.repository";
import { loadSeed } from "../../seed/seed";

export interface TestDatabase {
  driver: Driver;
  db: Database;
  ingest: IngestRepository;
  /** Deletes every node and edge (the schema stays). */
  reset(): Promise<void>;
  counts(): Promise<GraphCounts>;
  seedShortScience(): Promise<void>;
  close(): Promise<void>;
}

export async function openTestDatabase(): Promise<TestDatabase> {
  const uri = process.env.TEST_NEO4J_URI;
  if (!uri) throw new Error("TEST_NEO4J_URI is not set: run the tests through jest, whose globalSetup starts Neo4j");
  const driver = neo4j.driver(uri);
  const db = new Database(driver, "neo4j");
  await ensureSchema(db);
  const ingest = new IngestRepository(db);
  return {
    driver,
    db,
    ingest,
    reset: async () => {
      // CALL ... IN TRANSACTIONS needs an implicit (auto-commit) transaction: session.run gives one.
      const session = driver.session({ database: "neo4j" });
      try {
        await session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS");
      } finally {
        await session.close();
      }
    },
    counts: () => ingest.counts(),
    seedShortScience: () => loadSeed(ingest),
    close: () => driver.close(),
  };
}
