// Chooses the database: the external one named by NEO4J_URI, or a managed local Neo4j started for this process.
import path from "node:path";
import type { Driver } from "neo4j-driver";
import type { Config } from "../config";
import type { Logger } from "../logger";
import { Database } from "./database";
import { createDriver } from "./driver";
import { ManagedNeo4j, RUNTIME_DIR } from "./managed";

export interface Connection {
  driver: Driver;
  db: Database;
  managed?: ManagedNeo4j;
  /** Closes the driver, then stops the managed Neo4j if there is one. */
  close(): Promise<void>;
}

export async function connect(config: Config, logger: Logger): Promise<Connection> {
  let managed: ManagedNeo4j | undefined;
  let uri = config.NEO4J_URI;
  if (!uri) {
    managed = new ManagedNeo4j({
      homeDir: path.resolve(config.NEO4J_DATA_DIR ?? path.join(RUNTIME_DIR, "data", "default")),
      boltPort: config.NEO4J_BOLT_PORT,
      heap: config.NEO4J_HEAP,
      pageCache: config.NEO4J_PAGECACHE,
      startTimeoutMs: config.NEO4J_START_TIMEOUT_MS,
      logger,
      javaHome: config.JAVA_HOME,
    });
    await managed.start();
    uri = managed.uri;
  }
  const { user, password } = managed ? managed.credentials : { user: config.NEO4J_USER, password: config.NEO4J_PASSWORD };
  const driver = createDriver({ uri, user, password });
  try {
    // Fails fast with the driver's own message when an external server is wrong or down.
    await driver.verifyConnectivity({ database: config.NEO4J_DATABASE });
  } catch (err) {
    await driver.close();
    await managed?.stop();
    throw err;
  }
  return {
    driver,
    db: new Database(driver, config.NEO4J_DATABASE, { transactionTimeoutMs: config.NEO4J_TX_TIMEOUT_MS }),
    managed,
    async close() {
      await driver.close();
      await managed?.stop();
    },
  };
}
