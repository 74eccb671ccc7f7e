// Prometheus metrics (prom-client) for GET /metrics: requests and latency per operation, Cypher round-trips per
// request, and the driver's pool use as the database wrapper counts it. One registry per server, no global state.
import { AggregatorRegistry, Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { ApolloServerPlugin } from "@apollo/server";
import type { RequestHandler } from "express";
import type { SessionGauge } from "../neo4j/database";
import type { Context } from "../graphql/context";

// Operation names come from clients: a label per name would let any client grow the registry without bound.
const MAX_OPERATION_LABELS = 100;
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

export class Metrics {
  readonly registry = new Registry();
  private readonly operations = new Set<string>();
  private readonly requests = new Counter({
    name: "graphql_requests_total",
    help: "GraphQL requests by operation name and outcome (ok, or the first error code)",
    labelNames: ["operation", "outcome"] as const,
    registers: [this.registry],
  });
  private readonly duration = new Histogram({
    name: "graphql_request_duration_seconds",
    help: "Time from the request's start to its response, by operation name",
    labelNames: ["operation"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  private readonly roundTrips = new Histogram({
    name: "graphql_cypher_round_trips",
    help: "Cypher statements sent to Neo4j per GraphQL request",
    buckets: [0, 1, 2, 3, 4, 6, 8, 12, 16, 32],
    registers: [this.registry],
  });

  constructor(sessions: SessionGauge) {
    collectDefaultMetrics({ register: this.registry });
    new Gauge({
      name: "neo4j_sessions_in_use",
      help: "Neo4j driver sessions open right now (each holds a pooled connection while it runs)",
      registers: [this.registry],
      collect() {
        this.set(sessions.inUse);
      },
    });
    new Counter({
      name: "neo4j_sessions_opened_total",
      help: "Neo4j driver sessions opened since the start",
      registers: [this.registry],
      collect() {
        this.reset();
        this.inc(sessions.opened);
      },
    });
  }

  /** Gauges of the WebSocket subscriptions (src/http/subscriptions.ts), read at each scrape. */
  watchSubscriptions(counts: { connections(): number; subscriptions(): number }): void {
    new Gauge({
      name: "graphql_subscription_connections",
      help: "WebSocket connections whose connection_init was accepted, open right now",
      registers: [this.registry],
      collect() {
        this.set(counts.connections());
      },
    });
    new Gauge({
      name: "graphql_subscriptions_active",
      help: "Subscriptions listening for events right now, over all connections",
      registers: [this.registry],
      collect() {
        this.set(counts.subscriptions());
      },
    });
  }

  /** The label for an operation: its name, "anonymous", or "other" once MAX_OPERATION_LABELS names are known. */
  private label(name: string | null | undefined): string {
    if (!name) return "anonymous";
    if (!OPERATION_NAME.test(name)) return "other";
    if (this.operations.has(name)) return name;
    if (this.operations.size >= MAX_OPERATION_LABELS) return "other";
    this.operations.add(name);
    return name;
  }

  /** In a cluster worker: answer the primary's requests for metrics with this registry. */
  reportToPrimary(): void {
    // prom-client starts answering the primary when an AggregatorRegistry is made, in the worker too.
    new AggregatorRegistry();
    AggregatorRegistry.setRegistries([this.registry]);
  }

  /** GET /metrics: the registry in Prometheus's text format. */
  handler(): RequestHandler {
    return async (_req, res) => {
      res.type(this.registry.contentType).send(await this.registry.metrics());
    };
  }

  plugin(): ApolloServerPlugin<Context> {
    return {
      requestDidStart: async () => {
        const started = process.hrtime.bigint();
        return {
          willSendResponse: async ({ response, contextValue, operationName }) => {
            if (contextValue.warmUp) return;
            const operation = this.label(operationName);
            // The formatted errors: an unexpected error counts as INTERNAL_SERVER_ERROR, as the client saw it.
            const body = response.body.kind === "single" ? response.body.singleResult : undefined;
            const code = body?.errors?.[0]?.extensions?.code;
            this.requests.inc({ operation, outcome: typeof code === "string" ? code : "ok" });
            this.duration.observe({ operation }, Number(process.hrtime.bigint() - started) / 1e9);
            this.roundTrips.observe(contextValue.roundTrips.count);
          },
        };
      },
    };
  }
}

/**
 * GET /metrics of a cluster's primary: every worker's registry (Metrics.reportToPrimary), merged by prom-client
 * (summed, unless a metric names another aggregator, as some of its default process metrics do).
 */
export function clusterMetricsHandler(): RequestHandler {
  const aggregator = new AggregatorRegistry();
  return async (_req, res) => {
    res.type(aggregator.contentType).send(await aggregator.clusterMetrics());
  };
}
