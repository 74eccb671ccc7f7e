// A local Neo4j Community on 127.0.0.1 for when no NEO4J_URI is given: runtime, orphan, port, config, launch, Bolt.
import type { Logger } from "../../logger";
import { ensureHome, Home, homeFailure, homeLayout } from "./home";
import { findJava, ensureRuntime } from "./runtime";
import { killOrphan, recordOwner } from "./orphans";
import { boltPort } from "./ports";
import { writeNeo4jConf } from "./neo4j-conf";
import { DEFAULT_NEO4J_NICE, Neo4jExit, Neo4jProcess } from "./process";
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
  /** The JVM's niceness (NEO4J_NICE); DEFAULT_NEO4J_NICE when unset, 0 for this process's priority. */
  nice?: number;
}

/** An exit nobody asked for (not stop()), with the tail of Neo4j's log as it was when the JVM ended. */
export interface UnexpectedExit extends Neo4jExit {
  pid: number | undefined;
  logTail: string;
}

export class ManagedNeo4j {
  private process?: Neo4jProcess;
  private readonly home: Home;
  boltPort = 0;
  private credentialsOfHome?: Neo4jCredentials;
  private readonly exitListeners = new Set<(exit: UnexpectedExit) => void>();

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

  /**
   * Starts Neo4j, or starts it again after stop() or an unexpected exit: on the same store and, once a port has
   * been picked, on the same port, so a driver made for `uri` keeps working. `signal` (a shutdown during start-up)
   * stops a JVM still starting as stop() does, with SIGTERM, and rejects with the signal's reason: this process
   * exiting instead would leave the JVM to the SIGKILL of its exit hook, halfway through opening the store.
   */
  async start(signal?: AbortSignal): Promise<void> {
    const { logger } = this.opts;
    const started = Date.now();
    const java = findJava(this.opts.javaHome);
    ensureHome(this.home);
    await ensureRuntime(logger);
    signal?.throwIfAborted();
    killOrphan(this.home, logger);
    this.boltPort = await boltPort(this.boltPort || this.opts.boltPort);
    signal?.throwIfAborted();
    let launched: Neo4jProcess;
    try {
      writeNeo4jConf(this.home, this.boltPort, this.opts.pageCache, this.opts.bookmarkReadyTimeoutMs);
      this.credentialsOfHome = ensureCredentials(this.home, java);
      launched = Neo4jProcess.launch({ java, heap: this.opts.heap, home: this.home, logger, nice: this.opts.nice ?? DEFAULT_NEO4J_NICE });
    } catch (err) {
      // A folder that passed ensureHome can still refuse a file (a read-only conf/, a full disk).
      throw homeFailure(err, this.home);
    }
    this.process = launched;
    recordOwner(this.home, launched.pid!, this.boltPort);
    logger.info({ pid: launched.pid, boltPort: this.boltPort, homeDir: this.home.dir }, "starting managed Neo4j");

    const stopStarting = () => void this.stop();
    signal?.addEventListener("abort", stopStarting, { once: true });
    try {
      signal?.throwIfAborted();
      await launched.waitUntilReady({ uri: this.uri, boltPort: this.boltPort, started, timeoutMs: this.opts.startTimeoutMs });
      signal?.throwIfAborted();
      await this.signIn(this.credentialsOfHome);
      signal?.throwIfAborted();
    } catch (err) {
      if (!signal?.aborted) throw err;
      // The JVM's stop is why waiting or signing in failed (or it is asked for now, if the abort came first): wait
      // for its exit, then say why.
      if (this.process === launched) await this.stop();
      else await launched.exited;
      throw signal.reason;
    } finally {
      signal?.removeEventListener("abort", stopStarting);
    }
    logger.info({ uri: this.uri, ms: Date.now() - started }, "managed Neo4j is ready");
    // From here on an exit is news: stop() replaces or clears this.process first, so its own exits are not.
    void launched.exited.then((exit) => {
      if (this.process !== launched) return;
      this.process = undefined;
      const unexpected = { ...exit, pid: launched.pid, logTail: launched.tail() };
      for (const listener of this.exitListeners) listener(unexpected);
    });
  }

  /** Stops Neo4j on purpose (shutdown, an offline backup): no unexpected-exit listener hears of it. */
  async stop(): Promise<void> {
    const stopping = this.process;
    this.process = undefined;
    await stopping?.stop();
  }

  /** Calls `listener` whenever a started Neo4j exits without stop() (the supervisor restarts it); returns the unsubscribe. */
  onUnexpectedExit(listener: (exit: UnexpectedExit) => void): () => void {
    this.exitListeners.add(listener);
    return () => this.exitListeners.delete(listener);
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
