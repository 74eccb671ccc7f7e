// Where the managed Neo4j keeps its config, store, logs and pid file under its home folder.
import path from "node:path";

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
