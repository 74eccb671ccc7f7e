// Starts a managed Neo4j for profiling by hand and keeps it running until killed: prints its Bolt URI.
import { mkdirSync } from "node:fs";
import { ManagedNeo4j } from "../../src/neo4j/managed";
import { createLogger } from "../../src/logger";
import { PROFILE_HOME } from "./profile-driver";

async function main() {
  const homeDir = PROFILE_HOME;
  mkdirSync(homeDir, { recursive: true });
  const neo4j = new ManagedNeo4j({ homeDir, boltPort: 0, heap: "2g", pageCache: "1g", startTimeoutMs: 180_000, logger: createLogger("info") });
  await neo4j.start();
  process.stdout.write(`${neo4j.uri}\n`);
  const stop = () => void neo4j.stop().then(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

void main();
