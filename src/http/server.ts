// The HTTP server: Apollo and the express app on one http.Server; listens, and on stop drains requests, then Apollo.
import http from "node:http";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import type { GraphQLSchema } from "graphql";
import type { Driver } from "neo4j-driver";
import type { Database } from "../neo4j/database";
import type { Logger } from "../logger";
import type { Config } from "../config";
import { contextFactory, GraphQLLimits, startApollo } from "../graphql/apollo";
import { createApp } from "./app";
import { Metrics } from "./metrics";
import { DEFAULT_RELATED_MAX_EXPANSIONS } from "../graph/graph.repository";

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
}

export interface SecurityOptions extends GraphQLLimits {
  maxBodyBytes: number;
  /** On stop, how long in-flight requests may take before their connections are closed. */
  shutdownGraceMs: number;
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
  };
}

export interface AppServer {
  httpServer: http.Server;
  listen(port: number, host: string): Promise<number>;
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
}: ServerOptions): Promise<AppServer> {
  const httpServer = http.createServer();
  const metrics = new Metrics(db.sessions);
  let stopping = false;
  const apollo = await startApollo({
    schema,
    limits: security,
    exposeRoundTrips,
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: security.shutdownGraceMs }), metrics.plugin()],
  });
  const app = createApp({
    apollo,
    context: contextFactory(db, logger, { requestTimeoutMs: security.requestTimeoutMs, batching, relatedMaxExpansions }),
    driver,
    database: db.name,
    stopping: () => stopping,
    metrics,
    logger,
    browserUi,
    maxBodyBytes: security.maxBodyBytes,
  });
  httpServer.on("request", app);

  return {
    httpServer,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        httpServer.once("error", reject);
        httpServer.listen(port, host, () => resolve((httpServer.address() as { port: number }).port));
      });
    },
    async stop() {
      stopping = true;
      // The drain plugin closes the HTTP server and waits for in-flight requests (up to shutdownGraceMs).
      await apollo.stop();
    },
  };
}
