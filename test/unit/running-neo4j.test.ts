// How `npm run import` finds the Neo4j a running server manages: the store's pid file, both processes alive.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { spawn, spawnSync } from "node:child_process";
import { runningNeo4jUri } from "../../src/neo4j/managed";
import { NEO4J_ENTRY_POINT } from "../../src/neo4j/managed/process";
import { tempDir } from "../helpers/temp-dirs";

function home(pidFile: string | null): string {
  const dir = tempDir("running-neo4j-");
  if (pidFile !== null) writeFileSync(path.join(dir, "neo4j.pid"), pidFile);
  return dir;
}

/** The pid of a process that has ended. */
function deadPid(): number {
  return spawnSync(process.execPath, ["-e", ""]).pid!;
}

/** A live process whose command line reads as the Neo4j of `dir` (what the pid file's first pid must be). */
function fakeNeo4j(dir: string) {
  return spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)", NEO4J_ENTRY_POINT, `--home-dir=${dir}`]);
}

describe("runningNeo4jUri", () => {
  it("gives the Bolt URI when this store's Neo4j and the server owning it are both alive", () => {
    const dir = home(null);
    const neo4j = fakeNeo4j(dir);
    try {
      writeFileSync(path.join(dir, "neo4j.pid"), `${neo4j.pid} ${process.pid} 7688\n`);
      expect(runningNeo4jUri(dir)).toBe("bolt://127.0.0.1:7688");
      // The same process named by another store's pid file is not that store's Neo4j.
      expect(runningNeo4jUri(home(`${neo4j.pid} ${process.pid} 7688\n`))).toBeNull();
    } finally {
      neo4j.kill();
    }
  });

  it("gives null when there is no pid file, a process has ended, or the port is not recorded (an older pid file)", () => {
    expect(runningNeo4jUri(home(null))).toBeNull();
    expect(runningNeo4jUri(home(`${process.pid} ${deadPid()} 7688\n`))).toBeNull();
    expect(runningNeo4jUri(home(`${deadPid()} ${process.pid} 7688\n`))).toBeNull();
    expect(runningNeo4jUri(home(`${process.pid} ${process.ppid}\n`))).toBeNull();
  });
});
