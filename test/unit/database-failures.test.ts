// What a client sees of a database failure: a stable code and a sentence of ours, never the driver's words.
import { GraphQLError } from "graphql";
import { error as driverError, Neo4jError } from "neo4j-driver";
import { createErrorFormatter, isUnexpected } from "../../src/graphql/errors";
import { classifyDriverError, ValueTakenError, WriteConflictError } from "../../src/neo4j/database-errors";

const serverSays = (code: string, message: string) => new Neo4jError(message, code, "50N42", "error: general processing exception");

/** The formatted error of a resolver that failed with `err` (a driver's, or the wrapper's own) after the database wrapper classified it. */
function asClientSees(err: Error) {
  const original = classifyDriverError(err) as Error;
  const error = new GraphQLError(original.message, { originalError: original, path: ["upsertPaper"] });
  return { formatted: createErrorFormatter()({ message: error.message, path: error.path }, error), unexpected: isUnexpected(error) };
}

const refused = serverSays("Neo.ClientError.Schema.ConstraintValidationFailed", "Node(12) already exists with label `Paper` and property `arxivId` = '2101.00001'");

describe("database failures as the client sees them", () => {
  it("a write that lost twice to concurrent writes of one identifier (Database.writeTransaction's rerun) is CONFLICT, retryable", () => {
    const { formatted, unexpected } = asClientSees(new WriteConflictError(refused));
    expect(formatted.extensions).toEqual({ code: "CONFLICT", retryable: true });
    expect(formatted.message).toMatch(/^Other writes of the same identifier .*try again\.$/);
    expect(JSON.stringify(formatted)).not.toMatch(/Neo\.|Node\(|2101\.00001/);
    expect(unexpected).toBe(false);
  });

  it("a uniqueness refusal as such is a ValueTakenError naming the value, and a client a CONFLICT not to retry", () => {
    const classified = classifyDriverError(refused);
    expect(classified).toBeInstanceOf(ValueTakenError);
    expect((classified as Error).message).toContain("`arxivId` = '2101.00001'");
    const { formatted, unexpected } = asClientSees(refused);
    expect(formatted.extensions).toEqual({ code: "CONFLICT" });
    expect(formatted.message).toMatch(/^Another node already holds a value this write gives/);
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
