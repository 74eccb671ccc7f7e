// The frame of the command-line writers (`npm run seed`, `npm run import`): the Neo4j of a server running on the
// managed store, else the configured (or a managed) one; schema ensured, one IngestRepository, the connection
// closed, and a failure reported in one line.
import { loadConfig } from "../config";
import { createLogger } from "../logger";
import { connect } from "../neo4j/connect";
import { prepareSchema } from "../prepare-database";
import { ManagedNeo4jError } from "../neo4j/managed";
import type { Database } from "../neo4j/database";
import { IngestRepository } from "./ingest.repository";

// A batch of 2,000 papers or 10,000 citations can take longer than a request's 5 s on a busy machine; nobody waits
// on it but the command itself, so it gets Neo4j's transaction timeout at the configuration's ceiling.
const COMMAND_TX_TIMEOUT_MS = 600_000;

export function runIngestCommand(name: string, work: (ingest: IngestRepository, db: Database) => Promise<void>): void {
  const run = async () => {
    const config = loadConfig();
    const logger = createLogger(config.LOG_LEVEL);
    const connection = await connect(config, logger, { joinRunningServer: true, transactionTimeoutMs: COMMAND_TX_TIMEOUT_MS });
    try {
      await prepareSchema(connection, logger);
      await work(new IngestRepository(connection.db), connection.db);
    } finally {
      await connection.close();
    }
  };
  run().catch((err) => {
    process.stderr.write(`${name} failed: ${err instanceof ManagedNeo4jError ? err.describe() : err?.message ?? err}\n`);
    process.exit(1);
  });
}
