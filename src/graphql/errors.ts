// Typed errors with stable codes, and the formatter that masks everything unexpected.
import { GraphQLError, GraphQLFormattedError } from "graphql";
import { unwrapResolverError } from "@apollo/server/errors";
import { ArgumentValidationError } from "type-graphql";
import type { ValidationError } from "class-validator";
import type { Logger } from "../logger";

export function badUserInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "BAD_USER_INPUT" } });
}

/** One BAD_USER_INPUT naming every bad field, in the same shape as a failed argument validation. */
export function invalidInput(problems: string[]): GraphQLError {
  return new GraphQLError(`Invalid argument: ${problems.join("; ")}.`, { extensions: { code: "BAD_USER_INPUT", problems } });
}

// Codes that describe the client's request or a known state; everything else is masked.
const EXPOSED_CODES = new Set([
  "BAD_USER_INPUT",
  "NOT_FOUND",
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_REQUEST",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "OPERATION_RESOLUTION_FAILURE",
  "SERVICE_UNAVAILABLE",
  "TIMEOUT",
]);

/** class-validator's nested errors as sentences: "first must not be greater than 100". */
function describeValidation(errors: ValidationError[], prefix = ""): string[] {
  return errors.flatMap((e) => [
    ...Object.values(e.constraints ?? {}).map((c) => (prefix ? `${prefix}.${c}` : c)),
    ...describeValidation(e.children ?? [], prefix ? `${prefix}.${e.property}` : e.property),
  ]);
}

export function createErrorFormatter(logger: Logger) {
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
    const code = formatted.extensions?.code;
    if (typeof code === "string" && EXPOSED_CODES.has(code)) {
      const { stacktrace: _dropped, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    logger.error({ err: original, path: formatted.path }, "unexpected error while resolving");
    return {
      message: "Internal server error",
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: "INTERNAL_SERVER_ERROR" },
    };
  };
}
