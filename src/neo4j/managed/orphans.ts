// The pid file: which Neo4j runs on a home folder and which server owns it, so a later start can stop an orphan.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import type { Logger } from "../../logger";
import { ManagedNeo4jError } from "./errors";
import { Home, homeLayout } from "./home";
import { NEO4J_ENTRY_POINT } from "./process";

/** Notes the Neo4j's pid, this process's as its owner, and the Bolt port, so other commands can find it. */
export function recordOwner(home: Home, neo4jPid: number, boltPort: number): void {
  writeFileSync(home.pidFile, `${neo4jPid} ${process.pid} ${boltPort}\n`);
}

/** What the pid file of a home records: Neo4j's pid, its owner's (the server) and the Bolt port; null without one. */
export function readPidFile(home: Home): { pid: number; owner: number; boltPort: number } | null {
  if (!existsSync(home.pidFile)) return null;
  const [pid, owner, boltPort] = readFileSync(home.pidFile, "utf8").trim().split(" ").map(Number);
  return { pid, owner, boltPort };
}

/**
 * The Bolt URI of the Neo4j a running server manages on this home folder, or null when none does: both processes
 * alive and the port recorded. `npm run import` writes there instead of refusing to start a second Neo4j.
 */
export function runningNeo4jUri(homeDir: string): string | null {
  const home = homeLayout(homeDir);
  const found = readPidFile(home);
  if (!found?.pid || !found.owner || !found.boltPort) return null;
  return isNeo4jOf(found.pid, home) && processAlive(found.owner) ? `bolt://127.0.0.1:${found.boltPort}` : null;
}

/**
 * True when `pid` is the Neo4j of this home: its command line (Linux's /proc) runs Neo4j's entry point on this
 * home folder. A pid file outlives its process, and the system hands the number to whatever starts next.
 */
export function isNeo4jOf(pid: number, home: Home): boolean {
  let args: string[];
  try {
    args = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
  } catch {
    return false;
  }
  return args.includes(NEO4J_ENTRY_POINT) && args.includes(`--home-dir=${home.dir}`);
}

/** A Neo4j left running by a server that was killed holds the store lock: stop it if its owner is gone. */
export function killOrphan(home: Home, logger: Logger): void {
  const { pid, owner } = readPidFile(home) ?? { pid: 0, owner: 0 };
  if (!pid || !processAlive(pid)) return;
  if (!isNeo4jOf(pid, home)) {
    logger.warn({ pid }, "the pid file names a process that is not this store's Neo4j: leaving it alone");
    return;
  }
  if (owner && processAlive(owner)) {
    throw new ManagedNeo4jError(
      `Another server (pid ${owner}) is already running Neo4j on ${home.dir}: stop it, or set NEO4J_DATA_DIR to another folder.`,
    );
  }
  logger.warn({ pid }, "stopping a Neo4j left behind by an earlier run");
  process.kill(pid, "SIGKILL");
}

/** True while a process with this pid exists (signal 0 only asks). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM"; // there, but another user's
  }
}
