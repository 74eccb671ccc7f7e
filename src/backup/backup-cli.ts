// `npm run backup -- <file>` / `npm run restore -- <file>`: the managed store (NEO4J_DATA_DIR, or the default) dumped
// to a file, or replaced by one, with Neo4j's own neo4j-admin; the store must be stopped. docs/backup.md.
import { commandArgs } from "../cli-args";
import { loadConfig } from "../config";
import { createLogger } from "../logger";
import { dumpStore, ensureRuntime, findJava, loadStore, ManagedNeo4jError } from "../neo4j/managed";
import { managedHomeDir } from "../neo4j/connect";

const USAGE = "usage: npm run backup -- <new file>   |   npm run restore -- <file made by npm run backup>";
const { positionals } = commandArgs({ allowPositionals: true, strict: true }, USAGE);
const [command, file] = positionals;
if (!["backup", "restore"].includes(command) || !file || positionals.length !== 2) {
  process.stderr.write(`${USAGE}\n`);
  process.exit(1);
}

async function run(): Promise<void> {
  const config = loadConfig();
  if (config.NEO4J_URI) {
    throw new ManagedNeo4jError(
      `NEO4J_URI is set (${config.NEO4J_URI}): npm run ${command} works on the managed store only; back up that server with its own neo4j-admin, or use npm run export.`,
    );
  }
  const homeDir = managedHomeDir(config);
  await ensureRuntime(createLogger(config.LOG_LEVEL));
  const opts = { homeDir, java: findJava(config.JAVA_HOME), pageCache: config.NEO4J_PAGECACHE };
  const started = Date.now();
  if (command === "backup") await dumpStore(opts, file);
  else await loadStore(opts, file);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  process.stdout.write(command === "backup" ? `backed up ${homeDir} to ${file} in ${seconds} s\n` : `restored ${file} into ${homeDir} in ${seconds} s\n`);
}

run().catch((err) => {
  process.stderr.write(`${command} failed: ${err instanceof ManagedNeo4jError ? err.describe() : err?.message ?? err}\n`);
  process.exit(1);
});
