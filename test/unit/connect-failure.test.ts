import { Neo4jError } from "neo4j-driver";
import { loadConfig } from "../../src/config";
import { createLogger } from "../../src/logger";
import { connect } from "../../src/neo4j/connect";
import { ConnectTarget, connectFailure } from "../../src/neo4j/connect-failure";
import { StartupError } from "../../src/startup-error";

const external: ConnectTarget = { uri: "bolt://db.example:7687", user: "reader", noPassword: false, database: "papers", configured: true };
const managed: ConnectTarget = { ...external, uri: "bolt://127.0.0.1:41234", user: "neo4j", configured: false };
const serverSays = (code: string, message: string) => new Neo4jError(message, code, "50N42", "error: general processing exception");

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
    expect(sentence(serverSays("SessionExpired", "No routers"))).toMatch(/^NEO4J_URI bolt:\/\/db\.example:7687: no Neo4j answers there/);
    expect(sentence(serverSays("ProtocolError", "Unknown Bolt protocol version"))).toMatch(/^NEO4J_URI .*does not speak Bolt/);
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

  it("names NEO4J_URI when the driver itself refuses a URI that passed the configuration", async () => {
    // A routing parameter without a value: the driver's parser throws from neo4j.driver().
    const err = await failure({ NEO4J_URI: "neo4j://127.0.0.1:9?policy" });
    expect(err).toBeInstanceOf(StartupError);
    expect(err.message).toMatch(/^NEO4J_URI neo4j:\/\/127\.0\.0\.1:9\?policy: the Neo4j driver cannot use it \(Invalid parameters/);
  });
});
