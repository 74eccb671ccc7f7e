// The only file with process side effects: config → logger → Neo4j → schema → server → shutdown.
import "reflect-metadata";
import cluster from "node:cluster";
import { loadConfig } from "./config";
import { listenFailure, StartupError } from "./startup-error";
import { createLogger } from "./logger";
import { connect, Connection } from "./neo4j/connect";
import { ManagedNeo4jError } from "./neo4j/managed";
import { buildAppSchema } from "./graphql/schema";
import { AppServer, createServer, securityOptions } from "./http/server";
import { authSettings, signInHint } from "./auth/auth-settings";
import { graphqlUrl, prepareDatabase } from "./prepare-database";
import { createAuthenticator } from "./auth/authenticator";
import { runPrimary } from "./primary";

async function main(): Promise<void> {
  const started = Date.now();
  const config = loadConfig();
  // Read (and so checked) before anything starts: a bad TRUSTED_DOCUMENTS manifest stops the server, or a cluster's
  // primary before it forks, with one sentence instead of after Neo4j has started.
  const security = securityOptions(config);
  const logger = createLogger(config.LOG_LEVEL);
  let connection: Connection | undefined;
  let server: AppServer | undefined;
  let stopPrimary: (() => Promise<void>) | undefined;

  let stopping = false;
  // A signal during start-up aborts it: a managed Neo4j still starting is stopped with SIGTERM (exiting at once would
  // leave it to the SIGKILL of the exit hook, in the middle of opening its store), a step in progress ends first.
  const starting = new AbortController();
  let startup: Promise<void> = Promise.resolve();
  // `exitCode` 1: the managed Neo4j could not be brought back, so a process manager should take over.
  const shutdown = async (signal: string, exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    starting.abort(new StartupError(`stopped by ${signal} while starting`));
    try {
      // While Neo4j starts (connect), the start-up is waited for: the abort stops the JVM, and connect ends with it.
      // Once connected, closing the connection below ends the schema work or the seed in progress, and a server
      // warming up is stopped as a listening one is; the start-up then stops at its next step.
      if (!connection && !server) await startup.catch(() => undefined);
      if (stopPrimary) {
        await stopPrimary();
        process.exit(exitCode);
      }
      await server?.stop();
      logger.info("HTTP server stopped; in-flight requests finished");
      await connection?.close();
      logger.info("Neo4j driver closed");
      process.exit(exitCode);
    } catch (err) {
      logger.error({ err }, "error during shutdown");
      process.exit(1);
    }
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));

  // Whoever owns the managed Neo4j (this process, or a cluster's primary) restarts it when it exits unexpectedly.
  const supervise = {
    onGiveUp: (err: ManagedNeo4jError) => {
      logger.fatal({ neo4jLog: err.logTail }, err.message);
      process.stderr.write(`\nStopping: ${err.describe()}\n`);
      void shutdown("managed Neo4j lost", 1);
    },
  };

  // WEB_CONCURRENCY > 1: this process forks the workers (src/primary.ts); each of them runs the rest of main.
  if (cluster.isPrimary && config.WEB_CONCURRENCY > 1) {
    startup = runPrimary(config, logger, started, supervise, starting.signal).then(
      (stop) => void (stopPrimary = stop),
      (err: unknown) => {
        // runPrimary has stopped what it started; a shutdown under way exits once this settles.
        if (!stopping) throw err;
      },
    );
    return startup;
  }
  startup = serve();
  return startup;

  async function serve(): Promise<void> {
    try {
      // Before Neo4j starts: a local secret is made on first start beside the managed store (none with a provider).
      const auth = authSettings(config);
      connection = await connect(config, logger, { supervise, signal: starting.signal });
      if (stopping) return;
      // A cluster's primary has prepared the database before it forked this worker.
      if (cluster.isPrimary) await prepareDatabase(connection, auth, config, logger);
      if (stopping) return;
      server = await createServer({
        schema: await buildAppSchema(),
        driver: connection.driver,
        db: connection.db,
        logger,
        exposeRoundTrips: config.EXPOSE_ROUND_TRIPS,
        browserUi: config.ENABLE_BROWSER_UI,
        batching: config.DATALOADER_BATCHING,
        relatedMaxExpansions: config.RELATED_MAX_EXPANSIONS,
        security,
        authenticate: createAuthenticator(auth),
        neo4jOutage: connection.outage,
      });
      if (stopping) return;
      if (config.WARM_UP_MS > 0) {
        logger.info(await server.warmUp(config.WARM_UP_MS), "warmed up: the manifest's queries ran once");
        // A signal during the warm-up has stopped the server: it must not listen after that.
        if (stopping) return;
      }
      const port = await server.listen(config.PORT, config.HOST).catch((err: unknown) => {
        throw listenFailure(err, { port: config.PORT, host: config.HOST, portVariable: "PORT", hostVariable: "HOST" });
      });
      if (cluster.isWorker) {
        // The primary serves /metrics for all workers and says when all listen.
        server.metrics.reportToPrimary();
        logger.info({ pid: process.pid }, "worker listening");
        return;
      }
      if (config.METRICS_PORT > 0) {
        const metricsPort = await server.listenMetrics(config.METRICS_PORT, config.METRICS_HOST).catch((err: unknown) => {
          throw listenFailure(err, { port: config.METRICS_PORT, host: config.METRICS_HOST, portVariable: "METRICS_PORT", hostVariable: "METRICS_HOST" });
        });
        logger.info({ url: `http://${config.METRICS_HOST}:${metricsPort}/metrics` }, "metrics listening");
      }
      const url = graphqlUrl(config, port);
      logger.info({ url, startupMs: Date.now() - started, neo4j: connection.managed ? connection.managed.uri : "external" }, "listening");
      logger.info(signInHint(auth));
      process.stdout.write(`GraphQL server ready at ${url} (started in ${((Date.now() - started) / 1000).toFixed(1)} s)\n${signInHint(auth)}\n`);
    } catch (err) {
      // A shutdown under way closes the connection itself once this settles (the abort is why connect failed).
      if (stopping) return;
      await connection?.close().catch(() => undefined);
      throw err;
    }
  }
}

main().catch((err) => {
  // A problem the user can fix gets one clear sentence (plus Neo4j's log), not a stack trace.
  if (err instanceof ManagedNeo4jError) process.stderr.write(`\nCannot start: ${err.describe()}\n`);
  else if (err instanceof StartupError) process.stderr.write(`\nCannot start: ${err.message}\n`);
  else process.stderr.write(`\nCannot start: ${err?.message ?? err}\n${err?.stack ?? ""}\n`);
  process.exit(1);
});
