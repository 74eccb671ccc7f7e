// `npm run seed`: loads the ShortScience seed into the configured (or managed) Neo4j; safe to run again.
import "reflect-metadata";
import { loadConfig } from "../src/config";
import { createLogger } from "../src/logger";
import { connect } from "../src/neo4j/connect";
import { ensureSchema } from "../src/neo4j/schema-setup";
import { IngestRepository } from "../src/ingest/ingest.repository";
import { ManagedNeo4jError } from "../src/neo4j/managed-neo4j";
import { loadSeed } from "./seed";

async function run(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  const connection = await connect(config, logger);
  try {
    await ensureSchema(connection.db);
    const ingest = new IngestRepository(connection.db);
    await loadSeed(ingest);
    process.stdout.write(`seed loaded: ${JSON.stringify(await ingest.counts())}\n`);
  } finally {
    await connection.close();
  }
}

run().catch((err) => {
  process.stderr.write(`seed failed: ${err instanceof ManagedNeo4jError ? err.describe() : err?.message ?? err}\n`);
  process.exit(1);
});
