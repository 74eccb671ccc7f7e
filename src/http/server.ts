// The HTTP server: Apollo and the express app on one http.Server; listens, and on stop drains requests, then Apollo.
import http from "node:http";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { graphql, GraphQLSchema } from "graphql";
import type { Driver } from "neo4j-driver";
import type { Database } from "../neo4j/database";
import type { Logger } from "../logger";
import type { Config } from "../config";
import { contextFactory, contextFor, GraphQLLimits, startApollo } from "../graphql/apollo";
import { Authenticator, perRequest } from "../auth/authenticator";
import { createApp, createMetricsApp } from "./app";
import { messageClasses } from "./graphql-post-lane";
import type { RateLimits } from "./rate-limit";
import { Metrics } from "./metrics";
import { DEFAULT_RELATED_MAX_EXPANSIONS } from "../graph/graph.repository";
import { serverSummaryEvents } from "../summaries/summary-events";
import { attachSubscriptions, SubscriptionLimits } from "./subscriptions";
import type { CorsSettings } from "./cors";
import { persistedDocuments, TrustedDocuments, warmUpDocuments } from "../graphql/trusted-documents";
import { warmUp, WarmUpResult } from "../graphql/warm-up";
import { ANONYMOUS } from "../auth/viewer";

export interface ServerOptions {
  schema: GraphQLSchema;
  driver: Driver;
  db: Database;
  logger: Logger;
  exposeRoundTrips: boolean;
  /** Serve the GraphQL IDE and the explorer (src/web, bundled into dist/web). */
  browserUi?: boolean;
  /** false only for the benchmark's ablation: loaders then query once per parent. */
  batching?: boolean;
  /** Paper.related's work budget (RELATED_MAX_EXPANSIONS); the default when not given. */
  relatedMaxExpansions?: number;
  security: SecurityOptions;
  /** Made once per process from the auth settings (src/auth/authenticator.ts): the viewer of each request, and the rate-limit key. */
  authenticate: Authenticator;
  /** Why Neo4j cannot answer when the server knows (Connection.outage); /readyz reports it. */
  neo4jOutage?: () => string | undefined;
}

export interface SecurityOptions extends GraphQLLimits {
  maxBodyBytes: number;
  /** On stop, how long in-flight requests may take before their connections are closed. */
  shutdownGraceMs: number;
  /** The most papers one summary may link to. */
  summaryMaxLinks: number;
  rateLimits: RateLimits;
  subscriptions: SubscriptionLimits;
  /** Which other origins' pages may call the API. */
  cors: CorsSettings;
  /** The in-process cache of anonymous GET answers; 0: none. */
  responseCacheBytes: number;
  /** Only these operations run; any document when unset. */
  trustedDocuments?: TrustedDocuments;
}

export function securityOptions(config: Config): SecurityOptions {
  return {
    maxDepth: config.MAX_QUERY_DEPTH,
    maxAliases: config.MAX_ALIASES,
    maxDirectives: config.MAX_DIRECTIVES,
    maxTokens: config.MAX_TOKENS,
    maxCost: config.MAX_QUERY_COST,
    maxBodyBytes: config.MAX_BODY_BYTES,
    requestTimeoutMs: config.REQUEST_TIMEOUT_MS,
    introspection: config.INTROSPECTION,
    fieldSuggestions: config.FIELD_SUGGESTIONS,
    shutdownGraceMs: config.SHUTDOWN_GRACE_MS,
    summaryMaxLinks: config.SUMMARY_MAX_LINKS,
    rateLimits: {
      windowMs: config.RATE_LIMIT_WINDOW_MS,
      requests: config.RATE_LIMIT_REQUESTS,
      mutations: config.RATE_LIMIT_MUTATIONS,
      sharedWithPrimary: config.WEB_CONCURRENCY > 1,
    },
    subscriptions: {
      perConnection: config.SUBSCRIPTIONS_PER_CONNECTION,
      perCaller: config.SUBSCRIPTIONS_PER_IDENTITY,
      keepAliveMs: config.SUBSCRIPTION_KEEPALIVE_MS,
      initTimeoutMs: config.SUBSCRIPTION_INIT_TIMEOUT_MS,
      // One allow-list for pages of other origins, over HTTP (CORS) and WebSocket (src/http/cors.ts).
      origins: config.CORS_ORIGINS,
    },
    cors: { origins: config.CORS_ORIGINS, credentials: config.CORS_ALLOW_CREDENTIALS, maxAgeSeconds: config.CORS_MAX_AGE_SECONDS },
    responseCacheBytes: config.RESPONSE_CACHE_MB * 1024 * 1024,
    // Read once, at start: a missing or malformed manifest stops the server with a sentence naming the file.
    trustedDocuments: config.TRUSTED_DOCUMENTS ? TrustedDocuments.load(config.TRUSTED_DOCUMENTS) : undefined,
  };
}

export interface AppServer {
  httpServer: http.Server;
  metrics: Metrics;
  listen(port: number, host: string): Promise<number>;
  /** Serves GET /metrics on a listener of its own (port 0: any free port); stopped with the server. */
  listenMetrics(port: number, host: string): Promise<number>;
  /**
   * Runs the warm-up's queries (warmUpDocuments: the trusted documents', else the repository manifest's, read here)
   * once each, as an anonymous caller, starting none after `budgetMs` (src/graphql/warm-up.ts); main.ts calls it
   * before listen, when WARM_UP_MS is above 0. Metrics leave these operations out.
   */
  warmUp(budgetMs: number): Promise<WarmUpResult>;
  stop(): Promise<void>;
}

export async function createServer({
  schema,
  driver,
  db,
  logger,
  exposeRoundTrips,
  browserUi = false,
  batching = true,
  relatedMaxExpansions = DEFAULT_RELATED_MAX_EXPANSIONS,
  security,
  authenticate,
  neo4jOutage,
}: ServerOptions): Promise<AppServer> {
  // Its requests and responses are born with the express app's prototypes (graphql-post-lane.ts).
  const messages = messageClasses();
  const httpServer = http.createServer(messages);
  const metrics = new Metrics(db.sessions);
  let stopping = false;
  // Documents sent by id: Apollo runs them, and the mutation budget counts those that are mutations.
  const documents = persistedDocuments(security.trustedDocuments);
  const apollo = await startApollo({
    schema,
    limits: security,
    exposeRoundTrips,
    responseCacheBytes: security.responseCacheBytes,
    trustedDocuments: security.trustedDocuments,
    persistedDocuments: documents,
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: security.shutdownGraceMs }), metrics.plugin()],
  });
  // One verification per request, shared by the rate limiter and the context.
  const viewerOf = perRequest(authenticate);
  // The process's event bus: mutations over HTTP publish, subscriptions over WebSocket listen.
  const contextOptions = { requestTimeoutMs: security.requestTimeoutMs, batching, summaryMaxLinks: security.summaryMaxLinks, relatedMaxExpansions, events: serverSummaryEvents() };
  const handleRequest = createApp({
    apollo,
    context: contextFactory(db, logger, { ...contextOptions, viewerOf }),
    driver,
    database: db.name,
    stopping: () => stopping,
    neo4jOutage,
    logger,
    browserUi,
    maxBodyBytes: security.maxBodyBytes,
    rateLimits: security.rateLimits,
    persistedDocuments: documents,
    cors: security.cors,
    viewerOf,
    messages,
  });
  httpServer.on("request", handleRequest);
  const subscriptions = attachSubscriptions({
    httpServer,
    schema,
    db,
    logger,
    authenticate,
    limits: security,
    subscriptions: security.subscriptions,
    context: contextOptions,
    maxMessageBytes: security.maxBodyBytes,
    trustedDocuments: security.trustedDocuments,
  });
  metrics.watchSubscriptions(subscriptions);
  const metricsServer = http.createServer(createMetricsApp(metrics));
  const listen = (server: http.Server, port: number, host: string) =>
    new Promise<number>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, host, () => resolve((server.address() as { port: number }).port));
    });

  return {
    httpServer,
    metrics,
    listen: (port, host) => listen(httpServer, port, host),
    listenMetrics: (port, host) => listen(metricsServer, port, host),
    warmUp(budgetMs) {
      let n = 0;
      const contextValue = () => contextFor(db, logger, contextOptions, { requestId: `warm-up-${++n}`, viewer: ANONYMOUS, warmUp: true });
      return warmUp(
        {
          document: async (query, variables) => {
            const { body } = await apollo.executeOperation({ query, variables }, { contextValue: contextValue() });
            return body.kind === "single" ? body.singleResult : {};
          },
          sample: (source, variableValues) => graphql({ schema, source, variableValues, contextValue: contextValue() }),
        },
        schema,
        warmUpDocuments(security.trustedDocuments),
        budgetMs,
        logger,
      );
    },
    async stop() {
      stopping = true;
      if (metricsServer.listening) await new Promise((resolve) => metricsServer.close(resolve));
      // Subscriptions never end by themselves: their sockets are closed (1001) before the HTTP server drains.
      await subscriptions.stop();
      // The drain plugin closes the HTTP server and waits for in-flight requests (up to shutdownGraceMs).
      await apollo.stop();
    },
  };
}
