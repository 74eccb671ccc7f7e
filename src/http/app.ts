// The express app: which path goes to which handler, in order, and JSON errors for whatever no handler answered well.
import type { IncomingMessage } from "node:http";
import express, { Express } from "express";
import type { ApolloServer } from "@apollo/server";
import { expressMiddleware } from "@as-integrations/express5";
import type { Driver } from "neo4j-driver";
import type { Logger } from "../logger";
import type { Context } from "../graphql/context";
import { graphqlBodyParsing, lastResortErrors } from "./http-guards";
import { healthRouter } from "./health";
import { Metrics } from "./metrics";
import { browserUiRouter } from "./browser-ui";

export interface AppOptions {
  apollo: ApolloServer<Context>;
  context: (request: { req: IncomingMessage }) => Promise<Context>;
  driver: Driver;
  database: string;
  /** True once the server has begun to stop: /readyz then answers 503. */
  stopping: () => boolean;
  metrics: Metrics;
  logger: Logger;
  browserUi: boolean;
  maxBodyBytes: number;
}

export function createApp({ apollo, context, driver, database, stopping, metrics, logger, browserUi, maxBodyBytes }: AppOptions): Express {
  const app = express();
  app.disable("x-powered-by");
  app.use(healthRouter(driver, database, stopping));
  app.get("/metrics", metrics.handler());
  // Before Apollo, so a browser's GET /graphql gets the IDE; POSTs and JSON GETs fall through.
  if (browserUi) app.use(browserUiRouter());
  app.use("/graphql", ...graphqlBodyParsing(maxBodyBytes), expressMiddleware(apollo, { context }));
  app.use(lastResortErrors(logger));
  return app;
}
