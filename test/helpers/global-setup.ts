// Builds the project once for the test run (the tests that start the built server, a CLI, a worker or the benchmark's
// targets run dist/), type-checks it with the tests (ts-jest only transpiles, jest.config.js) and starts one managed
// Neo4j per jest worker for the whole run (unless TEST_NEO4J_URI names a server the tests may wipe), side by side.
// Worker n's is TEST_NEO4J_URI_<n> / TEST_NEO4J_HOME_<n>; worker-neo4j.ts makes it the worker's TEST_NEO4J_URI.
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
  // jest.config.js gives one worker when TEST_NEO4J_URI is set, so the tests of two workers never share a database.
  const workers = Array.from({ length: Math.max(1, globalConfig.maxWorkers) }, (_, i) => i + 1);
  const settled = await Promise.allSettled([npmRun("build"), npmRun("typecheck"), ...workers.map(startNeo4j)]);
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

async function startNeo4j(worker: number): Promise<void> {
  if (process.env.TEST_NEO4J_URI) return;
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
  process.env[`TEST_NEO4J_URI_${worker}`] = neo4j.uri;
  process.env[`TEST_NEO4J_HOME_${worker}`] = homeDir;
  const started = globalThis as { __managedNeo4j?: ManagedNeo4j[] };
  (started.__managedNeo4j ??= []).push(neo4j);
}
