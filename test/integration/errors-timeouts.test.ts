// Time budgets and database faults: a request that outlives its budget gets TIMEOUT and writes nothing; a database
// failure reaches the client as a stable code and a sentence, while the log keeps the details with the request id.
import { Driver, Session, Transaction } from "neo4j-driver";
import { createDriver } from "../../src/neo4j/driver";
import { Database } from "../../src/neo4j/database";
import { buildAppSchema } from "../../src/graphql/schema";
import { createServer, securityOptions, AppServer } from "../../src/http/server";
import { loadConfig } from "../../src/config";
import type { Logger } from "../../src/logger";
import { openTestDatabase, TestDatabase } from "../helpers/database";
import { startTestServer } from "../helpers/server";
import { freePort } from "../helpers/built-server";
import { capturingLogger } from "../helpers/logs";
import { createAuthenticator } from "../../src/auth/authenticator";
import { asCurator, TEST_AUTH_SETTINGS } from "../helpers/tokens";

const RESNET = "journals/corr/1512.03385";
const RENAME = `mutation Rename($title: String!) { upsertPaper(input: { id: "${RESNET}", title: $title }) { title } }`;

/** What no response may contain, whatever went wrong. */
function expectNoInternals(body: string, extra: string[] = []) {
  for (const leak of ["bolt://", "neo4j://", "Neo.ClientError", "Neo.TransientError", "MATCH ", "MERGE ", "stacktrace", "    at ", ...extra]) {
    expect(body).not.toContain(leak);
  }
}

describe("time budgets", () => {
  let t: TestDatabase;
  let holder: Session;
  let lock: Transaction;

  beforeAll(async () => {
    t = await openTestDatabase();
    await t.reset();
    await t.seedShortScience();
  });

  afterAll(() => t.close());

  /** Holds ResNet's write lock in a transaction of the test's own, so the server's write to it must wait. */
  async function holdResNetLock(): Promise<void> {
    holder = t.driver.session({ database: "neo4j" });
    lock = holder.beginTransaction();
    await lock.run("MATCH (p:Paper {id: $id}) SET p.title = p.title", { id: RESNET });
  }

  async function release(): Promise<void> {
    await lock.rollback();
    await holder.close();
  }

  async function title(): Promise<string> {
    const [row] = await t.db.read("MATCH (p:Paper {id: $id}) RETURN p.title AS title", { id: RESNET });
    return row.title as string;
  }

  it("answers TIMEOUT when Neo4j's transaction timeout stops a write waiting on a lock, and writes nothing", async () => {
    const server = await startTestServer(t, { transactionTimeoutMs: 1000 });
    const before = await title();
    await holdResNetLock();
    try {
      const res = await server.query(RENAME, { title: "Renamed under a lock" }, await asCurator());
      expect(res.errors).toHaveLength(1);
      expect(res.errors![0].extensions).toEqual({ code: "TIMEOUT" });
      expectNoInternals(JSON.stringify(res));
    } finally {
      await release();
      await server.close();
    }
    expect(await title()).toBe(before);
  });

  it("answers TIMEOUT when the request's budget runs out first, and the write never commits after it", async () => {
    // Neo4j's own timeout would be a minute: only the request's budget can end this request.
    const server = await startTestServer(t, { transactionTimeoutMs: 60_000, security: { requestTimeoutMs: 800 } });
    const before = await title();
    await holdResNetLock();
    try {
      const res = await server.query(RENAME, { title: "Renamed after the budget" }, await asCurator());
      expect(res.errors![0].extensions).toEqual({ code: "TIMEOUT" });
    } finally {
      await release();
      await server.close();
    }
    expect(await title()).toBe(before);
  });
});

describe("database faults", () => {
  let servers: AppServer[] = [];
  let drivers: Driver[] = [];

  afterEach(async () => {
    for (const s of servers) await s.stop();
    for (const d of drivers) await d.close();
    servers = [];
    drivers = [];
  });

  async function serve(driver: Driver, databaseName: string, logger: Logger): Promise<string> {
    drivers.push(driver);
    const server = await createServer({
      schema: await buildAppSchema(),
      driver,
      db: new Database(driver, databaseName, { transactionTimeoutMs: 5000 }),
      logger,
      exposeRoundTrips: false,
      security: securityOptions(loadConfig({})),
      authenticate: createAuthenticator(TEST_AUTH_SETTINGS),
    });
    servers.push(server);
    return `http://127.0.0.1:${await server.listen(0, "127.0.0.1")}`;
  }

  /** `requestId`: the client's X-Request-Id; none when undefined. */
  async function ask(base: string, requestId: string | undefined, query: string) {
    const res = await fetch(`${base}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(requestId === undefined ? {} : { "x-request-id": requestId }) },
      body: JSON.stringify({ query }),
    });
    return { status: res.status, text: await res.text(), requestId: res.headers.get("x-request-id") };
  }

  it("reports an unreachable Neo4j as SERVICE_UNAVAILABLE without its address or credentials", async () => {
    const port = await freePort();
    const password = "pw-that-must-not-leak";
    const { logger, lines } = capturingLogger();
    const base = await serve(createDriver({ uri: `bolt://127.0.0.1:${port}`, user: "neo4j", password }), "neo4j", logger);

    const res = await ask(base, "fault-unreachable", `query Lookup { paper(id: "${RESNET}") { title } }`);
    expect(res.status).toBe(200);
    const body = JSON.parse(res.text);
    expect(body.errors).toEqual([
      { message: "The database is unavailable; try again shortly.", path: ["paper"], locations: [{ line: 1, column: 16 }], extensions: { code: "SERVICE_UNAVAILABLE" } },
    ]);
    expectNoInternals(res.text, [String(port), password, "127.0.0.1"]);

    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/readyz`)).status).toBe(503);

    // The operator's side: the driver's own message, with the request id and the operation name.
    const logged = lines().find((l) => l.requestId === "fault-unreachable" && l.msg === "The database is unavailable");
    expect(logged).toMatchObject({ level: 40, operationName: "Lookup" });
    expect(JSON.stringify(logged!.err)).toContain(String(port));
    expect(lines().find((l) => l.requestId === "fault-unreachable" && l.msg === "graphql request")).toMatchObject({ operationName: "Lookup" });
  });

  it("masks an unexpected database error as INTERNAL_SERVER_ERROR and logs it in full with the request id the answer carries", async () => {
    const t = await openTestDatabase();
    try {
      const { logger, lines } = capturingLogger();
      // A database name Neo4j does not know: every statement fails with a ClientError naming it.
      const base = await serve(t.driver, "nosuchdatabase", logger);
      const res = await ask(base, "fault-unexpected", `{ papers(first: 1) { totalCount } }`);
      const body = JSON.parse(res.text);
      expect(res.status).toBe(200);
      expect(body.errors).toHaveLength(1);
      expect(body.errors[0]).toMatchObject({ message: "Internal server error", extensions: { code: "INTERNAL_SERVER_ERROR" } });
      expect(Object.keys(body.errors[0].extensions)).toEqual(["code"]);
      expectNoInternals(res.text, ["nosuchdatabase", "Database"]);

      const logged = lines().find((l) => l.requestId === "fault-unexpected" && l.level === 50);
      expect(logged?.msg).toBe("unexpected error while resolving");
      expect(JSON.stringify(logged!.err)).toContain("nosuchdatabase");
      expect(logged!.err.stack).toBeDefined();

      // The client can quote the id of what the log holds: its own X-Request-Id, or the one the server made.
      expect(res.requestId).toBe("fault-unexpected");
      const unnamed = await ask(base, undefined, `{ papers(first: 1) { totalCount } }`);
      expect(unnamed.requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(lines().find((l) => l.requestId === unnamed.requestId && l.level === 50)?.msg).toBe("unexpected error while resolving");
    } finally {
      await t.close();
    }
  });
});
