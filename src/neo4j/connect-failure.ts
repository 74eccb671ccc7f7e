// A failure to reach the configured Neo4j as the sentence that names the variable to change, as listenFailure does
// for a listener. The codes: the driver's own (neo4j-driver-core's error.js) and Neo4j's status codes.
import { error as driverError, Neo4jError } from "neo4j-driver";
import { StartupError } from "../startup-error";

/** What connect tried to reach; never the password, so no message can show it. */
export interface ConnectTarget {
  uri: string;
  user: string;
  /** NEO4J_PASSWORD is empty: the driver sent no credentials. */
  noPassword: boolean;
  database: string;
  /** NEO4J_URI, NEO4J_USER and NEO4J_PASSWORD chose the server; false for a managed Neo4j, whose are this process's own. */
  configured: boolean;
}

/** The driver's words, on one line: its ServiceUnavailable message spans lines. */
const said = (err: Error) => err.message.replace(/\s+/g, " ").trim();

/**
 * A neo4j:// cluster gave the driver a routing table, but no server in it for the session's database and mode (no
 * leader, no reader), or none of those it gave answered. The driver's words for it, in neo4j-driver-bolt-connection's
 * connection-provider-routing.js: SessionExpired, or ServiceUnavailable "No servers available for database 'd' with
 * access mode 'READ'". Its other ServiceUnavailable, "Could not perform discovery. No routing servers available", is
 * a URI where nothing answers.
 */
function noServerRouted(err: Neo4jError): boolean {
  return err.code === driverError.SESSION_EXPIRED || (err.code === driverError.SERVICE_UNAVAILABLE && err.message.startsWith("No servers available for database "));
}

/** An error of `neo4j.driver()` itself (a URI its parser refuses), for a configured URI; any other as it is. */
export function driverRefusal(err: unknown, { uri, configured }: ConnectTarget): unknown {
  if (!configured || !(err instanceof Error)) return err;
  return new StartupError(`NEO4J_URI ${uri}: the Neo4j driver cannot use it (${said(err)}).`);
}

/**
 * A failure of the first connection or of the first transaction on the database, as a StartupError when the variable
 * to change is known; any other error as it is. A managed Neo4j's URI and credentials are not the user's to change:
 * only NEO4J_DATABASE is named for it.
 */
export function connectFailure(err: unknown, { uri, user, noPassword, database, configured }: ConnectTarget): unknown {
  if (!(err instanceof Neo4jError)) return err;
  const because = `(${said(err)})`;
  if (err.code === "Neo.ClientError.Database.DatabaseNotFound") {
    return new StartupError(`NEO4J_DATABASE ${database}: the Neo4j at ${uri} has no database of that name ${because}; set NEO4J_DATABASE to one it has (SHOW DATABASES lists them).`);
  }
  if (!configured) return err;
  if (noServerRouted(err)) {
    return new StartupError(
      `NEO4J_URI / NEO4J_DATABASE: the cluster at ${uri} answers, but its routing table gives no server for database ${database} ${because}; ` +
        `check with SHOW DATABASES there that ${database} is online with a leader and readers and that the addresses its servers advertise can be reached from here, or set NEO4J_DATABASE to another.`,
    );
  }
  switch (err.code) {
    case driverError.SERVICE_UNAVAILABLE:
      return new StartupError(`NEO4J_URI ${uri}: no Neo4j answers there ${because}.`);
    case driverError.PROTOCOL_ERROR:
      return new StartupError(`NEO4J_URI ${uri}: what answers there does not speak Bolt as this driver does ${because}.`);
    case "Neo.ClientError.Security.Unauthorized":
      return noPassword
        ? new StartupError(`NEO4J_PASSWORD is empty, so no credentials were sent, and the Neo4j at ${uri} requires them ${because}; set NEO4J_USER and NEO4J_PASSWORD.`)
        : new StartupError(`NEO4J_USER ${user} / NEO4J_PASSWORD: the Neo4j at ${uri} refused them ${because}; check both.`);
    case "Neo.ClientError.Security.AuthenticationRateLimit":
      return new StartupError(`NEO4J_USER ${user}: the Neo4j at ${uri} refuses this user for a while after too many wrong passwords ${because}; check NEO4J_PASSWORD.`);
    case "Neo.ClientError.Security.CredentialsExpired":
      return new StartupError(`NEO4J_PASSWORD: the password of ${user} on the Neo4j at ${uri} has expired ${because}; change it there and set the new one.`);
    case "Neo.ClientError.Security.Forbidden":
      return new StartupError(
        `NEO4J_USER ${user}: the Neo4j at ${uri} does not let this user do what the server needs on the database ${database} ${because}; ` +
          `it needs access, reads, writes and index and constraint management there: grant them, or name a user who has them.`,
      );
    case "Neo.ClientError.Database.DatabaseUnavailable":
    case "Neo.TransientError.General.DatabaseUnavailable":
      return new StartupError(`NEO4J_DATABASE ${database}: the database is not online on the Neo4j at ${uri} ${because}; start it, or name another.`);
    default:
      return err;
  }
}

/**
 * A failure of the work that prepares the database (the schema, the seed: its first writes), told as connectFailure
 * tells the start-up check's: the start-up check is a read, so a cluster with no leader, or a user who may read but
 * not write, passes it and fails here. The database wrapper has classified the driver's error by then (a
 * DatabaseUnavailableError), so the driver's error is its cause. Anything without a sentence is returned as it is.
 */
export function preparationFailure(err: unknown, target: ConnectTarget): unknown {
  const driverErr = err instanceof Neo4jError ? err : (err as { cause?: unknown } | undefined)?.cause;
  // The check reached it, so "no Neo4j answers there" would be untrue: it stopped answering since (stopped, restarted,
  // the network between). A cluster with no server for the database is told as the check tells it.
  if (target.configured && driverErr instanceof Neo4jError && driverErr.code === driverError.SERVICE_UNAVAILABLE && !noServerRouted(driverErr)) {
    return new StartupError(
      `NEO4J_URI ${target.uri}: the Neo4j there answered the start-up check, then stopped answering while the database was prepared (schema, migrations, seed) (${said(driverErr)}); check that it is running and reachable, and start again.`,
    );
  }
  const told = connectFailure(driverErr, target);
  return told instanceof StartupError ? told : err;
}
