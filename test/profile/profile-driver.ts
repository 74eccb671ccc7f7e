// The driver of the PROFILE scripts: PROFILE_NEO4J_URI, signed in with the password of dev-neo4j.ts's managed Neo4j
// (kept beside its store in PROFILE_NEO4J_HOME, or its default home).
import os from "node:os";
import path from "node:path";
import neo4j, { Driver } from "neo4j-driver";
import { createLogger } from "../../src/logger";
import { authToken } from "../../src/neo4j/driver";
import { ManagedNeo4j, managedCredentials, Neo4jCredentials, RUNTIME_DIR } from "../../src/neo4j/managed";

export const PROFILE_HOME = process.env.PROFILE_NEO4J_HOME ?? path.join(os.tmpdir(), "papers-graph-profile");

export function profileDriver(purpose: string): Driver {
  const uri = process.env.PROFILE_NEO4J_URI;
  if (!uri) throw new Error(`PROFILE_NEO4J_URI must name a Neo4j the script may ${purpose}`);
  return signedIn(uri, managedCredentials(PROFILE_HOME));
}

/** A driver for `uri` with these credentials, or as neo4j with no password (a Neo4j without auth). */
function signedIn(uri: string, credentials: Neo4jCredentials | undefined): Driver {
  return neo4j.driver(uri, authToken(credentials ?? { user: "neo4j", password: "" }));
}

/** Runs `call` `calls` times in all from `callers` concurrent callers: the load of the profile scripts' CPU columns. */
export async function underCallers(calls: number, call: () => Promise<unknown>, callers = 8): Promise<void> {
  let started = 0;
  await Promise.all(
    Array.from({ length: callers }, async () => {
      while (started < calls) {
        started += 1;
        await call();
      }
    }),
  );
}

/**
 * The benchmark's store the statement-cost scripts measure on: S (made by `npm run bench`) unless PROFILE_BENCH_STORE
 * names another of neo4j-runtime/data (`bench-hepth`, made by `npm run bench -- --size hepth`).
 */
export const BENCH_HOME = path.join(RUNTIME_DIR, "data", process.env.PROFILE_BENCH_STORE ?? "bench-S");

/** A managed Neo4j started on the benchmark's store (BENCH_HOME), for a script given no PROFILE_NEO4J_URI. */
export async function startBenchNeo4j(): Promise<ManagedNeo4j> {
  const managed = new ManagedNeo4j({
    homeDir: BENCH_HOME,
    boltPort: 0,
    heap: "2g",
    pageCache: "1g",
    startTimeoutMs: 180_000,
    logger: createLogger("warn"),
  });
  await managed.start();
  return managed;
}

/** A driver signed in to `uri`, the benchmark's store served by `managed` or by a Neo4j already running on it. */
export function benchDriver(uri: string, managed?: ManagedNeo4j): Driver {
  return signedIn(uri, managed?.credentials ?? managedCredentials(BENCH_HOME));
}
