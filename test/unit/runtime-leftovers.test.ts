// What the managed Neo4j's jar fetch leaves behind (src/neo4j/managed/runtime.ts) is removed by the next fetch, but
// never the folder of a fetch still running.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { removeLeftovers } from "../../src/neo4j/managed/runtime";

describe("removeLeftovers", () => {
  let target: string;
  beforeEach(() => {
    target = mkdtempSync(path.join(os.tmpdir(), "runtime-leftovers-"));
  });
  afterEach(() => rmSync(target, { recursive: true, force: true }));

  const folder = (name: string) => {
    mkdirSync(path.join(target, name));
    writeFileSync(path.join(target, name, "a.jar"), "jar");
  };

  it("removes a killed fetch's folder and a moved-aside one, and keeps the jars, a running fetch's folder and the rest", () => {
    // A process that has ended: its pid is free (the system may hand it out again, but not within this test).
    const ended = spawnSync(process.execPath, ["-e", "console.log(process.pid)"], { encoding: "utf8" });
    const deadPid = Number(ended.stdout.trim());
    folder(`lib.fetching-${deadPid}-AbC123`);
    folder(`lib.fetching-${process.pid}-XyZ789`);
    folder("lib.fetching-notapid");
    folder("lib.old-Q1w2E3");
    folder("lib");
    folder("classes");
    removeLeftovers(target);
    expect(readdirSync(target).sort()).toEqual(["classes", "lib", `lib.fetching-${process.pid}-XyZ789`]);
  });
});
