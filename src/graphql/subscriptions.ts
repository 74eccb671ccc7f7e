// GraphQL over WebSocket, the transport-free half: a subscription document is checked with the limits HTTP applies
// (limits.ts: tokens, the same validation rules, cost), and each event is executed like a request of its own.
import {
  createSourceEventStream,
  DocumentNode,
  execute,
  ExecutionArgs,
  ExecutionResult,
  getOperationAST,
  GraphQLError,
  GraphQLSchema,
  NoSchemaIntrospectionCustomRule,
  parse,
  specifiedRules,
  validate,
  ValidationRule,
} from "graphql";
import type { ApolloServerPlugin, GraphQLRequestListener } from "@apollo/server";
import type { GraphQLLimits } from "./apollo";
import { checkCost, limitRules } from "./limits";
import { SubscriberBehindError } from "../summaries/summary-events";

export interface SubscribePayload {
  query: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
}

function refusal(message: string, code: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extensions } });
}

/** graphql-js's rules, the limits' rules and, with introspection off, the rule that refuses __schema and __type. */
export function subscriptionRules(limits: GraphQLLimits): ValidationRule[] {
  return [...specifiedRules, ...limitRules(limits), ...(limits.introspection ? [] : [NoSchemaIntrospectionCustomRule])];
}

/**
 * The execution arguments of a subscription document, or the errors that refuse it. Only subscriptions: queries and
 * mutations go to POST /graphql, where the rate limits and the HTTP guards apply.
 */
export function prepareSubscription(
  schema: GraphQLSchema,
  rules: readonly ValidationRule[],
  limits: GraphQLLimits,
  payload: SubscribePayload,
): Omit<ExecutionArgs, "contextValue"> | GraphQLError[] {
  let document: DocumentNode;
  try {
    document = parse(payload.query, { maxTokens: limits.maxTokens });
  } catch (err) {
    const message = err instanceof GraphQLError ? err.message : "The document does not parse.";
    // The token limit's `limit` and `max` are added by the error formatter (errors.ts), as for HTTP.
    return [refusal(message, "GRAPHQL_PARSE_FAILED")];
  }
  const operationName = payload.operationName ?? undefined;
  const operation = getOperationAST(document, operationName);
  // Validation first, so a document with several operations and no name still gets graphql-js's own message.
  const invalid = validate(schema, document, rules);
  if (invalid.length > 0) {
    // The limits' errors carry their code and `limit`; graphql-js's own carry none.
    return invalid.map((e) => (e.extensions.code ? e : refusal(e.message, "GRAPHQL_VALIDATION_FAILED")));
  }
  if (!operation) return [refusal("The document must hold one operation, or name the one to run (operationName).", "BAD_REQUEST")];
  if (operation.operation !== "subscription") {
    return [refusal(`Only subscriptions are served over WebSocket; send the ${operation.operation} as a POST to /graphql.`, "BAD_REQUEST")];
  }
  const variableValues = payload.variables ?? {};
  try {
    checkCost(schema, document, variableValues, operationName, limits.maxCost);
  } catch (err) {
    if (err instanceof GraphQLError) return [err];
    throw err;
  }
  return { schema, document, operationName, variableValues };
}

// One listener for every request: the check needs nothing of its own per request.
const subscriptionRefusal: GraphQLRequestListener<object> = {
  async didResolveOperation({ operation }) {
    if (operation?.operation !== "subscription") return;
    throw new GraphQLError(
      "Subscriptions are served over WebSocket only: open ws://<this host>/graphql (wss:// behind TLS) with the graphql-transport-ws protocol (docs/subscriptions.md).",
      { extensions: { code: "BAD_REQUEST", http: { status: 400 } } },
    );
  },
};

/**
 * Refuses a subscription sent over HTTP before it runs: executed as a query it has no event to resolve. Apollo answers
 * a GET of one 405 itself; this is for a POST, and for a trusted list's subscriptions, which pass the list.
 */
export function subscriptionsOverWebSocketOnly<T extends object>(): ApolloServerPlugin<T> {
  return { requestDidStart: async () => subscriptionRefusal };
}

/**
 * graphql-js's subscribe, except that each event is executed with a context of its own (`contextOf`): fresh loaders
 * and a fresh time budget per event, as a request would have, so no event answers from another's cache (the
 * subscribers of one event may share them: perEvent). The subscription itself (its arguments, its permission) is
 * set up with `args.contextValue`.
 */
export async function subscribePerEvent(
  args: ExecutionArgs,
  contextOf: (event: unknown) => unknown,
): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
  const source = await createSourceEventStream(args);
  if (!isAsyncIterable(source)) return source;
  const events = source[Symbol.asyncIterator]();
  let behind = false;
  return endingIterator<ExecutionResult>(
    async () => {
      if (behind) return { value: undefined, done: true };
      let event: IteratorResult<unknown>;
      try {
        event = await events.next();
      } catch (err) {
        if (!(err instanceof SubscriberBehindError)) throw err;
        // Said to the subscriber as the subscription's last result, which graphql-ws then completes.
        behind = true;
        return { value: { errors: [subscriberBehind(err.maxPending)] }, done: false };
      }
      if (event.done) return { value: undefined, done: true };
      return { value: await execute({ ...args, rootValue: event.value, contextValue: contextOf(event.value) }), done: false };
    },
    async () => events.return?.(),
  );
}

/** The last result of a subscription whose subscriber fell behind (summary-events.ts MAX_PENDING_EVENTS). */
function subscriberBehind(maxPending: number): GraphQLError {
  return new GraphQLError(
    `More than ${maxPending} events waited for this subscription to be read, so they were dropped and it ended: ` +
      "subscribe again (summaryAdded with after: the newest summary you have, to get the ones added meanwhile).",
    { extensions: { code: "SUBSCRIBER_BEHIND" } },
  );
}

/**
 * An async iterator of `next` whose return() (the client completing the subscription) and throw() call `end` at once,
 * and after which it is done.
 * Not an async generator function: its return() would wait for the pending next(), that is for the next event,
 * before the pubsub's listener is removed.
 */
export function endingIterator<T>(next: () => Promise<IteratorResult<T>>, end: () => Promise<unknown>): AsyncIterableIterator<T> {
  const done = (): IteratorResult<T> => ({ value: undefined, done: true });
  // Once ended, nothing more: graphql-ws may still ask for the next result of a subscription the client completed.
  let ended = false;
  return {
    next: () => (ended ? Promise.resolve(done()) : next()),
    async return() {
      ended = true;
      await end();
      return done();
    },
    async throw(err) {
      ended = true;
      await end();
      throw err;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

/**
 * One value per event, made when a subscriber first asks for it and shared by the event's other subscribers (the
 * pubsub hands every subscriber the same object) for `maxAgeMs`; a subscriber that asks later (a slow socket, a
 * backlog of events) gets a new one, shared in turn. It goes when the event does.
 */
export function perEvent<E extends object, T>(make: (event: E) => T, maxAgeMs: number): (event: E) => T {
  const made = new WeakMap<E, { value: T; at: number }>();
  return (event) => {
    const now = Date.now();
    const found = made.get(event);
    if (found && now - found.at <= maxAgeMs) return found.value;
    const value = make(event);
    made.set(event, { value, at: now });
    return value;
  };
}

function isAsyncIterable(value: object): value is AsyncIterable<unknown> {
  return typeof (value as Partial<AsyncIterable<unknown>>)[Symbol.asyncIterator] === "function";
}
