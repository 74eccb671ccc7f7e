// HTTP + Apollo: builds a fresh context (loaders, round-trip counter) for each request.
import http from "node:http";
import { randomUUID } from "node:crypto";
import express from "express";
import { ApolloServer, ApolloServerPlugin } from "@apollo/server";
import { expressMiddleware } from "@as-integrations/express5";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import type { GraphQLSchema } from "graphql";
import type { Driver } from "neo4j-driver";
import { Database, isReachable } from "../neo4j/database";
import type { Logger } from "../logger";
import { Context, createContext } from "./context";
import { createErrorFormatter } from "./errors";
import { browserUiRouter } from "./browser-ui";

export interface ServerOptions {
  schema: GraphQLSchema;
  driver: Driver;
  db: Database;
  logger: Logger;
  exposeRoundTrips: boolean;
  /** Serve the GraphQL IDE and the explorer (src/web, bundled into dist/web). */
  browserUi?: boolean;
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

export async function createServer({ schema, driver, db, logger, exposeRoundTrips, browserUi = false }: ServerOptions): Promise<AppServer> {
  const app = express();
  app.disable("x-powered-by");
  const httpServer = http.createServer(app);
  const apollo = new ApolloServer<Context>({
    schema,
    formatError: createErrorFormatter(logger),
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // Apollo's default landing page loads its IDE from the internet; a server here must work offline.
      ApolloServerPluginLandingPageDisabled(),
      roundTripsPlugin(exposeRoundTrips),
    ],
  });
  await apollo.start();

  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.get("/readyz", async (_req, res) => {
    const ready = await isReachable(driver, db.name);
    res.status(ready ? 200 : 503).json({ status: ready ? "ready" : "neo4j unreachable" });
  });
  // Before Apollo, so a browser's GET /graphql gets the IDE; POSTs and JSON GETs fall through.
  if (browserUi) app.use(browserUiRouter());
  app.use(
    "/graphql",
    // A summary body may hold 100,000 characters, which JSON escaping can make several times larger.
    express.json({ limit: "1mb" }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const given = req.headers["x-request-id"];
        const requestId = typeof given === "string" && REQUEST_ID.test(given) ? given : randomUUID();
        return createContext(db, logger, requestId);
      },
    }),
  );

  return {
    httpServer,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        httpServer.once("error", reject);
        httpServer.listen(port, host, () => resolve((httpServer.address() as { port: number }).port));
      });
    },
    async stop() {
      // The drain plugin closes the HTTP server and waits for in-flight requests.
      await apollo.stop();
    },
  };
}
