// Typed errors with stable codes, and the formatter that masks everything unexpected.
import { GraphQLError, GraphQLFormattedError } from "graphql";
import { unwrapResolverError } from "@apollo/server/errors";
import type { ApolloServerPlugin } from "@apollo/server";
import { ArgumentValidationError } from "type-graphql";
import type { ValidationError } from "class-validator";
import {
  BookmarkNotReachedError,
  DatabaseTimeoutError,
  DatabaseUnavailableError,
  InvalidBookmarkError,
  ValueTakenError,
  WriteConflictError,
} from "../neo4j/database-errors";
import type { Logger } from "../logger";

export function badUserInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "BAD_USER_INPUT" } });
}

/** One BAD_USER_INPUT naming every bad field, in the same shape as a failed argument validation. */
export function invalidInput(problems: string[]): GraphQLError {
  return new GraphQLError(`Invalid argument: ${problems.join("; ")}.`, { extensions: { code: "BAD_USER_INPUT", problems } });
}

/** No acceptable identity: HTTP 401 (also when thrown while the context is built), with RFC 6750's challenge. */
export function unauthenticated(message: string): GraphQLError {
  const headers = new Map([["www-authenticate", 'Bearer error="invalid_token"']]);
  return new GraphQLError(message, { extensions: { code: "UNAUTHENTICATED", http: { status: 401, headers } } });
}

/** A field that needs an identity, asked for without one: UNAUTHENTICATED as a field error (HTTP 200, like the others). */
export function signInRequired(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "UNAUTHENTICATED" } });
}

/** An identity that may not do this (a role it lacks, a summary that is someone else's). */
export function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "FORBIDDEN" } });
}

/** The sign-in provider's keys could not be fetched: HTTP 503, the cause kept for the log. */
export function signInUnavailable(cause: unknown): GraphQLError {
  return new GraphQLError("The sign-in provider cannot be reached; try again shortly.", {
    originalError: cause instanceof Error ? cause : undefined,
    extensions: { code: "SERVICE_UNAVAILABLE", http: { status: 503 } },
  });
}

// Codes that describe the client's request or a known state; everything else is masked.
const EXPOSED_CODES = new Set([
  "BAD_USER_INPUT",
  "NOT_FOUND",
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_REQUEST",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "PERSISTED_QUERY_NOT_IN_LIST",
  "OPERATION_RESOLUTION_FAILURE",
  "SERVICE_UNAVAILABLE",
  "TIMEOUT",
  "TOO_MANY_SUBSCRIPTIONS",
  "BOOKMARK_NOT_REACHED",
  "CONFLICT",
  "SUBSCRIBER_BEHIND",
]);

/** class-validator's nested errors as sentences: "first must not be greater than 100". */
function describeValidation(errors: ValidationError[], prefix = ""): string[] {
  return errors.flatMap((e) => [
    ...Object.values(e.constraints ?? {}).map((c) => (prefix ? `${prefix}.${c}` : c)),
    ...describeValidation(e.children ?? [], prefix ? `${prefix}.${e.property}` : e.property),
  ]);
}

/** The client's view of a database failure: a stable code and a sentence, never the driver's message. */
function databaseFailure(error: unknown): { code: string; message: string; retryable?: true } | undefined {
  if (error instanceof DatabaseUnavailableError) {
    return { code: "SERVICE_UNAVAILABLE", message: "The database is unavailable; try again shortly." };
  }
  if (error instanceof DatabaseTimeoutError) {
    return { code: "TIMEOUT", message: "The request ran out of time; ask for less (smaller first/limit/depth) or try again." };
  }
  if (error instanceof BookmarkNotReachedError) {
    return {
      code: "BOOKMARK_NOT_REACHED",
      message: "The database has not yet caught up with the Neo4j-Bookmark sent; retry shortly with the same bookmark.",
      retryable: true,
    };
  }
  if (error instanceof WriteConflictError) {
    return { code: "CONFLICT", message: "Other writes of the same identifier kept committing while this one ran; nothing was written: try again.", retryable: true };
  }
  // No mutation writes an identifier without looking its holder up first (Database.writeTransaction), so none should
  // reach a client; if one does, it is the data's conflict, which the same request would meet again.
  if (error instanceof ValueTakenError) {
    return { code: "CONFLICT", message: "Another node already holds a value this write gives, which only one may hold; nothing was written." };
  }
  if (error instanceof InvalidBookmarkError) return { code: "BAD_USER_INPUT", message: "The Neo4j-Bookmark header holds a bookmark Neo4j cannot read." };
  return undefined;
}

// graphql-js reports parseOptions.maxTokens as a syntax error (graphql 16 spells it "more that"); this names the
// limit like the other limits do.
const TOO_MANY_TOKENS = /^Syntax Error: Document contains more th[ae][nt] (\d+) tokens/;

/**
 * The code a client sees for `error`, whose code is `code` (its own, or the one Apollo filled in), when it is not
 * masked. Apollo refuses a malformed `extensions.persistedQuery` (a version other than 1, a hash that is not the
 * query's) with an HTTP 400 but no code, which would read as INTERNAL_SERVER_ERROR: an error without a code of its
 * own that carries a 4xx status is the request's fault, BAD_REQUEST.
 */
function exposedCode(error: unknown, code: unknown): string | undefined {
  if (typeof code === "string" && EXPOSED_CODES.has(code)) return code;
  if (!(error instanceof GraphQLError) || error.extensions.code !== undefined) return undefined;
  const status = (error.extensions.http as { status?: unknown } | undefined)?.status;
  return typeof status === "number" && status >= 400 && status < 500 ? "BAD_REQUEST" : undefined;
}

/** True for an error the formatter masks: the client sees INTERNAL_SERVER_ERROR, the log keeps the original. */
export function isUnexpected(error: GraphQLError): boolean {
  const original = unwrapResolverError(error);
  if (original instanceof ArgumentValidationError || databaseFailure(original)) return false;
  return exposedCode(error, error.extensions?.code) === undefined;
}

export function createErrorFormatter() {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof ArgumentValidationError) {
      const problems = describeValidation(original.extensions.validationErrors as ValidationError[]);
      return {
        message: `Invalid argument: ${problems.join("; ")}.`,
        path: formatted.path,
        locations: formatted.locations,
        extensions: { code: "BAD_USER_INPUT", problems },
      };
    }
    const failure = databaseFailure(original);
    if (failure) {
      const { message, ...extensions } = failure;
      return { message, path: formatted.path, locations: formatted.locations, extensions };
    }
    const code = exposedCode(error, formatted.extensions?.code);
    if (code !== undefined) {
      const { stacktrace: _dropped, ...extensions } = formatted.extensions ?? {};
      extensions.code = code;
      const tokens = code === "GRAPHQL_PARSE_FAILED" ? TOO_MANY_TOKENS.exec(formatted.message) : null;
      if (tokens) Object.assign(extensions, { limit: "tokens", max: Number(tokens[1]) });
      return { ...formatted, extensions };
    }
    return {
      message: "Internal server error",
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: "INTERNAL_SERVER_ERROR" },
    };
  };
}

/**
 * Logs what the formatter masks, with the request's own logger (so with its request id): the full error for the
 * operator, nothing of it for the client. Database outages and timeouts are logged as warnings.
 */
export function errorLoggingPlugin(): ApolloServerPlugin<{ logger: Logger }> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue, operationName }) {
          logResolverErrors(contextValue.logger, errors, operationName ?? undefined, "resolving");
        },
      };
    },
  };
}

/**
 * Logs what resolving an operation (`while`: "resolving", "resolving a subscription event") ran into: database
 * outages and timeouts as warnings, anything the formatter masks in full as an error; a client's mistake not at all.
 */
export function logResolverErrors(logger: Logger, errors: readonly GraphQLError[], operationName: string | undefined, during: string): void {
  for (const error of errors) {
    const original = unwrapResolverError(error);
    if (
      original instanceof DatabaseUnavailableError ||
      original instanceof DatabaseTimeoutError ||
      original instanceof BookmarkNotReachedError ||
      original instanceof WriteConflictError ||
      original instanceof ValueTakenError
    ) {
      logger.warn({ err: original.cause ?? original, operationName, path: error.path }, original.message);
    } else if (isUnexpected(error)) {
      logger.error({ err: original, operationName, path: error.path }, `unexpected error while ${during}`);
    }
  }
}

/** Logs a failed sign-in: a refused token is the client's business (info), the provider out of reach the operator's (warn). */
export function logSignInFailure(logger: Logger, err: unknown, fields: Record<string, unknown>, message: string): void {
  const code = err instanceof GraphQLError ? err.extensions.code : undefined;
  logger[code === "UNAUTHENTICATED" ? "info" : "warn"]({ ...fields, code, err: err instanceof GraphQLError ? (err.originalError ?? err.message) : err }, message);
}
