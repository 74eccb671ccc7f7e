// How `npm run import` finds the Neo4j a running server manages: the store's pid file, both processes alive.
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { runningNeo4jUri } from "../../src/neo4j/managed";

function home(pidFile: string | null): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "running-neo4j-"));
  if (pidFile !== null) writeFileSync(path.join(dir, "neo4j.pid"), pidFile);
  return dir;
}

/** The pid of a process that has ended. */
function deadPid(): number {
  return spawnSync(process.execPath, ["-e", ""]).pid!;
}

describe("runningNeo4jUri", () => {
  it("gives the Bolt URI when Neo4j and the server owning it are both alive", () => {
    expect(runningNeo4jUri(home(`${process.pid} ${process.ppid} 7688\n`))).toBe("bolt://127.0.0.1:7688");
  });

  it("gives null when there is no pid file, a process has ended, or the port is not recorded (an older pid file)", () => {
    expect(runningNeo4jUri(home(null))).toBeNull();
    expect(runningNeo4jUri(home(`${process.pid} ${deadPid()} 7688\n`))).toBeNull();
    expect(runningNeo4jUri(home(`${deadPid()} ${process.pid} 7688\n`))).toBeNull();
    expect(runningNeo4jUri(home(`${process.pid} ${process.ppid}\n`))).toBeNull();
  });
});
