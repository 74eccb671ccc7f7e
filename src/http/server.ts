// HTTP + Apollo: builds a fresh context (loaders, round-trip counter, deadline) for each request, behind the
// limits of src/graphql/limits.ts and the body checks of src/http/http-guards.ts.
import http from "node:http";
import { randomUUID } from "node:crypto";
import express from "express";
import { ApolloServer, ApolloServerPlugin } from "@apollo/server";
import { expressMiddleware } from "@as-integrations/express5";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import type { GraphQLSchema } from "graphql";
import type { Driver } from "neo4j-driver";
import { Database, isReachable } from "../neo4j/database";
import type { Logger } from "../logger";
import type { Config } from "../config";
import { Context, createContext } from "../graphql/context";
import { createErrorFormatter, errorLoggingPlugin } from "../graphql/errors";
import { costLimitPlugin, limitRules, QueryLimits } from "../graphql/limits";
import { graphqlBodyParsing, lastResortErrors } from "./http-guards";
import { Metrics } from "./metrics";
import { browserUiRouter } from "./browser-ui";

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
  security: SecurityOptions;
}

export interface SecurityOptions extends QueryLimits {
  maxBodyBytes: number;
  /** The time budget of one request; no database work starts or goes on after it. */
  requestTimeoutMs: number;
  introspection: boolean;
  fieldSuggestions: boolean;
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

const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;

/** Logs each operation with its duration and Cypher round-trips; optionally reports the count to the client. */
function roundTripsPlugin(expose: boolean): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ response, contextValue, operationName }) {
          const roundTrips = contextValue.roundTrips.count;
          if (expose && response.body.kind === "single") {
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

export async function createServer({
  schema,
  driver,
  db,
  logger,
  exposeRoundTrips,
  browserUi = false,
  batching = true,
  security,
}: ServerOptions): Promise<AppServer> {
  const app = express();
  app.disable("x-powered-by");
  const httpServer = http.createServer(app);
  const metrics = new Metrics(db.sessions);
  let stopping = false;
  const apollo = new ApolloServer<Context>({
    schema,
    formatError: createErrorFormatter(),
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    introspection: security.introspection,
    hideSchemaDetailsFromClientErrors: !security.fieldSuggestions,
    parseOptions: { maxTokens: security.maxTokens },
    validationRules: limitRules(security),
    // main.ts owns the process's signals and its one shutdown routine.
    stopOnTerminationSignals: false,
    // Apollo pretty-prints responses by default (2-space indentation): more bytes and ~2% of a nested query's CPU.
    stringifyResult: (value) => JSON.stringify(value),
    plugins: [
      // No cache hints are used; the default cache-control plugin would wrap every field's resolver to look for them.
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: security.shutdownGraceMs }),
      // Apollo's default landing page loads its IDE from the internet; a server here must work offline.
      ApolloServerPluginLandingPageDisabled(),
      costLimitPlugin(security.maxCost),
      errorLoggingPlugin(),
      roundTripsPlugin(exposeRoundTrips),
      metrics.plugin(),
    ],
  });
  await apollo.start();

  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.get("/readyz", async (_req, res) => {
    if (stopping) {
      res.status(503).json({ status: "shutting down" });
      return;
    }
    const ready = await isReachable(driver, db.name);
    res.status(ready ? 200 : 503).json({ status: ready ? "ready" : "neo4j unreachable" });
  });
  app.get("/metrics", async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  // Before Apollo, so a browser's GET /graphql gets the IDE; POSTs and JSON GETs fall through.
  if (browserUi) app.use(browserUiRouter());
  app.use(
    "/graphql",
    ...graphqlBodyParsing(security.maxBodyBytes),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const given = req.headers["x-request-id"];
        const requestId = typeof given === "string" && REQUEST_ID.test(given) ? given : randomUUID();
        return createContext(db, logger, requestId, Date.now() + security.requestTimeoutMs, { batch: batching });
      },
    }),
  );
  app.use(lastResortErrors(logger));

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
