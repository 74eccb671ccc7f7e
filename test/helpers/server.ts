// A real server on an ephemeral port, and `query` to talk to it over HTTP as a client would.
import { Database } from "../../src/neo4j/database";
import { buildAppSchema } from "../../src/graphql/schema";
import { AppServer, createServer } from "../../src/graphql/server";
import { createLogger } from "../../src/logger";
import type { TestDatabase } from "./database";

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  data?: T;
  errors?: Array<{ message: string; extensions?: Record<string, any>; path?: (string | number)[] }>;
  extensions?: { cypherRoundTrips?: number };
}

export interface TestServer {
  url: string;
  query<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

export async function startTestServer(test: TestDatabase, options: { browserUi?: boolean } = {}): Promise<TestServer> {
  const server: AppServer = await createServer({
    schema: await buildAppSchema(),
    driver: test.driver,
    db: new Database(test.driver, "neo4j"),
    logger: createLogger(process.env.TEST_LOG_LEVEL ?? "silent"),
    exposeRoundTrips: true,
    browserUi: options.browserUi ?? false,
  });
  const port = await server.listen(0, "127.0.0.1");
  const url = `http://127.0.0.1:${port}/graphql`;
  return {
    url,
    async query(query, variables) {
      const res = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, ...((await res.json()) as object) };
    },
    close: () => server.stop(),
  };
}
