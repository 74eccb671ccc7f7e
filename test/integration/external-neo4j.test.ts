// With NEO4J_URI set nothing is started: the server uses that Neo4j, here through a neo4j:// routing URI.
import { loadConfig } from "../../src/config";
import { connect } from "../../src/neo4j/connect";
import { createLogger } from "../../src/logger";
import { IngestRepository } from "../../src/ingest/ingest.repository";
import { PaperRepository } from "../../src/papers/paper.repository";
import { openTestDatabase, testNeo4jCredentials } from "../helpers/database";

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
