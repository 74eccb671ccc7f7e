// The test run's Neo4j, spoken to in the domain's terms: open it, empty it, count what is in it.
import neo4j, { Driver, Session, SessionConfig } from "neo4j-driver";
import { Database } from "../../src/neo4j/database";
import { authToken } from "../../src/neo4j/driver";
import { ensureSchema } from "../../src/neo4j/schema-setup";
import { IngestRepository, GraphCounts } from "../../src/ingest/ingest.repository";
import { loadSeed } from "../../seed/seed";
import { managedCredentials, Neo4jCredentials } from "../../src/neo4j/managed";

/**
 * Who to connect to the test run's Neo4j as: the managed one's credentials from its home (globalSetup), or
 * TEST_NEO4J_USER / TEST_NEO4J_PASSWORD for a server named by TEST_NEO4J_URI (no auth when unset).
 */
export function testNeo4jCredentials(): Neo4jCredentials {
  const home = process.env.TEST_NEO4J_HOME;
  const managed = home ? managedCredentials(home) : undefined;
  return managed ?? { user: process.env.TEST_NEO4J_USER ?? "neo4j", password: process.env.TEST_NEO4J_PASSWORD ?? "" };
}

export interface TestDatabase {
  driver: Driver;
  db: Database;
  ingest: IngestRepository;
  /** Deletes every node and edge (the schema stays). */
  reset(): Promise<void>;
  counts(): Promise<GraphCounts>;
  seedShortScience(): Promise<void>;
  close(): Promise<void>;
}

export async function openTestDatabase(): Promise<TestDatabase> {
  const uri = process.env.TEST_NEO4J_URI;
  if (!uri) throw new Error("TEST_NEO4J_URI is not set: run the tests through jest, whose globalSetup starts Neo4j (none for a run of test/unit alone: a file that needs Neo4j belongs in test/integration)");
  const { user, password } = testNeo4jCredentials();
  const driver = neo4j.driver(uri, authToken({ user, password }));
  const db = new Database(driver, "neo4j");
  await ensureSchema(db);
  const ingest = new IngestRepository(db);
  return {
    driver,
    db,
    ingest,
    reset: async () => {
      // CALL ... IN TRANSACTIONS needs an implicit (auto-commit) transaction: session.run gives one.
      const session = driver.session({ database: "neo4j" });
      try {
        await session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS");
      } finally {
        await session.close();
      }
    },
    counts: () => ingest.counts(),
    seedShortScience: () => loadSeed(ingest),
    close: () => driver.close(),
  };
}

/** The driver, with `spy` shown every session it opens (and its config) before the session is used. */
export function spiedDriver(driver: Driver, spy: (session: Session, config: SessionConfig) => void): Driver {
  return new Proxy(driver, {
    get(target, prop, receiver) {
      if (prop !== "session") return Reflect.get(target, prop, receiver);
      return (config: SessionConfig = {}) => {
        const session = target.session(config);
        spy(session, config);
        return session;
      };
    },
  });
}

/** A statement as a session ran it: its text and parameters. */
export interface SentStatement {
  cypher: string;
  params: Record<string, unknown>;
}

/** The driver, with every auto-commit statement its sessions run pushed onto `sent` (the bookmark probe, `RETURN 1`, aside). */
export function recordingDriver(driver: Driver, sent: SentStatement[]): Driver {
  return spiedDriver(driver, (session) => {
    const run = session.run.bind(session);
    session.run = ((cypher: string, params: Record<string, unknown>, config: unknown) => {
      if (cypher !== "RETURN 1") sent.push({ cypher, params });
      return run(cypher, params, config as never);
    }) as typeof session.run;
  });
}

/**
 * Waits until a transaction running a statement that contains `text` is blocked, waiting for a lock another holds
 * (SHOW TRANSACTIONS): a test that holds a lock knows then that a concurrent write has reached it.
 */
export async function untilBlocked(t: TestDatabase, text: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  const blocked = async () => {
    const rows = await t.db.read(`SHOW TRANSACTIONS YIELD status, currentQuery WHERE status STARTS WITH "Blocked" AND currentQuery CONTAINS $text RETURN count(*) AS n`, { text });
    return (rows[0].n as number) > 0;
  };
  while (!(await blocked())) {
    if (Date.now() > end) throw new Error(`gave up waiting for a transaction running ${JSON.stringify(text)} to wait for a lock`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
