// A graphql-ws client in node against a TestServer: subscriptions as a feed of results, and the server's own count
// of listening subscriptions (GET /metrics), so a test publishes only once its subscriber is really listening.
import { Client, createClient, FormattedExecutionResult } from "graphql-ws";
import WebSocket from "ws";
import type { TestServer } from "./server";

export interface Feed<T = Record<string, any>> {
  /** The next result; rejects when the subscription ends with an error message (the errors as the rejection). */
  next(): Promise<FormattedExecutionResult<T, unknown>>;
  /** Ends the subscription from the client side. */
  close(): Promise<void>;
}

export interface SubscriptionClient {
  client: Client;
  subscribe<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Feed<T>;
  /** Resolves with the close event's code and reason when the server closes the connection. */
  closed: Promise<{ code: number; reason: string }>;
  dispose(): Promise<void>;
}

export function wsUrl(server: TestServer): string {
  return server.url.replace(/^http/, "ws");
}

export function subscriptionClient(server: TestServer, authorization?: string, options: { origin?: string } = {}): SubscriptionClient {
  let closedWith: (event: { code: number; reason: string }) => void = () => undefined;
  const closed = new Promise<{ code: number; reason: string }>((resolve) => (closedWith = resolve));
  const client = createClient({
    url: wsUrl(server),
    webSocketImpl: class extends WebSocket {
      constructor(url: string, protocols?: string | string[]) {
        super(url, protocols, options.origin ? { headers: { origin: options.origin } } : {});
      }
    },
    connectionParams: authorization ? { authorization } : {},
    retryAttempts: 0,
    lazy: true,
    on: { closed: (event) => closedWith(event as { code: number; reason: string }) },
  });
  return {
    client,
    closed,
    subscribe<T>(query: string, variables?: Record<string, unknown>): Feed<T> {
      const iterator = client.iterate<T>({ query, variables });
      return {
        async next() {
          const { value, done } = await iterator.next();
          if (done) throw new Error("the subscription completed");
          return value;
        },
        async close() {
          await iterator.return?.();
        },
      };
    },
    dispose: () => client.dispose() as Promise<void>,
  };
}

/** Waits until the server counts `count` listening subscriptions (polling GET /metrics; no sleep decides anything). */
export async function listening(server: TestServer, count: number): Promise<void> {
  for (;;) {
    const text = await (await fetch(`${server.metricsBase}/metrics`)).text();
    const value = Number(/^graphql_subscriptions_active (\d+)/m.exec(text)?.[1] ?? NaN);
    if (value === count) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
