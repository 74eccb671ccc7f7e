// Builds the project once for the test run (the tests that start the built server, a CLI, a worker or the benchmark's
// targets run dist/), type-checks it with the tests (ts-jest only transpiles, jest.config.js) and starts one managed
// Neo4j per jest worker for the whole run (unless TEST_NEO4J_URI names a server the tests may wipe), side by side;
// fewer when the run's files need fewer (neo4jsNeeded). Worker n's is TEST_NEO4J_URI_<n> / TEST_NEO4J_HOME_<n>;
// worker-neo4j.ts makes it the worker's TEST_NEO4J_URI.
import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { ManagedNeo4j, ManagedNeo4jError } from "../../src/neo4j/managed";
import { createLogger } from "../../src/logger";
import { PROJECT_ROOT } from "../../src/project-root";
import globalTeardown from "./global-teardown";

export default async function globalSetup(globalConfig: { maxWorkers: number }): Promise<void> {
  const settled = await Promise.allSettled([npmRun("build"), npmRun("typecheck"), startNeo4js(globalConfig.maxWorkers)]);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
  if (!failed) return;
  // jest runs no teardown when the setup fails: stop the Neo4j that did start, so nothing outlives the run.
  await globalTeardown();
  throw failed.reason;
}

/** A failed build or type check stops the whole run, unit tests too: its output says why. */
async function npmRun(script: "build" | "typecheck"): Promise<void> {
  try {
    await promisify(execFile)("npm", ["run", "-s", script], { cwd: PROJECT_ROOT, maxBuffer: 64 << 20 });
  } catch (err) {
    const { stdout = "", stderr = "", message } = err as Error & { stdout?: string; stderr?: string };
    throw new Error(`npm run ${script} failed (${message.split("\n")[0]}):\n${stdout}${stderr}`);
  }
}

/**
 * How many Neo4j the run needs: none for unit tests alone; one when a single file may use it (whichever worker takes
 * that file, no other file shares its database; a run of one file is in band); else one per worker, as jest gives
 * a worker any file. test-sequencer.js counts the files; without its counts, one per worker.
 */
export function neo4jsNeeded(maxWorkers: number, files = Number(process.env.TEST_RUN_FILES), neo4jFiles = Number(process.env.TEST_RUN_NEO4J_FILES)): number {
  const workers = Math.max(1, maxWorkers);
  if (!Number.isInteger(files) || !Number.isInteger(neo4jFiles)) return workers;
  if (neo4jFiles === 0) return 0;
  return neo4jFiles === 1 || files === 1 ? 1 : workers;
}

/**
 * Starts the run's Neo4j side by side and names worker n's TEST_NEO4J_URI_<n> / TEST_NEO4J_HOME_<n>; with one Neo4j
 * every worker is named the same. jest.config.js gives one worker when TEST_NEO4J_URI is set, so the tests of two
 * workers never share a database.
 */
async function startNeo4js(maxWorkers: number): Promise<void> {
  if (process.env.TEST_NEO4J_URI) return;
  const count = neo4jsNeeded(maxWorkers);
  // All settle before a failure is told, so that the teardown after it finds every Neo4j that did start.
  const settled = await Promise.allSettled(Array.from({ length: count }, startNeo4j));
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
  if (failed) throw failed.reason;
  const started = settled.map((s) => (s as PromiseFulfilledResult<{ uri: string; homeDir: string }>).value);
  for (let worker = 1; worker <= Math.max(1, maxWorkers) && started.length > 0; worker++) {
    const { uri, homeDir } = started[(worker - 1) % started.length];
    process.env[`TEST_NEO4J_URI_${worker}`] = uri;
    process.env[`TEST_NEO4J_HOME_${worker}`] = homeDir;
  }
}

async function startNeo4j(): Promise<{ uri: string; homeDir: string }> {
  const homeDir = mkdtempSync(path.join(os.tmpdir(), "papers-graph-test-"));
  const neo4j = new ManagedNeo4j({
    homeDir,
    boltPort: 0,
    heap: "1g",
    pageCache: "1g",
    // Short, so the test of a bookmark this server has not reached waits little (bookmarks.test.ts).
    bookmarkReadyTimeoutMs: 2_000,
    startTimeoutMs: 180_000,
    logger: createLogger(process.env.TEST_LOG_LEVEL ?? "warn"),
  });
  try {
    await neo4j.start();
  } catch (err) {
    if (err instanceof ManagedNeo4jError) throw new Error(err.describe());
    throw err;
  }
  const started = globalThis as { __managedNeo4j?: ManagedNeo4j[] };
  (started.__managedNeo4j ??= []).push(neo4j);
  return { uri: neo4j.uri, homeDir };
}
