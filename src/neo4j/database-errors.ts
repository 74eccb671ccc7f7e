// What can go wrong with the database, as the layers above need to tell it apart: unreachable, or out of time.
// Driver errors stop here, so nothing above the database wrapper imports neo4j-driver to classify them.
import { error as driverError, Neo4jError } from "neo4j-driver";

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

/**
 * A client's bookmark names a transaction this Neo4j has not applied within its db.transaction.bookmark_ready_timeout
 * (a follower lagging, or a bookmark from another database): the same request may succeed a moment later.
 */
export class BookmarkNotReachedError extends Error {
  constructor(readonly cause: unknown) {
    super("The database has not reached the bookmark's state");
    this.name = "BookmarkNotReachedError";
  }
}

/** Neo4j could not read a client's bookmark (its shape passed our check, its content did not pass Neo4j's). */
export class InvalidBookmarkError extends Error {
  constructor(readonly cause: unknown) {
    super("The bookmark is not one Neo4j can read");
    this.name = "InvalidBookmarkError";
  }
}

/**
 * A write that looked an identifier's holder up, refused by a uniqueness constraint after its second run
 * (Database.writeTransaction runs it again once): other writes of the same identifier keep committing between the
 * look and the write. Trying again later succeeds.
 */
export class WriteConflictError extends Error {
  constructor(readonly cause: Neo4jError) {
    // The driver's words name the value and who holds it: the commands print this message, clients never see it.
    super(`A uniqueness constraint refused the write, run twice (${cause.message})`);
    this.name = "WriteConflictError";
  }
}

/**
 * A uniqueness constraint refused a write that did not look the value's holder up first (a restore's copy of an export
 * holding one identifier twice, or one the store already gives another node): the same write would be refused again,
 * so it is not retryable, and Database.writeTransaction does not run it again. The driver's words name the value and
 * the node that holds it.
 */
export class ValueTakenError extends Error {
  constructor(readonly cause: Neo4jError) {
    super(`A uniqueness constraint refused the write (${cause.message})`);
    this.name = "ValueTakenError";
  }
}

const CONSTRAINT_VALIDATION_FAILED = "Neo.ClientError.Schema.ConstraintValidationFailed";

/** A uniqueness constraint refused a write: another node holds the value (a race only where the writer looked first). */
export function isUniquenessRefusal(err: unknown): err is Neo4jError {
  return err instanceof Neo4jError && err.code === CONSTRAINT_VALIDATION_FAILED;
}

// The driver's own codes (neo4j-driver-core's error.js), then Neo4j's status codes.
const UNAVAILABLE_CODES = new Set([
  driverError.SERVICE_UNAVAILABLE,
  driverError.SESSION_EXPIRED,
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
  if (err.code === CONSTRAINT_VALIDATION_FAILED) return new ValueTakenError(err);
  if (err.code === "Neo.TransientError.Transaction.BookmarkTimeout") return new BookmarkNotReachedError(err);
  if (err.code === "Neo.ClientError.Transaction.InvalidBookmark" || err.code === "Neo.ClientError.Transaction.InvalidBookmarkMixture") {
    return new InvalidBookmarkError(err);
  }
  // The pool's own error has no code, only this message.
  if (err.message.startsWith("Connection acquisition timed out")) return new DatabaseUnavailableError(err);
  return err;
}
