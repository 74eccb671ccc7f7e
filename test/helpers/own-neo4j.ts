// A Neo4j of a fault test's own (the shared test database is never stopped or killed), seeded with ShortScience.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Driver } from "neo4j-driver";
import { ManagedNeo4j, Neo4jCredentials } from "../../src/neo4j/managed";
import { createDriver } from "../../src/neo4j/driver";
import { Database } from "../../src/neo4j/database";
import { ensureSchema } from "../../src/neo4j/schema-setup";
import { IngestRepository } from "../../src/ingest/ingest.repository";
import { createLogger } from "../../src/logger";
import { loadSeed } from "../../seed/seed";

export interface OwnNeo4j {
  uri: string;
  boltPort: number;
  credentials: Neo4jCredentials;
  /** A driver of the test's own, straight to Neo4j, for checking what is stored. */
  driver: Driver;
  db: Database;
  stop(): Promise<void>;
  /** Starts Neo4j again on the same store and port. */
  restart(): Promise<void>;
  /** Stops Neo4j and removes its store. */
  dispose(): Promise<void>;
}

export async function startOwnNeo4j(): Promise<OwnNeo4j> {
  const homeDir = mkdtempSync(path.join(os.tmpdir(), "papers-graph-fault-"));
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? "warn");
  const options = { homeDir, heap: "512m", pageCache: "64m", startTimeoutMs: 180_000, logger };
  let neo4j = new ManagedNeo4j({ ...options, boltPort: 0 });
  await neo4j.start();
  const boltPort = neo4j.boltPort;
  const driver = createDriver({ uri: neo4j.uri, ...neo4j.credentials });
  const db = new Database(driver, "neo4j");
  await ensureSchema(db);
  await loadSeed(new IngestRepository(db));
  return {
    uri: neo4j.uri,
    boltPort,
    credentials: neo4j.credentials,
    driver,
    db,
    stop: () => neo4j.stop(),
    async restart() {
      neo4j = new ManagedNeo4j({ ...options, boltPort });
      await neo4j.start();
    },
    async dispose() {
      await driver.close();
      await neo4j.stop();
      rmSync(homeDir, { recursive: true, force: true });
    },
  };
}
