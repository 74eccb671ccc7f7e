// With NEO4J_URI set nothing is started: the server uses that Neo4j, here through a neo4j:// routing URI; connect
// and /readyz check that its database answers with one verifyDatabase.
import { Driver, SessionConfig } from "neo4j-driver";
import { loadConfig } from "../../src/config";
import { connect } from "../../src/neo4j/connect";
import { isReachable, verifyDatabase } from "../../src/neo4j/database";
import { createDriver } from "../../src/neo4j/driver";
import { createLogger } from "../../src/logger";
import { IngestRepository } from "../../src/ingest/ingest.repository";
import { PaperRepository } from "../../src/papers/paper.repository";
import { openTestDatabase, spiedDriver, testNeo4jCredentials } from "../helpers/database";

it("reads and writes through a neo4j:// routing URI, naming the database, and starts no Neo4j", async () => {
  const t = await openTestDatabase();
  await t.reset();
  await t.close();
  // The driver asks the server for a routing table; a single server answers with itself as reader and writer.
  const uri = process.env.TEST_NEO4J_URI!.replace(/^bolt:/, "neo4j:");
  const connection = await connect(loadConfig({ NEO4J_URI: uri, NEO4J_DATABASE: "neo4j", NEO4J_USER: testNeo4jCredentials().user, NEO4J_PASSWORD: testNeo4jCredentials().password }), createLogger("silent"));
  try {
    expect(connection.managed).toBeUndefined();
    await new IngestRepository(connection.db).upsertPapers([{ id: "routing/p1", title: "Routed" }]);
    const found = await new PaperRepository(connection.db).findByIds(["routing/p1"]);
    expect(found.map((r) => r.paper.title)).toEqual(["Routed"]);
    expect(connection.db.roundTrips).toBe(2);
  } finally {
    await connection.close();
  }
});

describe("verifyDatabase, connect's and /readyz's check that the database answers", () => {
  const uris = () => [process.env.TEST_NEO4J_URI!, process.env.TEST_NEO4J_URI!.replace(/^bolt:/, "neo4j:")];
  const withDriver = async (uri: string, use: (driver: Driver) => Promise<void>) => {
    const driver = createDriver({ uri, ...testNeo4jCredentials() });
    try {
      await use(driver);
    } finally {
      await driver.close();
    }
  };

  it("through bolt://, refuses a database the server does not have, which verifyConnectivity lets pass", async () => {
    await withDriver(process.env.TEST_NEO4J_URI!, async (driver) => {
      await expect(driver.verifyConnectivity({ database: "nosuchdb" })).resolves.toBeUndefined();
      await expect(verifyDatabase(driver, "nosuchdb")).rejects.toMatchObject({ code: "Neo.ClientError.Database.DatabaseNotFound" });
    });
  });

  it.each(uris())("through %s, is reachable for the database it has only", async (uri) => {
    await withDriver(uri, async (driver) => {
      expect(await isReachable(driver, "neo4j")).toBe(true);
      expect(await isReachable(driver, "nosuchdb")).toBe(false);
    });
  });

  it("runs RETURN 1 once, auto-commit, in a read session on the named database, also when it fails", async () => {
    await withDriver(process.env.TEST_NEO4J_URI!, async (plain) => {
      const sessions: SessionConfig[] = [];
      const ran: string[] = [];
      const driver = spiedDriver(plain, (session, config) => {
        sessions.push(config);
        const run = session.run.bind(session);
        session.run = ((cypher: string, ...rest: never[]) => {
          ran.push(cypher);
          return run(cypher, ...rest);
        }) as typeof session.run;
        session.beginTransaction = () => {
          throw new Error("verifyDatabase began a transaction");
        };
      });
      await verifyDatabase(driver, "neo4j");
      await expect(verifyDatabase(driver, "nosuchdb")).rejects.toMatchObject({ code: "Neo.ClientError.Database.DatabaseNotFound" });
      expect(sessions).toEqual([
        { database: "neo4j", defaultAccessMode: "READ" },
        { database: "nosuchdb", defaultAccessMode: "READ" },
      ]);
      expect(ran).toEqual(["RETURN 1", "RETURN 1"]);
    });
  });
});
