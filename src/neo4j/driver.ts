// Creates the one Driver of the process.
import neo4j, { AuthToken, Driver, NotificationFilter } from "neo4j-driver";

export interface DriverOptions {
  uri: string;
  user: string;
  password: string;
}

/** The filter of every driver that serves requests: Neo4j sends no notifications (createDriver says why). */
export const NO_NOTIFICATIONS: NotificationFilter = { minimumSeverityLevel: "OFF" };

/** Basic auth, or none for an empty password (a Neo4j run with auth switched off). */
export function authToken({ user, password }: Pick<DriverOptions, "user" | "password">): AuthToken | undefined {
  return password ? neo4j.auth.basic(user, password) : undefined;
}

export function createDriver({ uri, user, password }: DriverOptions): Driver {
  // The managed Neo4j's password comes from its home (managed/credentials.ts).
  return neo4j.driver(uri, authToken({ user, password }), {
    maxConnectionPoolSize: 50,
    connectionAcquisitionTimeout: 10_000,
    // A request has a 10 s budget by default: a dead or unreachable server must be reported well within it, as
    // SERVICE_UNAVAILABLE, rather than retried for the driver's default 30 s (or connected to for its 30 s).
    maxTransactionRetryTime: 2_000,
    connectionTimeout: 5_000,
    // Integers come back as neo4j Integer objects and are converted in values.ts; never lossy by default.
    disableLosslessIntegers: false,
    // No notifications: the server reads none, and Neo4j attaches them to every answer of a statement that raises them,
    // a cached plan's too. Each use of id() (deprecated in Neo4j 5) is one: 7.9 of the 42.6 KB a hep-th paper's
    // `related` received (bench/README.md, twenty-second round).
    // Neo4j takes the filter from 5.7 on (Bolt 5.2; an older one refuses every transaction); the statements need a later
    // 5.x anyway, one with scoped subqueries (`CALL (p) { }`).
    notificationFilter: NO_NOTIFICATIONS,
  });
}
