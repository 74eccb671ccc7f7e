// `npm run seed`: loads the ShortScience seed into the configured (or managed) Neo4j; safe to run again.
import "reflect-metadata";
import { runIngestCommand } from "../src/ingest/ingest-command";
import { loadSeed } from "./seed";

runIngestCommand("seed", async (ingest) => {
  await loadSeed(ingest);
  process.stdout.write(`seed loaded: ${JSON.stringify(await ingest.counts())}\n`);
});
