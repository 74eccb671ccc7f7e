// A real server on an ephemeral port, and `query` to talk to it over HTTP as a client would.
import type { Driver } from "neo4j-driver";
import { Database } from "../../src/neo4j/database";
import { buildAppSchema } from "../../src/graphql/schema";
import { AppServer, createServer, securityOptions, SecurityOptions } from "../../src/http/server";
import { loadConfig } from "../../src/config";
import { createLogger, Logger } from "../../src/logger";
import type { Authenticator } from "../../src/auth/authenticator";
import { openTestDatabase, TestDatabase } from "./database";
import { createAuthenticator } from "../../src/auth/authenticator";
import { Headers, TEST_AUTH_SETTINGS } from "./tokens";

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  data?: T;
  errors?: Array<{ message: string; extensions?: Record<string, any>; path?: (string | number)[] }>;
  extensions?: { cypherRoundTrips?: number };
}

export interface TestServerOptions {
  browserUi?: boolean;
  /** false: loaders query once per parent (the benchmark's ablation). */
  batching?: boolean;
  /** Overrides of the defaults src/config.ts gives an empty environment (time limits: see below). */
  security?: Partial<SecurityOptions>;
  /** Neo4j's transaction timeout; 30 s when not given. */
  transactionTimeoutMs?: number;
  logger?: Logger;
  /** Paper.related's work budget; the server's default when not given. */
  relatedMaxExpansions?: number;
  /** Verifies bearer tokens for rate-limit keys (none: every caller counts by IP). */
  authenticate?: Authenticator;
}

export interface TestServer {
  url: string;
  /** http://127.0.0.1:port, for /healthz and /readyz. */
  base: string;
  /** http://127.0.0.1:port of the metrics listener, for /metrics. */
  metricsBase: string;
  /** `headers`: e.g. `await asCurator()` (test/helpers/tokens.ts); none is an anonymous request. */
  query<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, headers?: Headers): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

/** A server on the test run's Neo4j (a TestDatabase) or on any other driver (a fault test's own Neo4j). */
export async function startTestServer(test: { driver: Driver }, options: TestServerOptions = {}): Promise<TestServer> {
  // Generous time limits unless a test sets its own: a test about results must not depend on this machine's load
  // (a cold Neo4j on two busy cores can take seconds over its first graph query). No rate limits unless a test sets
  // them: suites send thousands of requests from one address.
  const defaults = loadConfig({ REQUEST_TIMEOUT_MS: "60000", NEO4J_TX_TIMEOUT_MS: "30000", RATE_LIMIT_REQUESTS: "0", RATE_LIMIT_MUTATIONS: "0" });
  const server: AppServer = await createServer({
    schema: await buildAppSchema(),
    driver: test.driver,
    db: new Database(test.driver, "neo4j", { transactionTimeoutMs: options.transactionTimeoutMs ?? defaults.NEO4J_TX_TIMEOUT_MS }),
    logger: options.logger ?? createLogger(process.env.TEST_LOG_LEVEL ?? "silent"),
    exposeRoundTrips: true,
    browserUi: options.browserUi ?? false,
    batching: options.batching ?? true,
    relatedMaxExpansions: options.relatedMaxExpansions,
    security: { ...securityOptions(defaults), ...options.security },
    authenticate: options.authenticate ?? createAuthenticator(TEST_AUTH_SETTINGS),
  });
  const port = await server.listen(0, "127.0.0.1");
  const base = `http://127.0.0.1:${port}`;
  const metricsBase = `http://127.0.0.1:${await server.listenMetrics(0, "127.0.0.1")}`;
  const url = `${base}/graphql`;
  return {
    url,
    base,
    metricsBase,
    async query(query, variables, headers = {}) {
      const res = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, ...((await res.json()) as object) };
    },
    close: () => server.stop(),
  };
}

/** A fresh test database holding the ShortScience seed, and a server on it: what most suites start from. */
export async function startSeededServer(options: TestServerOptions = {}): Promise<{ t: TestDatabase; server: TestServer }> {
  const t = await openTestDatabase();
  await t.reset();
  await t.seedShortScience();
  return { t, server: await startTestServer(t, options) };
}

/** Closes what startSeededServer opened, server first. */
export async function stopSeededServer({ t, server }: { t?: TestDatabase; server?: TestServer }): Promise<void> {
  await server?.close();
  await t?.close();
}
