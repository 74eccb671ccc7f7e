// Limits on what one operation may ask for, checked before any resolver (so any Cypher) runs: depth, aliases and
// directives as validation rules (graphql-armor), tokens in Apollo's parser, cost once the variables are known
// (graphql-query-complexity). Every rejection is a 400 naming its limit in `extensions.limit`.
import { DocumentNode, GraphQLError, GraphQLSchema, ValidationContext, ValidationRule } from "graphql";
import type { ApolloServerPlugin } from "@apollo/server";
import { maxDepthRule } from "@escape.tech/graphql-armor-max-depth";
import { maxAliasesRule } from "@escape.tech/graphql-armor-max-aliases";
import { maxDirectivesRule } from "@escape.tech/graphql-armor-max-directives";
import { ComplexityEstimator, getComplexity, simpleEstimator } from "graphql-query-complexity";

export interface QueryLimits {
  /** Nesting of fields; the deepest documented query (Paper.related with its evidence) is 8. */
  maxDepth: number;
  /** Aliased fields, `__typename` included: the alias bomb `a1: __typename ... a9999: __typename` is cheap to send. */
  maxAliases: number;
  maxDirectives: number;
  /** Lexical tokens of the document, counted by graphql-js's parser (Apollo's parseOptions.maxTokens). */
  maxTokens: number;
  /** See queryCost. */
  maxCost: number;
}

type LimitName = "depth" | "aliases" | "directives" | "tokens" | "cost";

function rejection(limit: LimitName, message: string, max: number, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: "GRAPHQL_VALIDATION_FAILED", limit, max, ...extra, http: { status: 400 } },
  });
}

/** Reports graphql-armor's rejection as a validation error (it would otherwise throw out of validate()). */
function reportAs(limit: LimitName, max: number) {
  return {
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null, error: GraphQLError) =>
        // armor's messages start with "Syntax Error: " although nothing is wrong with the syntax.
        context?.reportError(rejection(limit, error.message.replace(/^Syntax Error: /, ""), max)),
    ],
  };
}

/** The validation rules Apollo adds to graphql-js's own. */
export function limitRules(limits: QueryLimits): ValidationRule[] {
  return [
    maxDepthRule({ n: limits.maxDepth, ignoreIntrospection: true, ...reportAs("depth", limits.maxDepth) }),
    maxAliasesRule({ n: limits.maxAliases, allowList: [], ...reportAs("aliases", limits.maxAliases) }),
    maxDirectivesRule({ n: limits.maxDirectives, ...reportAs("directives", limits.maxDirectives) }),
  ] as ValidationRule[];
}

/** A field with a `first` or `limit` argument returns up to that many items: each costs what its selection costs. */
const pageSizeEstimator: ComplexityEstimator = ({ args, childComplexity }) => {
  const size = typeof args.first === "number" ? args.first : typeof args.limit === "number" ? args.limit : undefined;
  if (size === undefined) return undefined;
  return 1 + Math.max(0, size) * childComplexity;
};

/**
 * The cost of an operation: 1 per field, and a list field's selection counted once per item it may return, by its
 * `first`/`limit` argument (defaults included) whether written in the document or passed as a variable.
 * Throws a GraphQLError when the variables do not fit the operation.
 */
export function queryCost(schema: GraphQLSchema, query: DocumentNode, variables: Record<string, unknown> = {}, operationName?: string): number {
  return getComplexity({
    schema,
    query,
    variables,
    operationName,
    estimators: [pageSizeEstimator, simpleEstimator({ defaultComplexity: 1 })],
  });
}

/**
 * Throws the refusal of an operation whose cost is over the limit (or whose variables do not fit it); every transport
 * checks with this once the operation is known and before it executes.
 */
export function checkCost(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown>, operationName: string | undefined, maxCost: number): void {
  let cost: number;
  try {
    cost = queryCost(schema, document, variables, operationName);
  } catch (err) {
    // Variables that do not fit their definitions: execution would refuse them the same way.
    const message = err instanceof GraphQLError ? err.message : "The variables do not fit the operation.";
    throw new GraphQLError(message, { extensions: { code: "BAD_USER_INPUT", http: { status: 400 } } });
  }
  if (cost > maxCost) {
    throw rejection("cost", `Query cost limit of ${maxCost} exceeded, found ${cost}. Ask for smaller pages (first, limit) or fewer nested lists.`, maxCost, {
      cost,
    });
  }
}

/** Rejects an operation whose cost is over the limit, once Apollo has resolved it and before it executes. */
export function costLimitPlugin(maxCost: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request, operationName }) {
          checkCost(schema, document, request.variables ?? {}, operationName ?? undefined, maxCost);
        },
      };
    },
  };
}
