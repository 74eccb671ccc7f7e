// Target C, the floor: node:http + neo4j-driver, one hand-written Cypher per operation, JSON.stringify. No GraphQL.
import http from "node:http";
import neo4j from "neo4j-driver";
import { NO_NOTIFICATIONS, authToken } from "../../src/neo4j/driver";
import { toNative } from "../../src/neo4j/values";
import { FLOOR_CYPHER, FLOOR_FINISH, OperationName, floorParams } from "../operations";

const driver = neo4j.driver(process.env.NEO4J_URI as string, authToken({ user: process.env.NEO4J_USER ?? "neo4j", password: process.env.NEO4J_PASSWORD ?? "" }), {
  // The driver setting A has (src/neo4j/driver.ts), so that no target pays for notifications it never reads.
  notificationFilter: NO_NOTIFICATIONS,
});

function intParams(vars: Record<string, unknown>): Record<string, unknown> {
  // LIMIT takes integers only, and JavaScript numbers travel as floats.
  return Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, Number.isSafeInteger(v) ? neo4j.int(v as number) : v]));
}

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", async () => {
    try {
      const { op, variables } = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { op: OperationName; variables: Record<string, unknown> };
      const cypher = FLOOR_CYPHER[op];
      const result = await driver.executeQuery(cypher, intParams(floorParams(op, variables)), { database: "neo4j", routing: neo4j.routing.READ });
      const finish = FLOOR_FINISH[op];
      const rows = result.records.map((r) => toNative(r.toObject())).map((row) => (finish ? finish(row) : row));
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ data: rows }));
    } catch (err) {
      res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ errors: [{ message: String((err as Error).message) }] }));
    }
  });
});

server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`LISTENING ${(server.address() as { port: number }).port}\n`);
});
process.on("SIGTERM", () => server.close(() => driver.close().then(() => process.exit(0))));
