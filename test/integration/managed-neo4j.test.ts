// The managed Neo4j fails with one clear sentence when it cannot start (it starting is proven by every other test).
import net from "node:net";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ManagedNeo4j, ManagedNeo4jError } from "../../src/neo4j/managed";
import { createLogger } from "../../src/logger";

function managed(homeDir: string, boltPort: number) {
  return new ManagedNeo4j({ homeDir, boltPort, heap: "256m", pageCache: "64m", startTimeoutMs: 60_000, logger: createLogger("silent") });
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
