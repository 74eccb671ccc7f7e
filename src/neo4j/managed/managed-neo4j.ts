// A local Neo4j Community on 127.0.0.1 for when no NEO4J_URI is given: runtime, orphan, port, config, launch, Bolt.
import type { Logger } from "../../logger";
import { Home, homeLayout } from "./home";
import { findJava, ensureRuntime } from "./runtime";
import { killOrphan, recordOwner } from "./orphans";
import { boltPort } from "./ports";
import { writeNeo4jConf } from "./neo4j-conf";
import { Neo4jProcess } from "./process";
import { DEFAULT_PASSWORD, ensureCredentials, Neo4jCredentials, passwordFile } from "./credentials";
import neo4j, { Neo4jError } from "neo4j-driver";
import { ManagedNeo4jError } from "./errors";

export interface ManagedNeo4jOptions {
  /** Where the store, logs and config live; created when missing. */
  homeDir: string;
  /** 0 picks a free port. */
  boltPort: number;
  heap: string;
  pageCache: string;
  startTimeoutMs: number;
  logger: Logger;
  /** A JDK or JRE folder; `java` on the PATH when unset. */
  javaHome?: string;
  /** Neo4j's db.transaction.bookmark_ready_timeout; DEFAULT_BOOKMARK_READY_TIMEOUT_MS when unset. */
  bookmarkReadyTimeoutMs?: number;
}

export class ManagedNeo4j {
  private process?: Neo4jProcess;
  private readonly home: Home;
  boltPort = 0;
  private credentialsOfHome?: Neo4jCredentials;

  constructor(private readonly opts: ManagedNeo4jOptions) {
    this.home = homeLayout(opts.homeDir);
  }

  get uri(): string {
    return `bolt://127.0.0.1:${this.boltPort}`;
  }

  /** The Neo4j JVM's process id while it runs (the benchmark reads its CPU time). */
  get pid(): number | undefined {
    return this.process?.pid;
  }

  /** Who to connect as: the one place every client of the managed Neo4j gets them from (after start()). */
  get credentials(): Neo4jCredentials {
    if (!this.credentialsOfHome) throw new Error("the managed Neo4j's credentials are known once it has started");
    return this.credentialsOfHome;
  }

  get logFile(): string {
    return this.home.neo4jLog;
  }

  async start(): Promise<void> {
    const { logger } = this.opts;
    const started = Date.now();
    const java = findJava(this.opts.javaHome);
    await ensureRuntime(logger);
    killOrphan(this.home, logger);
    this.boltPort = await boltPort(this.opts.boltPort);
    writeNeo4jConf(this.home, this.boltPort, this.opts.pageCache, this.opts.bookmarkReadyTimeoutMs);
    this.credentialsOfHome = ensureCredentials(this.home, java);
    this.process = Neo4jProcess.launch({ java, heap: this.opts.heap, home: this.home, logger });
    recordOwner(this.home, this.process.pid!, this.boltPort);
    logger.info({ pid: this.process.pid, boltPort: this.boltPort, homeDir: this.home.dir }, "starting managed Neo4j");

    await this.process.waitUntilReady({ uri: this.uri, boltPort: this.boltPort, started, timeoutMs: this.opts.startTimeoutMs });
    await this.signIn(this.credentialsOfHome);
    logger.info({ uri: this.uri, ms: Date.now() - started }, "managed Neo4j is ready");
  }

  async stop(): Promise<void> {
    await this.process?.stop();
  }

  /**
   * Checks that the password works; a store made before auth was switched on still has Neo4j's default password
   * (which must be changed before anything else runs), so that one is changed to ours.
   */
  private async signIn({ user, password }: Neo4jCredentials): Promise<void> {
    const attempt = async (pw: string, statement: string, database: string) => {
      const driver = neo4j.driver(this.uri, neo4j.auth.basic(user, pw), { connectionTimeout: 5000, maxConnectionPoolSize: 1 });
      try {
        await driver.executeQuery(statement, { password }, { database });
        return true;
      } catch (err) {
        if (err instanceof Neo4jError && err.code === "Neo.ClientError.Security.Unauthorized") return false;
        throw err;
      } finally {
        await driver.close();
      }
    };
    if (await attempt(password, "RETURN 1", "neo4j")) return;
    if (await attempt(DEFAULT_PASSWORD, `ALTER CURRENT USER SET PASSWORD FROM '${DEFAULT_PASSWORD}' TO $password`, "system")) {
      this.opts.logger.info("the managed Neo4j had the default password: changed it to the generated one");
      return;
    }
    await this.stop();
    throw new ManagedNeo4jError(
      `The managed Neo4j on ${this.home.dir} does not accept the password in ${passwordFile(this.home)}: restore that file, or remove ${this.home.dir} to start afresh.`,
    );
  }
}
