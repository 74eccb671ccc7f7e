// The primary process of WEB_CONCURRENCY > 1 (node's cluster): owns what the workers share on this machine, forks
// the workers that serve PORT, aggregates their /metrics, and on SIGTERM drains them all before it stops.
import cluster, { Worker } from "node:cluster";
import http from "node:http";
import express from "express";
import type { Config } from "./config";
import type { Logger } from "./logger";
import { connect, Connection, ConnectOptions } from "./neo4j/connect";
import { graphqlUrl, prepareDatabase } from "./prepare-database";
import { authSettings } from "./auth/auth-settings";
import { clusterMetricsHandler } from "./http/metrics";
import { isRelayedSummaryEvent } from "./summaries/summary-events";
import { ClusterMemoryStorePrimary } from "@express-rate-limit/cluster-memory-store";
import { listenFailure, StartupError } from "./startup-error";

/**
 * Starts the managed Neo4j when no NEO4J_URI is set (the workers connect to it as to an external one), sets up the
 * schema and the seed once, makes the local secret if there is none (the workers read the same file), then forks.
 * Resolves with the primary's stop routine once every worker listens.
 */
export async function runPrimary(
  config: Config,
  logger: Logger,
  started: number,
  supervise: ConnectOptions["supervise"],
  /** A shutdown during start-up: the start stops at its next step, having stopped what it started. */
  signal?: AbortSignal,
): Promise<() => Promise<void>> {
  // Made (or read) before Neo4j starts, as the one process does (main.ts).
  const auth = authSettings(config);
  // Kept open while the workers serve: the supervisor proves through it that a restarted Neo4j answers again.
  const connection: Connection = await connect(config, logger, { supervise, signal });
  try {
    signal?.throwIfAborted();
    await prepareDatabase(connection, auth, config, logger);
    signal?.throwIfAborted();
  } catch (err) {
    await connection.close();
    throw err;
  }
  const managed = connection.managed;
  const env: Record<string, string> = managed
    ? { NEO4J_URI: managed.uri, NEO4J_USER: managed.credentials.user, NEO4J_PASSWORD: managed.credentials.password }
    : {};

  // The workers' rate-limit counters (src/http/rate-limit.ts): one budget per caller for the whole instance.
  new ClusterMemoryStorePrimary().init();

  let stopping = false;
  const workers = new Set<Worker>();
  const fork = () => {
    const worker = cluster.fork(env);
    workers.add(worker);
    // A summary event of one worker's write reaches the subscribers of all (src/summaries/summary-events.ts).
    worker.on("message", (message: unknown) => {
      if (!isRelayedSummaryEvent(message)) return;
      for (const each of workers) if (each.isConnected()) each.send(message);
    });
    worker.on("exit", (code, signal) => {
      workers.delete(worker);
      if (stopping) return;
      // A worker that dies outside a shutdown is replaced: the others keep serving meanwhile.
      logger.error({ pid: worker.process.pid, code, signal }, "worker exited; starting another");
      fork();
    });
    return worker;
  };
  const listening = Array.from({ length: config.WEB_CONCURRENCY }, () => {
    const worker = fork();
    return new Promise<number>((resolve, reject) => {
      worker.once("listening", (address) => resolve(address.port));
      worker.once("exit", (code) => reject(new StartupError(`a worker exited (code ${code}) before it listened; its log above says why.`)));
    });
  });

  const metricsServer = http.createServer(express().get("/metrics", clusterMetricsHandler()));
  const stop = async () => {
    stopping = true;
    metricsServer.close();
    // Each worker drains its own requests (main.ts's shutdown) and exits.
    await Promise.all(
      [...workers].map(
        (worker) =>
          new Promise<void>((resolve) => {
            worker.once("exit", () => resolve());
            worker.process.kill("SIGTERM");
          }),
      ),
    );
    logger.info("all workers stopped");
    await connection.close();
  };
  // A shutdown while the workers start: they are sent SIGTERM (stop() below) and end their own start-up.
  const aborted = new Promise<never>((_, reject) => {
    if (signal?.aborted) reject(signal.reason);
    signal?.addEventListener("abort", () => reject(signal.reason), { once: true });
  });
  aborted.catch(() => undefined);
  try {
    const port = (await Promise.race([Promise.all(listening), aborted]))[0];
    if (config.METRICS_PORT > 0) {
      await new Promise<void>((resolve, reject) => {
        metricsServer.once("error", (err) =>
          reject(listenFailure(err, { port: config.METRICS_PORT, host: config.METRICS_HOST, portVariable: "METRICS_PORT", hostVariable: "METRICS_HOST" })),
        );
        metricsServer.listen(config.METRICS_PORT, config.METRICS_HOST, () => resolve());
      });
      const { port: metricsPort } = metricsServer.address() as { port: number };
      logger.info({ url: `http://${config.METRICS_HOST}:${metricsPort}/metrics` }, "metrics of all workers listening");
    }
    const url = graphqlUrl(config, port);
    logger.info({ url, workers: config.WEB_CONCURRENCY, startupMs: Date.now() - started, neo4j: managed ? managed.uri : "external" }, "listening");
    process.stdout.write(`GraphQL server ready at ${url} with ${config.WEB_CONCURRENCY} workers (started in ${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
  } catch (err) {
    await stop();
    throw err;
  }
  return stop;
}
