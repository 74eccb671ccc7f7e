// Where the managed Neo4j keeps its config, store, logs and pid file under its home folder.
import { accessSync, constants, mkdirSync } from "node:fs";
import path from "node:path";
import { ManagedNeo4jError } from "./errors";

export interface Home {
  dir: string;
  conf: string;
  data: string;
  logs: string;
  run: string;
  /** Neo4j's own log. */
  neo4jLog: string;
  /** The JVM's stdout and stderr. */
  consoleLog: string;
  pidFile: string;
}

export function homeLayout(dir: string): Home {
  const logs = path.join(dir, "logs");
  return {
    dir,
    conf: path.join(dir, "conf"),
    data: path.join(dir, "data"),
    logs,
    run: path.join(dir, "run"),
    neo4jLog: path.join(logs, "neo4j.log"),
    consoleLog: path.join(logs, "console.log"),
    pidFile: path.join(dir, "neo4j.pid"),
  };
}

/** What the file system says when a folder cannot hold the store: not a folder, not ours to write, or full. */
const UNUSABLE_FOLDER = new Set(["ENOTDIR", "EEXIST", "EACCES", "EPERM", "EROFS", "ENOSPC", "EDQUOT", "ELOOP", "ENAMETOOLONG"]);

/**
 * A file-system failure on the home folder as the sentence that names the variable to change (NEO4J_DATA_DIR);
 * any other error as it is. Without it, a home under a file printed node's ENOTDIR with a stack trace.
 */
export function homeFailure(err: unknown, home: Home): unknown {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (!code || !UNUSABLE_FOLDER.has(code)) return err;
  return new ManagedNeo4jError(
    `The managed Neo4j cannot keep its store in ${home.dir} (${(err as Error).message}): set NEO4J_DATA_DIR to a folder this user can write${code === "ENOSPC" || code === "EDQUOT" ? ", or free space there" : ""}.`,
  );
}

/** Makes the home folder, or says in one sentence why it cannot be: before anything is fetched or started. */
export function ensureHome(home: Home): void {
  try {
    mkdirSync(home.dir, { recursive: true });
    accessSync(home.dir, constants.W_OK | constants.X_OK);
  } catch (err) {
    throw homeFailure(err, home);
  }
}
