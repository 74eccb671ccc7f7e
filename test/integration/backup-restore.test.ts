// npm run backup / npm run restore on a managed store of the test's own: refused while Neo4j runs on the store,
// then a dump of the stopped store is loaded into a fresh home, which starts with the same graph (the canonical
// listing of test/helpers/graph-listing.ts).
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ManagedNeo4j } from "../../src/neo4j/managed";
import { createDriver } from "../../src/neo4j/driver";
import { Database } from "../../src/neo4j/database";
import { ensureSchema } from "../../src/neo4j/schema-setup";
import { IngestRepository } from "../../src/ingest/ingest.repository";
import { createLogger } from "../../src/logger";
import { loadSeed } from "../../seed/seed";
import { expectSameListing, graphListing } from "../helpers/graph-listing";

const ROOT = path.join(__dirname, "..", "..");

function managed(homeDir: string): ManagedNeo4j {
  return new ManagedNeo4j({ homeDir, boltPort: 0, heap: "512m", pageCache: "64m", startTimeoutMs: 180_000, logger: createLogger(process.env.TEST_LOG_LEVEL ?? "warn") });
}

/** The built CLI on a home: exit status and what it printed. */
function cli(command: "backup" | "restore", file: string, homeDir: string) {
  const result = spawnSync(process.execPath, ["dist/src/backup/backup-cli.js", command, file], {
    cwd: ROOT,
    env: { ...process.env, NEO4J_URI: "", NEO4J_DATA_DIR: homeDir, NEO4J_PAGECACHE: "64m", LOG_LEVEL: "warn" },
    encoding: "utf8",
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** The listing of the store on `homeDir`, read from a Neo4j started on it for the purpose. */
async function listingOf(neo4j: ManagedNeo4j): Promise<string[]> {
  const driver = createDriver({ uri: neo4j.uri, ...neo4j.credentials });
  try {
    return await graphListing(driver);
  } finally {
    await driver.close();
  }
}

describe("npm run backup and npm run restore", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "papers-graph-backup-"));
  const original = path.join(dir, "original");
  const fresh = path.join(dir, "fresh");
  const dump = path.join(dir, "graph.dump");
  let before: string[];

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("refuses while Neo4j runs on the store, and restores a dump of the stopped store into a fresh one", async () => {
    const neo4j = managed(original);
    await neo4j.start();
    try {
      const driver = createDriver({ uri: neo4j.uri, ...neo4j.credentials });
      const db = new Database(driver, "neo4j");
      await ensureSchema(db);
      await loadSeed(new IngestRepository(db));
      await db.write(`MATCH (a:Paper {id: "journals/corr/1608.06993"}), (b:Paper {id: "journals/corr/1502.04623"}) MERGE (a)-[:CITES]->(b)`);
      before = await graphListing(driver);
      await driver.close();

      const refused = cli("backup", dump, original);
      expect(refused.status).toBe(1);
      expect(refused.output).toContain(`is running on ${original}: stop it first, since Neo4j Community dumps and loads a stopped database only`);
      expect(existsSync(dump)).toBe(false);
    } finally {
      await neo4j.stop();
    }

    const backup = cli("backup", dump, original);
    expect(backup).toMatchObject({ status: 0 });
    expect(existsSync(dump)).toBe(true);
    expect(cli("backup", dump, original)).toMatchObject({ status: 1, output: expect.stringContaining("exists: back up to a new file") });

    const restore = cli("restore", dump, fresh);
    expect(restore).toMatchObject({ status: 0 });
    const restored = managed(fresh);
    await restored.start();
    try {
      expectSameListing(await listingOf(restored), before);
      expect(before.length).toBeGreaterThan(50);
    } finally {
      await restored.stop();
    }
  }, 600_000);
});
