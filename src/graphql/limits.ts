// Limits on what one operation may ask for, checked before any resolver (so any Cypher) runs: depth, aliases and
// directives as validation rules (graphql-armor), tokens in Apollo's parser, cost once the variables are known
// (graphql-query-complexity). Every rejection is a 400 naming its limit in `extensions.limit`.
import { DocumentNode, GraphQLError, GraphQLSchema, Kind, TypeNode, ValidationContext, ValidationRule } from "graphql";
import type { ApolloServerPlugin } from "@apollo/server";
import { maxDepthRule } from "@escape.tech/graphql-armor-max-depth";
import { maxAliasesRule } from "@escape.tech/graphql-armor-max-aliases";
import { maxDirectivesRule } from "@escape.tech/graphql-armor-max-directives";
import { ComplexityEstimator, fieldExtensionsEstimator, getComplexity, simpleEstimator } from "graphql-query-complexity";

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
    // Fragments are flattened: depth is the nesting of fields, so a frontend composing its query from fragments (as
    // Apollo Client and Relay do) gets the same limit as one writing it inline. Unflattened, graphql-armor counts each
    // spread and its fragment as levels of their own. Fragment cycles never get here: graphql-js refuses them first.
    maxDepthRule({
      n: limits.maxDepth,
      ignoreIntrospection: true,
      flattenFragments: true,
      ...reportAs("depth", limits.maxDepth),
    }),
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
 * The cost of a list field with no page size but a fixed maximum (a path's papers, a signal's examples): its selection
 * counted once per item it may hold. Given as the field's `complexity` where it is declared, next to the maximum.
 * Subgraph's lists need none: neighbourhood's `limit` already counts its whole selection, stats included, that many
 * times, and no list of a subgraph but its edges (leaves) holds more papers than the subgraph does.
 */
export function listOfAtMost(max: number): ComplexityEstimator {
  return ({ childComplexity }) => 1 + max * childComplexity;
}

/**
 * The cost of an operation: 1 per field, and a list field's selection counted once per item it may return, by its
 * `first`/`limit` argument (defaults included) whether written in the document or passed as a variable, or by the
 * maximum its declaration gives (listOfAtMost). Throws a GraphQLError when the variables do not fit the operation.
 */
export function queryCost(schema: GraphQLSchema, query: DocumentNode, variables: Record<string, unknown> = {}, operationName?: string): number {
  return getComplexity({
    schema,
    query,
    variables,
    operationName,
    estimators: [fieldExtensionsEstimator(), pageSizeEstimator, simpleEstimator({ defaultComplexity: 1 })],
  });
}

/** The name of a variable's type without its list and non-null wrappers. */
function namedTypeOf(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedTypeOf(type.type);
}

/** Variable types whose values can change a cost: `first`/`limit` are Int arguments, @include/@skip take a Boolean. */
const COST_INPUT_TYPES = new Set(["Int", "Float", "Boolean"]);

/**
 * Costs already computed, per schema and parsed document (Apollo's document store and the WebSocket transport's
 * parse hand out one DocumentNode per text), keyed by the operation and the values of its Int, Float and Boolean
 * variables, the only ones its cost can depend on (validation lets no other variable reach a `first`, a `limit` or
 * an @include), and by which of the others are null. Walking the document for every request was 7% of the server's CPU on a one-field query
 * (bench/README.md#fourth-round-the-servers-share). A document has few such variable sets in real use: at most
 * COSTS_PER_DOCUMENT are kept, the oldest going first.
 */
const costs = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, Map<string, number>>>();
const COSTS_PER_DOCUMENT = 32;

/** The cache key of an operation's cost: undefined when the document names no such operation (queryCost says why). */
function costKey(document: DocumentNode, variables: Record<string, unknown>, operationName: string | undefined): string | undefined {
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName === undefined ? (operations.length === 1 ? operations[0] : undefined) : operations.find((o) => o.name?.value === operationName);
  if (!operation) return undefined;
  // Absent and null differ: an absent variable takes its default. Of the other variables only an explicit null
  // counts: validation lets a nullable variable stand for an argument that is non-null with a default (`$d:
  // Direction` for `direction: Direction! = BOTH`), and its null is refused only when the arguments are coerced, which
  // queryCost does with BAD_USER_INPUT, while execution would throw a plain error, answered as an internal one.
  const values = (operation.variableDefinitions ?? []).map((v) => {
    const name = v.variable.name.value;
    if (!COST_INPUT_TYPES.has(namedTypeOf(v.type))) return variables[name] === null ? null : "(not null)";
    return name in variables ? variables[name] : "(absent)";
  });
  return JSON.stringify([operationName ?? null, values]);
}

function cachedCost(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown>, operationName: string | undefined): number {
  const key = costKey(document, variables, operationName);
  if (key === undefined) return queryCost(schema, document, variables, operationName);
  let byDocument = costs.get(schema);
  if (!byDocument) costs.set(schema, (byDocument = new WeakMap()));
  let known = byDocument.get(document);
  if (!known) byDocument.set(document, (known = new Map()));
  let cost = known.get(key);
  if (cost === undefined) {
    // Computed, and so checked against all the variables, before it is kept: a set that does not fit is never cached.
    cost = queryCost(schema, document, variables, operationName);
    if (known.size >= COSTS_PER_DOCUMENT) known.delete(known.keys().next().value as string);
    known.set(key, cost);
  }
  return cost;
}

/**
 * Throws the refusal of an operation whose cost is over the limit (or whose variables do not fit it); every transport
 * checks with this once the operation is known and before it executes. Once a cost is known for a document, its
 * cost-bearing variables and which of the others are null, the other variables' values are left to execution, which
 * refuses what does not fit with the same graphql-js message and BAD_USER_INPUT.
 */
export function checkCost(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown>, operationName: string | undefined, maxCost: number): void {
  let cost: number;
  try {
    cost = cachedCost(schema, document, variables, operationName);
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
