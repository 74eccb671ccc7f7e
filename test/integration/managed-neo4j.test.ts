// The managed Neo4j fails with one clear sentence when it cannot start (it starting is proven by every other test);
// it runs with a generated password, and its pid file never gets an unrelated process killed.
import net from "node:net";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import neo4j from "neo4j-driver";
import os from "node:os";
import path from "node:path";
import { ManagedNeo4j, ManagedNeo4jError, managedCredentials, processAlive } from "../../src/neo4j/managed";
import { homeLayout } from "../../src/neo4j/managed/home";
import { isNeo4jOf, killOrphan } from "../../src/neo4j/managed/orphans";
import { writeNeo4jConf } from "../../src/neo4j/managed/neo4j-conf";
import { Neo4jProcess } from "../../src/neo4j/managed/process";
import { boltPort } from "../../src/neo4j/managed/ports";
import { createLogger } from "../../src/logger";

function managed(homeDir: string, boltPort: number, nice?: number) {
  return new ManagedNeo4j({ homeDir, boltPort, heap: "256m", pageCache: "64m", startTimeoutMs: 60_000, logger: createLogger("silent"), nice });
}

/** The niceness of each thread of a process (Linux: /proc/<pid>/task/<tid>/stat, field 19). */
function threadNiceness(pid: number): number[] {
  return readdirSync(`/proc/${pid}/task`).flatMap((tid) => {
    try {
      // The fields after the command name, which is in parentheses and may hold spaces: the 3rd field onwards.
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8");
      return [Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19 - 3])];
    } catch {
      return []; // a thread that ended while being read
    }
  });
}

async function startError(neo4j: ManagedNeo4j): Promise<ManagedNeo4jError> {
  try {
    await neo4j.start();
  } catch (err) {
    return err as ManagedNeo4jError;
  }
  await neo4j.stop();
  throw new Error("start() succeeded where it should have failed");
}

describe("managed Neo4j start-up errors", () => {
  let home: string;
  beforeEach(() => (home = mkdtempSync(path.join(os.tmpdir(), "papers-graph-managed-"))));
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  it("says so when the Bolt port is taken", async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, "127.0.0.1", () => r()));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const err = await startError(managed(home, port));
      expect(err).toBeInstanceOf(ManagedNeo4jError);
      expect(err.message).toBe(
        `Port ${port} on 127.0.0.1 is already taken, so Neo4j cannot listen there: set NEO4J_BOLT_PORT to a free port, or 0 to pick one.`,
      );
    } finally {
      blocker.close();
    }
  });

  it("says so when Java is missing", async () => {
    const neo4j = new ManagedNeo4j({
      homeDir: home,
      boltPort: 0,
      heap: "256m",
      pageCache: "64m",
      startTimeoutMs: 60_000,
      logger: createLogger("silent"),
      javaHome: path.join(home, "no-java-here"),
    });
    const err = await startError(neo4j);
    expect(err).toBeInstanceOf(ManagedNeo4jError);
    expect(err.message).toMatch(/^Java was not found: install a Java 17 or newer runtime/);
  });

  it("reports Neo4j's own log when Neo4j exits during start-up", async () => {
    // A heap below what Neo4j needs makes the JVM refuse to start; the error must carry the log's tail.
    const neo4j = new ManagedNeo4j({ homeDir: home, boltPort: 0, heap: "1k", pageCache: "64m", startTimeoutMs: 60_000, logger: createLogger("silent") });
    const err = await startError(neo4j);
    expect(err).toBeInstanceOf(ManagedNeo4jError);
    expect(err.message).toMatch(/^Neo4j exited with code \d+ while starting/);
    expect(err.logTail).toMatch(/heap/i);
    expect(err.describe()).toContain("--- last lines of Neo4j's log ---");
  });
});

describe("the managed Neo4j's CPU priority", () => {
  it("runs every thread of the JVM at its niceness, those started for later connections too", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "papers-graph-nice-"));
    const neo = managed(dir, 0, 7);
    try {
      await neo.start();
      // Connections and queries at once make Neo4j start Bolt worker threads after the start's setting.
      const drivers = Array.from({ length: 6 }, () => neo4j.driver(neo.uri, neo4j.auth.basic(neo.credentials.user, neo.credentials.password)));
      try {
        await Promise.all(drivers.map((d) => d.executeQuery("UNWIND range(1, 20000) AS x RETURN sum(x) AS s")));
      } finally {
        await Promise.all(drivers.map((d) => d.close()));
      }
      const niceness = threadNiceness(neo.pid!);
      expect(os.getPriority()).not.toBe(7);
      expect(niceness.length).toBeGreaterThan(20);
      expect(new Set(niceness)).toEqual(new Set([7]));
    } finally {
      await neo.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the managed Neo4j's password and pid file", () => {
  // The test run's managed Neo4j (globalSetup); on a run against an external server, one of this suite's own.
  let homeDir: string;
  let uri: string;
  let own: ManagedNeo4j | undefined;
  beforeAll(async () => {
    if (process.env.TEST_NEO4J_HOME) {
      homeDir = process.env.TEST_NEO4J_HOME;
      uri = process.env.TEST_NEO4J_URI!;
    } else {
      homeDir = mkdtempSync(path.join(os.tmpdir(), "papers-graph-managed-"));
      own = managed(homeDir, 0);
      await own.start();
      uri = own.uri;
    }
  });
  afterAll(async () => {
    if (!own) return;
    await own.stop();
    rmSync(homeDir, { recursive: true, force: true });
  });
  
  it("has a generated password, kept beside the store for the owner only, and refuses connections without it", async () => {
    const home = homeLayout(homeDir);
    const file = path.join(home.dir, "neo4j-password");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const { user, password } = managedCredentials(homeDir)!;
    expect(password).toMatch(/^[0-9a-f]{48}$/); // hex: never read by neo4j-admin as an option
    const anonymous = neo4j.driver(uri, undefined);
    const wrong = neo4j.driver(uri, neo4j.auth.basic(user, "neo4j"));
    const right = neo4j.driver(uri, neo4j.auth.basic(user, password));
    try {
      await expect(anonymous.executeQuery("RETURN 1")).rejects.toMatchObject({ code: expect.stringMatching(/^Neo\.ClientError\.Security\./) });
      await expect(wrong.executeQuery("RETURN 1")).rejects.toMatchObject({ code: "Neo.ClientError.Security.Unauthorized" });
      expect((await right.executeQuery("RETURN 1 AS one")).records[0].get("one").toNumber()).toBe(1);
    } finally {
      await Promise.all([anonymous.close(), wrong.close(), right.close()]);
    }
  });

  it("moves a store made before auth was on from Neo4j's default password to a generated one", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "papers-graph-upgrade-"));
    const home = homeLayout(dir);
    try {
      // The store as earlier versions made it: created by a Neo4j with auth switched off.
      const port = await boltPort(0);
      writeNeo4jConf(home, port, "64m");
      const conf = path.join(home.conf, "neo4j.conf");
      writeFileSync(conf, readFileSync(conf, "utf8").replace("dbms.security.auth_enabled=true", "dbms.security.auth_enabled=false"));
      const old = Neo4jProcess.launch({ java: "java", heap: "256m", home, logger: createLogger("silent"), nice: 0 });
      await old.waitUntilReady({ uri: `bolt://127.0.0.1:${port}`, boltPort: port, started: Date.now(), timeoutMs: 120_000 });
      await old.stop();
      expect(existsSync(path.join(home.data, "databases", "system"))).toBe(true);

      const upgraded = managed(dir, 0);
      await upgraded.start();
      try {
        const { user, password } = upgraded.credentials;
        expect(managedCredentials(dir)).toEqual({ user, password });
        const driver = neo4j.driver(upgraded.uri, neo4j.auth.basic(user, password));
        try {
          expect((await driver.executeQuery("RETURN 1 AS one")).records[0].get("one").toNumber()).toBe(1);
        } finally {
          await driver.close();
        }
      } finally {
        await upgraded.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("recognises its Neo4j by command line, and leaves a process the pid file names wrongly alone", async () => {
    const home = homeLayout(homeDir);
    const [neo4jPid] = readFileSync(home.pidFile, "utf8").trim().split(" ").map(Number);
    expect(isNeo4jOf(neo4jPid, home)).toBe(true);
    expect(isNeo4jOf(neo4jPid, homeLayout(path.join(homeDir, "elsewhere")))).toBe(false);

    // A stale pid file on another home whose Neo4j pid now belongs to an unrelated process, its owner gone.
    const other = homeLayout(mkdtempSync(path.join(os.tmpdir(), "papers-graph-orphan-")));
    const bystander = spawn("sleep", ["60"]);
    try {
      writeFileSync(other.pidFile, `${bystander.pid} 999999999\n`);
      killOrphan(other, createLogger("silent"));
      expect(processAlive(bystander.pid!)).toBe(true);
    } finally {
      bystander.kill("SIGKILL");
      rmSync(other.dir, { recursive: true, force: true });
    }
  });
});
