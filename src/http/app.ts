// The express app: which path goes to which handler, in order, and JSON errors for whatever no handler answered well.
import type { RequestListener } from "node:http";
import express, { Express } from "express";
import helmet from "helmet";
import type { ApolloServer } from "@apollo/server";
import type { Driver } from "neo4j-driver";
import type { Logger } from "../logger";
import type { Context } from "../graphql/context";
import type { ContextRequest } from "../graphql/apollo";
import { graphqlBodyParsing, lastResortErrors } from "./http-guards";
import { healthRouter } from "./health";
import { browserUiRouter } from "./browser-ui";
import type { Metrics } from "./metrics";
import { rateLimiters, RateLimits } from "./rate-limit";
import type { RequestAuthenticator } from "../auth/authenticator";
import type { PersistedDocuments } from "../graphql/trusted-documents";
import { ANONYMOUS } from "../auth/viewer";
import { corsMiddleware, CorsSettings } from "./cors";
import { graphqlHandler } from "./graphql-handler";
import { requestIdHeader } from "./request-id";
import { MessageClasses, withGraphQLPostLane } from "./graphql-post-lane";

export interface AppOptions {
  apollo: ApolloServer<Context>;
  context: (request: ContextRequest) => Promise<Context>;
  driver: Driver;
  database: string;
  /** True once the server has begun to stop: /readyz then answers 503. */
  stopping: () => boolean;
  /** Why Neo4j cannot answer when the server knows (the managed Neo4j restarting): /readyz says it with its 503. */
  neo4jOutage?: () => string | undefined;
  logger: Logger;
  browserUi: boolean;
  maxBodyBytes: number;
  rateLimits: RateLimits;
  /** Documents sent by id (APQ, trusted documents), for the mutation budget to tell a mutation sent by id. */
  persistedDocuments?: PersistedDocuments;
  cors: CorsSettings;
  /** Who sent a request, for the rate-limit key; without it every caller is counted by IP address. */
  viewerOf?: RequestAuthenticator;
  /** The server's request and response classes (messageClasses()), given express's prototypes here. */
  messages: MessageClasses;
}

// The API answers JSON only: a response that a browser renders anyway may load nothing and sit in no frame. The
// browser UI's pages replace this policy with their own (browser-ui.ts).
const API_CONTENT_SECURITY_POLICY = { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"] } };

/**
 * The public listener's request handler: the express app, with POST /graphql taking its handlers without the router
 * (graphql-post-lane.ts). A handler added to the app for /graphql, or before it, goes into the lane's list too.
 */
export function createApp({ apollo, context, driver, database, stopping, neo4jOutage, logger, browserUi, maxBodyBytes, rateLimits, persistedDocuments, cors, viewerOf = async () => ANONYMOUS, messages }: AppOptions): RequestListener {
  const app = express();
  app.disable("x-powered-by");
  // A strong ETag of each GET's answer; express answers 304 to a GET whose If-None-Match holds it.
  app.set("etag", "strong");
  const securityHeaders = helmet({ contentSecurityPolicy: API_CONTENT_SECURITY_POLICY });
  // First on /graphql the request's id, then the CORS headers, so a preflight is answered before the body guards and
  // rate limits look at it.
  const graphql = [requestIdHeader, corsMiddleware(cors), ...graphqlBodyParsing(maxBodyBytes), ...rateLimiters(rateLimits, viewerOf, persistedDocuments), graphqlHandler(apollo, context)];
  const errors = lastResortErrors(logger);
  app.use(securityHeaders);
  app.use(healthRouter(driver, database, stopping, neo4jOutage));
  // Before Apollo, so a browser's GET /graphql gets the IDE; POSTs and JSON GETs fall through.
  if (browserUi) app.use(browserUiRouter());
  // The endpoint is /graphql (and /graphql/, as express's non-strict routes read it), every method: mounted with
  // app.use it also answered /graphql/<anything>, which now gets express's 404 as any unknown path. OPTIONS is one of
  // the methods, so a preflight reaches the cors middleware instead of express's automatic answer.
  app.all("/graphql", ...graphql);
  app.use(errors);
  // What the app runs for POST /graphql, in its order: neither the health nor the browser UI's router answers a POST.
  return withGraphQLPostLane(app, [securityHeaders, ...graphql, errors], messages);
}

/** The metrics listener's app: GET /metrics only, on its own port so the public listener never serves it. */
export function createMetricsApp(metrics: Metrics): Express {
  const app = express();
  app.disable("x-powered-by");
  app.get("/metrics", metrics.handler());
  return app;
}
