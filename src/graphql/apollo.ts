// Apollo behind /graphql: limits, plugins, error formatting, and a fresh context (loaders, deadline) per request.
import type { IncomingMessage } from "node:http";
import { ApolloServer, ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { GraphQLSchema } from "graphql";
import type { Database } from "../neo4j/database";
import type { Logger } from "../logger";
import type { RequestAuthenticator } from "../auth/authenticator";
import type { Viewer } from "../auth/viewer";
import { Context, createContext, createReads, RequestReads } from "./context";
import { createErrorFormatter, errorLoggingPlugin, logSignInFailure } from "./errors";
import { costLimitPlugin, limitRules, QueryLimits } from "./limits";
import type { SummaryEvents } from "../summaries/summary-events";
import { BOOKMARK_HEADER, formatBookmarks, parseBookmarkHeader } from "./bookmark";
import { httpCachingPlugins } from "./http-caching";
import { PersistedDocuments, persistedQueries, TrustedDocuments, trustedDocumentsPlugin } from "./trusted-documents";
import { subscriptionsOverWebSocketOnly } from "./subscriptions";

export interface GraphQLLimits extends QueryLimits {
  /** The time budget of one request; no database work starts or goes on after it. */
  requestTimeoutMs: number;
  introspection: boolean;
  fieldSuggestions: boolean;
}

export interface ApolloOptions {
  schema: GraphQLSchema;
  limits: GraphQLLimits;
  exposeRoundTrips: boolean;
  /** The in-process cache of anonymous GET answers (RESPONSE_CACHE_MB); 0: none. */
  responseCacheBytes: number;
  /** Only these operations run (TRUSTED_DOCUMENTS); any document, and APQ for any client, when unset. */
  trustedDocuments?: TrustedDocuments;
  /** Where documents sent by id are read from (persistedDocuments(trustedDocuments)); shared with the rate limits. */
  persistedDocuments: PersistedDocuments;
  /** The transport's plugins (draining the HTTP server, metrics), run after this file's own. */
  plugins: ApolloServerPlugin<Context>[];
}

export interface ContextOptions {
  requestTimeoutMs: number;
  batching: boolean;
  relatedMaxExpansions: number;
  /** Who sent the request (its Authorization header), verified once per request. */
  viewerOf: RequestAuthenticator;
  summaryMaxLinks: number;
  events: SummaryEvents;
}

/** Logs each operation with its duration and Cypher round-trips; optionally reports the count to the client. */
function roundTripsPlugin(expose: boolean): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ response, contextValue, operationName }) {
          const roundTrips = contextValue.roundTrips.count;
          // Not in an answer caches may keep: a cached copy would then differ from a computed one (http-caching.ts).
          const shared = response.http.headers.get("cache-control")?.startsWith("public") ?? false;
          if (expose && !shared && response.body.kind === "single") {
            const result = response.body.singleResult;
            result.extensions = { ...result.extensions, cypherRoundTrips: roundTrips };
          }
          const ms = Number(process.hrtime.bigint() - started) / 1e6;
          contextValue.logger.info({ operationName, ms: Math.round(ms * 10) / 10, roundTrips }, "graphql request");
        },
      };
    },
  };
}

/** After a request that wrote: its bookmark in the Neo4j-Bookmark header and `extensions.bookmark`. */
function bookmarkPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          const bookmarks = await contextValue.bookmarks.afterWrites();
          if (!bookmarks?.length) return;
          const bookmark = formatBookmarks(bookmarks);
          response.http.headers.set(BOOKMARK_HEADER, bookmark);
          if (response.body.kind === "single") {
            const result = response.body.singleResult;
            result.extensions = { ...result.extensions, bookmark };
          }
        },
      };
    },
  };
}

/** A started Apollo server; whoever serves it over HTTP stops it. */
export async function startApollo({ schema, limits, exposeRoundTrips, responseCacheBytes, trustedDocuments, persistedDocuments, plugins }: ApolloOptions): Promise<ApolloServer<Context>> {
  const apollo = new ApolloServer<Context>({
    schema,
    formatError: createErrorFormatter(),
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    introspection: limits.introspection,
    hideSchemaDetailsFromClientErrors: !limits.fieldSuggestions,
    parseOptions: { maxTokens: limits.maxTokens },
    persistedQueries: persistedQueries(persistedDocuments),
    validationRules: limitRules(limits),
    // main.ts owns the process's signals and its one shutdown routine.
    stopOnTerminationSignals: false,
    // Apollo pretty-prints responses by default (2-space indentation): more bytes and CPU (measured:
    // bench/README.md#first-round-the-hot-path).
    stringifyResult: (value) => JSON.stringify(value),
    plugins: [
      // Cache hints are read once per document (cache-policy.ts); the default cache-control plugin would wrap every
      // field's resolver to look for them.
      ApolloServerPluginCacheControlDisabled(),
      // Apollo's default landing page loads its IDE from the internet; a server here must work offline.
      ApolloServerPluginLandingPageDisabled(),
      ...(trustedDocuments ? [trustedDocumentsPlugin<Context>(trustedDocuments)] : []),
      subscriptionsOverWebSocketOnly<Context>(),
      costLimitPlugin(limits.maxCost),
      errorLoggingPlugin(),
      // Before roundTripsPlugin, which reads the Cache-Control this sets.
      ...httpCachingPlugins<Context>(schema, { responseCacheBytes }),
      roundTripsPlugin(exposeRoundTrips),
      bookmarkPlugin(),
      ...plugins,
    ],
  });
  await apollo.start();
  return apollo;
}

/** An HTTP request, and the id the transport gave it (src/http/request-id.ts), which its log lines carry. */
export interface ContextRequest {
  req: IncomingMessage;
  requestId: string;
}

/**
 * The context of one request. A token that does not verify fails the whole request (401, or 503 when the provider's
 * keys cannot be fetched): a client that sent credentials is never served as anonymous.
 */
export function contextFactory(db: Database, logger: Logger, options: ContextOptions) {
  const { viewerOf } = options;
  return async ({ req, requestId }: ContextRequest): Promise<Context> => {
    // Checked before the token, so a malformed bookmark costs no verification; a 400 whoever sends it.
    const bookmarks = parseBookmarkHeader(req.headers[BOOKMARK_HEADER]);
    let viewer;
    try {
      viewer = await viewerOf(req);
    } catch (err) {
      logSignInFailure(logger, err, { requestId }, "authentication failed");
      throw err;
    }
    return contextFor(db, logger, options, { requestId, viewer, bookmarks });
  };
}

/** Who an operation is for: its request id and viewer, the client's bookmarks, and reads shared with others, if any. */
export interface OperationOf {
  requestId: string;
  viewer: Viewer;
  bookmarks?: readonly string[];
  /** An operation of the start-up warm-up (metrics leave it out). */
  warmUp?: boolean;
  /** Reads shared with other operations (a subscription event's subscribers); by default fresh ones of its own. */
  reads?: RequestReads;
}

/** The context of one operation (or one subscriber's share of a subscription event); fresh reads' time budget starts now. */
export function contextFor(db: Database, logger: Logger, options: Omit<ContextOptions, "viewerOf">, operation: OperationOf): Context {
  const { requestId, viewer, bookmarks = [], warmUp = false, reads = readsFor(db, options, bookmarks) } = operation;
  const { summaryMaxLinks, relatedMaxExpansions, events } = options;
  return createContext(db, logger, { warmUp, requestId, viewer, settings: { relatedMaxExpansions, summaryMaxLinks }, events, reads });
}

/**
 * Fresh reads under a time budget starting now, reading at least the bookmarks' state: one request's, or one
 * subscription event's, which all its subscribers share (src/http/subscriptions.ts).
 */
export function readsFor(db: Database, { requestTimeoutMs, batching }: Pick<ContextOptions, "requestTimeoutMs" | "batching">, bookmarks: readonly string[]): RequestReads {
  return createReads(db, { deadline: Date.now() + requestTimeoutMs, loaderOptions: { batch: batching }, bookmarks });
}
