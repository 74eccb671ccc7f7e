// What a client sees of a database failure: a stable code and a sentence of ours, never the driver's words.
import { GraphQLError } from "graphql";
import { error as driverError, Neo4jError } from "neo4j-driver";
import { createErrorFormatter, isUnexpected } from "../../src/graphql/errors";
import { classifyDriverError, WriteConflictError } from "../../src/neo4j/database-errors";

const serverSays = (code: string, message: string) => new Neo4jError(message, code, "50N42", "error: general processing exception");

/** The formatted error of a resolver that failed with `driverErr` after the database wrapper classified it. */
function asClientSees(driverErr: Neo4jError) {
  const original = classifyDriverError(driverErr) as Error;
  const error = new GraphQLError(original.message, { originalError: original, path: ["upsertPaper"] });
  return { formatted: createErrorFormatter()({ message: error.message, path: error.path }, error), unexpected: isUnexpected(error) };
}

describe("database failures as the client sees them", () => {
  it("a uniqueness constraint's refusal (a write that lost to concurrent writes of one identifier) is CONFLICT, retryable", () => {
    const refused = serverSays("Neo.ClientError.Schema.ConstraintValidationFailed", "Node(12) already exists with label `Paper` and property `arxivId` = '2101.00001'");
    expect(classifyDriverError(refused)).toBeInstanceOf(WriteConflictError);
    const { formatted, unexpected } = asClientSees(refused);
    expect(formatted.extensions).toEqual({ code: "CONFLICT", retryable: true });
    expect(formatted.message).toMatch(/^Other writes of the same identifier .*try again\.$/);
    expect(JSON.stringify(formatted)).not.toMatch(/Neo\.|Node\(|2101\.00001/);
    expect(unexpected).toBe(false);
  });

  it.each([
    [driverError.SERVICE_UNAVAILABLE, "SERVICE_UNAVAILABLE"],
    [driverError.SESSION_EXPIRED, "SERVICE_UNAVAILABLE"],
    ["Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration", "TIMEOUT"],
    ["Neo.TransientError.Transaction.BookmarkTimeout", "BOOKMARK_NOT_REACHED"],
  ])("%s is %s", (code, expected) => {
    expect(asClientSees(serverSays(code, "the driver's words")).formatted.extensions?.code).toBe(expected);
  });

  it("any other driver error is masked as INTERNAL_SERVER_ERROR", () => {
    const { formatted, unexpected } = asClientSees(serverSays("Neo.ClientError.Statement.SyntaxError", "Invalid input 'MATC'"));
    expect(formatted).toEqual({ message: "Internal server error", path: ["upsertPaper"], extensions: { code: "INTERNAL_SERVER_ERROR" } });
    expect(unexpected).toBe(true);
  });
});
