import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { error as driverError, Neo4jError } from "neo4j-driver";
import { loadConfig } from "../../src/config";
import { createLogger } from "../../src/logger";
import { connect } from "../../src/neo4j/connect";
import { ConnectTarget, connectFailure, preparationFailure } from "../../src/neo4j/connect-failure";
import { classifyDriverError, DatabaseUnavailableError } from "../../src/neo4j/database-errors";
import { StartupError } from "../../src/startup-error";

const external: ConnectTarget = { uri: "bolt://db.example:7687", user: "reader", noPassword: false, database: "papers", configured: true };
const cluster: ConnectTarget = { ...external, uri: "neo4j://cluster.example:7687" };
const managed: ConnectTarget = { ...external, uri: "bolt://127.0.0.1:41234", user: "neo4j", configured: false };
const serverSays = (code: string, message: string) => new Neo4jError(message, code, "50N42", "error: general processing exception");
/** An error as the driver makes its own: neo4j-driver-core's newError, which neo4j-driver 6 does not export. */
const newError = (message: string, code: string) => new Neo4jError(message, code, "50N42", `error: general processing exception - unexpected error. ${message}`);

/** The sentence connectFailure makes of `err`, or a failure when it passes the error through. */
function sentence(err: Error, target = external): string {
  const mapped = connectFailure(err, target);
  expect(mapped).toBeInstanceOf(StartupError);
  return (mapped as Error).message;
}

describe("connectFailure", () => {
  it("names NEO4J_URI and its value when no Neo4j answers, with the driver's words on one line", () => {
    const down = serverSays("ServiceUnavailable", "Failed to connect to server.\nCaused by: connect ECONNREFUSED 10.0.0.9:7687");
    expect(sentence(down)).toBe("NEO4J_URI bolt://db.example:7687: no Neo4j answers there (Failed to connect to server. Caused by: connect ECONNREFUSED 10.0.0.9:7687).");
    // What the routing driver says when not one router of a neo4j:// URI answers.
    const noRouter = newError("Could not perform discovery. No routing servers available. Known routing table: RoutingTable[...]", driverError.SERVICE_UNAVAILABLE);
    expect(sentence(noRouter, cluster)).toMatch(/^NEO4J_URI neo4j:\/\/cluster\.example:7687: no Neo4j answers there \(Could not perform discovery/);
    expect(sentence(serverSays("ProtocolError", "Unknown Bolt protocol version"))).toMatch(/^NEO4J_URI .*does not speak Bolt/);
  });

  it("says a cluster answered when its routing table gives no server for the database, or none that answers", () => {
    // The driver's own errors for it (neo4j-driver-bolt-connection's connection-provider-routing.js).
    const noReader = newError("No servers available for database 'papers' with access mode 'READ'", driverError.SERVICE_UNAVAILABLE);
    expect(sentence(noReader, cluster)).toBe(
      "NEO4J_URI / NEO4J_DATABASE: the cluster at neo4j://cluster.example:7687 answers, but its routing table gives no server for database papers " +
        "(No servers available for database 'papers' with access mode 'READ'); check with SHOW DATABASES there that papers is online with a leader " +
        "and readers and that the addresses its servers advertise can be reached from here, or set NEO4J_DATABASE to another.",
    );
    const noWriter = newError("Failed to obtain connection towards write server. Known routing table is: RoutingTable[database=papers, writers=[]]", driverError.SESSION_EXPIRED);
    expect(sentence(noWriter, cluster)).toMatch(/^NEO4J_URI \/ NEO4J_DATABASE: the cluster at neo4j:\/\/cluster\.example:7687 answers, but its routing table gives no server for database papers \(Failed to obtain/);
    const routedGone = newError("Failed to connect to server. Caused by: connect ECONNREFUSED 10.0.0.7:7687", driverError.SESSION_EXPIRED);
    expect(sentence(routedGone, cluster)).toMatch(/^NEO4J_URI \/ NEO4J_DATABASE: .*\(Failed to connect to server\. Caused by: connect ECONNREFUSED 10\.0\.0\.7:7687\); .*advertise/);
  });

  it("matches the words the installed driver uses for a routing table without a server", () => {
    const fromDriver = createRequire(require.resolve("neo4j-driver"));
    const routing = readFileSync(fromDriver.resolve("neo4j-driver-bolt-connection/lib/connection-provider/connection-provider-routing.js"), "utf8");
    expect(routing).toContain('newError)("No servers available for database \'".concat(context.database, "\' with access mode \'").concat(accessMode, "\'"), SERVICE_UNAVAILABLE)');
    expect(routing).toContain('"Could not perform discovery. No routing servers available. Known routing table: "');
  });

  it("names the user and NEO4J_PASSWORD when the credentials are refused, and says so when none were sent", () => {
    const refused = serverSays("Neo.ClientError.Security.Unauthorized", "The client is unauthorized due to authentication failure.");
    expect(sentence(refused)).toBe(
      "NEO4J_USER reader / NEO4J_PASSWORD: the Neo4j at bolt://db.example:7687 refused them (The client is unauthorized due to authentication failure.); check both.",
    );
    expect(sentence(refused, { ...external, noPassword: true })).toMatch(/^NEO4J_PASSWORD is empty, so no credentials were sent/);
    expect(sentence(serverSays("Neo.ClientError.Security.AuthenticationRateLimit", "Too many attempts"))).toMatch(/^NEO4J_USER reader: .*too many wrong passwords/);
    expect(sentence(serverSays("Neo.ClientError.Security.CredentialsExpired", "expired"))).toMatch(/^NEO4J_PASSWORD: the password of reader .* has expired/);
    expect(sentence(serverSays("Neo.ClientError.Security.Forbidden", "Database access is not allowed"))).toMatch(/^NEO4J_USER reader: .*the database papers/);
  });

  it("names NEO4J_DATABASE when the server has no such database or it is offline, a managed Neo4j's too", () => {
    const missing = serverSays("Neo.ClientError.Database.DatabaseNotFound", "Database does not exist. Database name: 'papers'.");
    expect(sentence(missing)).toMatch(/^NEO4J_DATABASE papers: the Neo4j at bolt:\/\/db\.example:7687 has no database of that name \(Database does not exist/);
    expect(sentence(missing, managed)).toMatch(/^NEO4J_DATABASE papers: the Neo4j at bolt:\/\/127\.0\.0\.1:41234 has no database/);
    expect(sentence(serverSays("Neo.ClientError.Database.DatabaseUnavailable", "offline"))).toMatch(/^NEO4J_DATABASE papers: the database is not online/);
  });

  // The start-up check is a read: a cluster with no leader, or a user who may only read, passes it, and the schema's
  // first write fails behind the database wrapper, which has classified the driver's error by then.
  it("tells the preparation's failures behind the database wrapper as the start-up check's", () => {
    const noWriter = newError("No servers available for database 'papers' with access mode 'WRITE'", driverError.SERVICE_UNAVAILABLE);
    const wrapped = classifyDriverError(noWriter);
    expect(wrapped).toBeInstanceOf(DatabaseUnavailableError);
    const told = preparationFailure(wrapped, cluster);
    expect(told).toBeInstanceOf(StartupError);
    expect((told as Error).message).toMatch(/^NEO4J_URI \/ NEO4J_DATABASE: the cluster at neo4j:\/\/cluster\.example:7687 answers, but its routing table gives no server for database papers \(No servers available for database 'papers' with access mode 'WRITE'\); .*a leader/);
    const readOnlyUser = serverSays("Neo.ClientError.Security.Forbidden", "Create node with labels 'Paper' on database 'papers' is not allowed for user 'reader'");
    expect((preparationFailure(classifyDriverError(readOnlyUser), external) as Error).message).toMatch(
      /^NEO4J_USER reader: .*on the database papers \(Create node with labels 'Paper' .*\); it needs access, reads, writes and index and constraint management there/,
    );
    // A configured Neo4j that answered the check and then went away is not told as one where nothing answers.
    const dropped = classifyDriverError(newError("Connection was closed by server", driverError.SERVICE_UNAVAILABLE));
    expect((preparationFailure(dropped, external) as Error).message).toMatch(
      /^NEO4J_URI bolt:\/\/db\.example:7687: the Neo4j there answered the start-up check, then stopped answering while the database was prepared .*\(Connection was closed by server\); check that it is running/,
    );
    // What no variable explains stays as it was, wrapped or not: a managed Neo4j gone, a statement's own error.
    const gone = classifyDriverError(serverSays("ServiceUnavailable", "gone"));
    expect(preparationFailure(gone, managed)).toBe(gone);
    const syntax = serverSays("Neo.ClientError.Statement.SyntaxError", "bad");
    expect(preparationFailure(syntax, external)).toBe(syntax);
    const plain = new Error("disk full", { cause: readOnlyUser });
    expect(preparationFailure(plain, external)).toBeInstanceOf(StartupError);
    expect(preparationFailure(new Error("disk full"), external)).toBeInstanceOf(Error);
  });

  it("passes through what no variable explains: a managed Neo4j's connection, other codes, other errors", () => {
    const down = serverSays("ServiceUnavailable", "gone");
    expect(connectFailure(down, managed)).toBe(down);
    const other = serverSays("Neo.ClientError.Statement.SyntaxError", "bad");
    expect(connectFailure(other, external)).toBe(other);
    const plain = new Error("disk full");
    expect(connectFailure(plain, external)).toBe(plain);
  });
});

describe("connect to a configured Neo4j that is not there", () => {
  const logger = createLogger("silent");
  const failure = (env: Record<string, string>) =>
    connect(loadConfig({ NEO4J_PASSWORD: "pw-never-shown", ...env }), logger).then(
      () => { throw new Error("connected"); },
      (err: unknown) => err as Error,
    );

  it.each(["bolt://127.0.0.1:9", "neo4j://127.0.0.1:9"])("%s: a StartupError naming NEO4J_URI and its value, not the password", async (uri) => {
    const err = await failure({ NEO4J_URI: uri });
    expect(err).toBeInstanceOf(StartupError);
    expect(err.message).toMatch(new RegExp(`^NEO4J_URI ${uri}: no Neo4j answers there \\(.+\\)\\.$`));
    expect(err.message).not.toContain("pw-never-shown");
  });

  it("takes an IPv6 address with a zone id, which the driver hands to the socket as written", async () => {
    const err = await failure({ NEO4J_URI: "bolt://[::1%lo]:9" });
    expect(err).toBeInstanceOf(StartupError);
    expect(err.message).toMatch(/^NEO4J_URI bolt:\/\/\[::1%lo\]:9: no Neo4j answers there \(.*::1%lo:9\)\.$/);
  });

  it("names NEO4J_URI when the driver itself refuses a URI", async () => {
    // A routing parameter without a value: the driver's parser throws from neo4j.driver(). The configuration refuses
    // it first (test/unit/config.test.ts), so it is put in after loadConfig, as a driver that refuses more would.
    const config = { ...loadConfig({ NEO4J_PASSWORD: "pw-never-shown" }), NEO4J_URI: "neo4j://127.0.0.1:9?policy" };
    const err = await connect(config, logger).then(
      () => { throw new Error("connected"); },
      (e: unknown) => e as Error,
    );
    expect(err).toBeInstanceOf(StartupError);
    expect(err.message).toMatch(/^NEO4J_URI neo4j:\/\/127\.0\.0\.1:9\?policy: the Neo4j driver cannot use it \(Invalid parameters/);
  });
});
