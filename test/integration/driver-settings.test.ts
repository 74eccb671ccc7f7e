// The server's driver settings that a test can see from outside: Neo4j sends its answers no notifications.
import neo4j from "neo4j-driver";
import { authToken, createDriver } from "../../src/neo4j/driver";
import { testNeo4jCredentials } from "../helpers/database";

// id() is deprecated in Neo4j 5: each use in a statement is a notification on every answer, a cached plan's too.
const USES_ID = "UNWIND [1, 2] AS x OPTIONAL MATCH (n) WHERE id(n) = x RETURN count(n) AS n";

async function notificationsOf(driver: ReturnType<typeof createDriver>): Promise<{ notifications: number; statuses: string[] }> {
  try {
    const { summary } = await driver.executeQuery(USES_ID, {}, { database: "neo4j", routing: neo4j.routing.READ });
    return { notifications: summary.notifications.length, statuses: summary.gqlStatusObjects.map((s) => s.gqlStatus) };
  } finally {
    await driver.close();
  }
}

describe("the driver's settings", () => {
  const uri = process.env.TEST_NEO4J_URI as string;
  const { user, password } = testNeo4jCredentials();

  it("asks Neo4j for no notifications, which a driver of default settings gets for the same statement", async () => {
    // The control: the statement does raise notifications (its use of id()), so an empty answer below is the filter's.
    const plain = await notificationsOf(neo4j.driver(uri, authToken({ user, password })));
    expect(plain.notifications).toBeGreaterThanOrEqual(1);
    const server = await notificationsOf(createDriver({ uri, user, password }));
    expect(server.notifications).toBe(0);
    expect(server.statuses.every((s) => !s.startsWith("01"))).toBe(true);
  });
});
