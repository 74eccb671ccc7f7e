// Chooses the database: the external one named by NEO4J_URI, or a managed local Neo4j started for this process.
import path from "node:path";
import type { Driver } from "neo4j-driver";
import type { Config } from "../config";
import type { Logger } from "../logger";
import { Database, verifyDatabase } from "./database";
import { createDriver } from "./driver";
import { ConnectTarget, connectFailure, driverRefusal, preparationFailure } from "./connect-failure";
import { ManagedNeo4j, ManagedNeo4jError, managedCredentials, Neo4jCredentials, Neo4jSupervisor, RUNTIME_DIR, runningNeo4jUri } from "./managed";

export interface Connection {
  driver: Driver;
  db: Database;
  managed?: ManagedNeo4j;
  /** Why Neo4j cannot answer right now when this process knows (the managed Neo4j restarting); undefined otherwise. */
  outage(): string | undefined;
  /**
   * A failure of the work that prepares the database (the schema, the seed: the first writes), told as connect's own
   * failures are: the sentence naming the variable to change, or the error as it is. The start-up check is a read, so
   * a cluster with no leader, or a user who may read but not write, passes it and fails here.
   */
  startupFailure(err: unknown): unknown;
  /** Stops supervising, closes the driver, then stops the managed Neo4j if there is one. */
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** Use the managed Neo4j of a server already running on the same store (the command-line writers) instead of refusing. */
  joinRunningServer?: boolean;
  /** Overrides NEO4J_TX_TIMEOUT_MS, a request's bound, for work that is not a request (an import batch). */
  transactionTimeoutMs?: number;
  /**
   * Restart the managed Neo4j when it exits unexpectedly (the server; NEO4J_RESTART_ATTEMPTS), calling `onGiveUp`
   * once the restarts are used up. Without it an exit is left to the command that connected.
   */
  supervise?: { onGiveUp(error: ManagedNeo4jError): void };
  /** A shutdown during start-up: a managed Neo4j still starting is stopped (SIGTERM) and connect rejects. */
  signal?: AbortSignal;
}

/** The folder of the managed Neo4j's store: NEO4J_DATA_DIR, or the default one under the runtime. */
export function managedHomeDir(config: Pick<Config, "NEO4J_DATA_DIR">): string {
  return path.resolve(config.NEO4J_DATA_DIR ?? path.join(RUNTIME_DIR, "data", "default"));
}

export async function connect(config: Config, logger: Logger, options: ConnectOptions = {}): Promise<Connection> {
  let managed: ManagedNeo4j | undefined;
  let uri = config.NEO4J_URI;
  const homeDir = managedHomeDir(config);
  const running = !uri && options.joinRunningServer ? runningNeo4jUri(homeDir) : null;
  let joined: Neo4jCredentials | undefined;
  if (running) {
    logger.info({ uri: running, homeDir }, "using the Neo4j of the server running on this store");
    uri = running;
    joined = managedCredentials(homeDir);
  } else if (!uri) {
    managed = new ManagedNeo4j({
      homeDir,
      boltPort: config.NEO4J_BOLT_PORT,
      heap: config.NEO4J_HEAP,
      pageCache: config.NEO4J_PAGECACHE,
      startTimeoutMs: config.NEO4J_START_TIMEOUT_MS,
      logger,
      javaHome: config.JAVA_HOME,
      bookmarkReadyTimeoutMs: config.NEO4J_BOOKMARK_TIMEOUT_MS,
      nice: config.NEO4J_NICE,
    });
    await managed.start(options.signal);
    uri = managed.uri;
  }
  const { user, password } = managed ? managed.credentials : joined ?? { user: config.NEO4J_USER, password: config.NEO4J_PASSWORD };
  const target: ConnectTarget = { uri, user, noPassword: !password, database: config.NEO4J_DATABASE, configured: !managed && !joined };
  let driver: Driver;
  try {
    driver = createDriver({ uri, user, password });
  } catch (err) {
    await managed?.stop();
    throw driverRefusal(err, target);
  }
  try {
    // Fails fast, naming the variable to change, when an external server is wrong or down; verifyDatabase says why
    // verifyConnectivity alone is not enough.
    await driver.verifyConnectivity({ database: config.NEO4J_DATABASE });
    await verifyDatabase(driver, config.NEO4J_DATABASE);
  } catch (err) {
    await driver.close();
    await managed?.stop();
    throw connectFailure(err, target);
  }
  const supervisor =
    managed && options.supervise
      ? new Neo4jSupervisor(managed, {
          attempts: config.NEO4J_RESTART_ATTEMPTS,
          backoffMs: config.NEO4J_RESTART_BACKOFF_MS,
          logger,
          // The driver reconnects by itself; this proves it can before readiness turns 200 again.
          afterRestart: () => driver.verifyConnectivity({ database: config.NEO4J_DATABASE }).then(() => undefined),
          onGiveUp: options.supervise.onGiveUp,
        })
      : undefined;
  return {
    driver,
    db: new Database(driver, config.NEO4J_DATABASE, { transactionTimeoutMs: options.transactionTimeoutMs ?? config.NEO4J_TX_TIMEOUT_MS }),
    managed,
    outage: () => supervisor?.outage,
    startupFailure: (err) => preparationFailure(err, target),
    async close() {
      await supervisor?.close();
      await driver.close();
      await managed?.stop();
    },
  };
}
