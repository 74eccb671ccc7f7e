// What can go wrong with the database, as the layers above need to tell it apart: unreachable, or out of time.
// Driver errors stop here, so nothing above the database wrapper imports neo4j-driver to classify them.
import { Neo4jError } from "neo4j-driver";

/** Neo4j cannot be reached (down, restarting, connection cut, pool exhausted): the request may be retried later. */
export class DatabaseUnavailableError extends Error {
  constructor(readonly cause: unknown) {
    super("The database is unavailable");
    this.name = "DatabaseUnavailableError";
  }
}

/** The request's time budget or Neo4j's transaction timeout ran out before the work finished. */
export class DatabaseTimeoutError extends Error {
  constructor(readonly cause?: unknown) {
    super("The database work ran out of time");
    this.name = "DatabaseTimeoutError";
  }
}

const UNAVAILABLE_CODES = new Set([
  "ServiceUnavailable",
  "SessionExpired",
  "Neo.TransientError.General.DatabaseUnavailable",
  "Neo.ClientError.Database.DatabaseUnavailable",
]);

// Neo4j 5 answers a transaction that hit the client's `timeout` with the ...ClientConfiguration variant, one that hit
// the server's db.transaction.timeout with the plain one. A transaction stopped while it waited for a lock gets
// LockClientStopped, and the driver reports a terminated one as Terminated: the server's transactions always carry a
// timeout, which is what stops them unless an administrator killed the query.
const TIMEOUT_CODES = new Set([
  "Neo.ClientError.Transaction.TransactionTimedOut",
  "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration",
  "Neo.ClientError.Transaction.LockClientStopped",
  "Neo.TransientError.Transaction.LockClientStopped",
  "Neo.ClientError.Transaction.Terminated",
  "Neo.TransientError.Transaction.Terminated",
]);

/** The typed error for a driver failure that has a meaning for the client; anything else is returned unchanged. */
export function classifyDriverError(err: unknown): unknown {
  if (!(err instanceof Neo4jError)) return err;
  if (UNAVAILABLE_CODES.has(err.code)) return new DatabaseUnavailableError(err);
  if (TIMEOUT_CODES.has(err.code)) return new DatabaseTimeoutError(err);
  // The pool's own error has no code, only this message.
  if (err.message.startsWith("Connection acquisition timed out")) return new DatabaseUnavailableError(err);
  return err;
}
