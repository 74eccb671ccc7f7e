// A local Neo4j Community on 127.0.0.1 for when no NEO4J_URI is given: runtime, orphan, port, config, launch, Bolt.
import type { Logger } from "../../logger";
import { Home, homeLayout } from "./home";
import { findJava, ensureRuntime } from "./runtime";
import { killOrphan, recordOwner } from "./orphans";
import { boltPort } from "./ports";
import { writeNeo4jConf } from "./neo4j-conf";
import { Neo4jProcess } from "./process";

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
}

export class ManagedNeo4j {
  private process?: Neo4jProcess;
  private readonly home: Home;
  boltPort = 0;

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
    writeNeo4jConf(this.home, this.boltPort, this.opts.pageCache);
    this.process = Neo4jProcess.launch({ java, heap: this.opts.heap, home: this.home, logger });
    recordOwner(this.home, this.process.pid!, this.boltPort);
    logger.info({ pid: this.process.pid, boltPort: this.boltPort, homeDir: this.home.dir }, "starting managed Neo4j");

    await this.process.waitUntilReady({ uri: this.uri, boltPort: this.boltPort, started, timeoutMs: this.opts.startTimeoutMs });
    logger.info({ uri: this.uri, ms: Date.now() - started }, "managed Neo4j is ready");
  }

  async stop(): Promise<void> {
    await this.process?.stop();
  }
}
