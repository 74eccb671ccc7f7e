// The Neo4j JVM as a child process: launched, killed if this process exits first, watched until Bolt answers, stopped.
import { ChildProcess, spawn } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync } from "node:fs";
import { setPriority } from "node:os";
import neo4j, { Neo4jError } from "neo4j-driver";
import type { Logger } from "../../logger";
import { ManagedNeo4jError } from "./errors";
import type { Home } from "./home";
import { CLASS_PATH } from "./runtime";

// JVM flags from Neo4j's own default neo4j.conf that matter for an embedded-style launch on Java 17.
const JVM_FLAGS = [
  "-XX:+UseG1GC",
  "-XX:-OmitStackTraceInFastThrow",
  "-XX:+UnlockExperimentalVMOptions",
  "-XX:+TrustFinalNonStaticFields",
  "-XX:+DisableExplicitGC",
  "-Djdk.nio.maxCachedBufferSize=1024",
  "-Dio.netty.tryReflectionSetAccessible=true",
  "-Dlog4j2.disable.jmx=true",
  "--add-opens=java.base/java.nio=ALL-UNNAMED",
  "--add-opens=java.base/java.io=ALL-UNNAMED",
  "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
  "--add-opens=java.base/java.lang=ALL-UNNAMED",
];

/** The class the JVM runs: how a Neo4j of ours is recognised among processes (orphans.ts). */
export const NEO4J_ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint";

/** The managed Neo4j's niceness unless NEO4J_NICE says otherwise (Neo4jProcess.setNice says why). */
export const DEFAULT_NEO4J_NICE = 10;

export interface LaunchOptions {
  java: string;
  heap: string;
  home: Home;
  logger: Logger;
  /** The JVM's niceness, 0 (as this process) to 19 (runs only when nothing else wants the CPU): setNice says why. */
  nice: number;
}

export interface ReadyWait {
  uri: string;
  boltPort: number;
  /** Date.now() when the start began. */
  started: number;
  timeoutMs: number;
}

/** How the JVM ended: its exit code, or the signal that ended it (SIGKILL from the OOM killer or a person). */
export interface Neo4jExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** "code 1" or "signal SIGKILL", as logs and errors say it. */
export function describeExit({ code, signal }: Neo4jExit): string {
  return signal ? `signal ${signal}` : `code ${code}`;
}

export class Neo4jProcess {
  private exitCode: number | null = null;
  private readonly onProcessExit = () => this.child.kill("SIGKILL");
  /** Settles once when the JVM has exited, however it ended. */
  readonly exited: Promise<Neo4jExit>;

  private constructor(
    private readonly child: ChildProcess,
    private readonly home: Home,
    private readonly logger: Logger,
    private readonly nice: number,
  ) {
    this.exited = new Promise((resolve) =>
      child.once("exit", (code, signal) => {
        this.exitCode = code ?? -1;
        process.removeListener("exit", this.onProcessExit);
        resolve({ code, signal });
      }),
    );
    process.once("exit", this.onProcessExit);
  }

  static launch({ java, heap, home, logger, nice }: LaunchOptions): Neo4jProcess {
    mkdirSync(home.logs, { recursive: true });
    const console = openSync(home.consoleLog, "a");
    try {
      const child = spawn(
        java,
        [
          `-Xms${heap}`,
          `-Xmx${heap}`,
          ...JVM_FLAGS,
          "-cp",
          CLASS_PATH,
          NEO4J_ENTRY_POINT,
          `--home-dir=${home.dir}`,
          `--config-dir=${home.conf}`,
        ],
        { stdio: ["ignore", console, console] },
      );
      const launched = new Neo4jProcess(child, home, logger, nice);
      launched.setNice();
      return launched;
    } finally {
      closeSync(console);
    }
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /**
   * Gives every thread of the JVM its niceness (NEO4J_NICE). Beside Neo4j on one machine the server is one event loop
   * thread, and Neo4j runs a thread per busy connection: with the kernel's fair share per thread, a loaded Neo4j kept
   * the server's thread waiting for a core longer than it ran (on the benchmark's Q5, 2 cores: 8.6 s on a core and
   * 12.4 s runnable but waiting, bench/README.md twenty-third round), so every step of every request queued behind
   * Neo4j's threads and the cores went partly idle. A nicer Neo4j still takes every cycle the server leaves.
   * On Linux niceness is per thread, and a thread starts with its creator's: each thread the JVM has is set, once
   * right after the launch and again once Bolt answers (the JVM may have started threads before the first), so the
   * threads it starts later inherit it. Elsewhere setpriority sets the whole process.
   */
  setNice(): void {
    const pid = this.child.pid;
    if (pid === undefined || this.nice === 0) return;
    const tasks = `/proc/${pid}/task`;
    let threads: number[];
    try {
      threads = readdirSync(tasks).map(Number);
    } catch {
      threads = [pid]; // no /proc (not Linux), or the JVM has already exited
    }
    for (const thread of threads) {
      try {
        setPriority(thread, this.nice);
      } catch (err) {
        // A thread that ended in between; anything else leaves Neo4j at this process's priority, which only costs speed.
        if ((err as NodeJS.ErrnoException).code !== "ESRCH") {
          this.logger.warn({ err, pid, nice: this.nice }, "could not lower the managed Neo4j's CPU priority");
          return;
        }
      }
    }
  }

  /** Resolves once Bolt answers; fails with Neo4j's log if the JVM exits first or `timeoutMs` after `started`. */
  async waitUntilReady({ uri, boltPort, started, timeoutMs }: ReadyWait): Promise<void> {
    const driver = neo4j.driver(uri, undefined, { connectionTimeout: 2000, maxConnectionPoolSize: 1 });
    try {
      for (;;) {
        if (this.exitCode !== null) {
          throw new ManagedNeo4jError(
            `Neo4j exited with code ${this.exitCode} while starting; its log below says why (a locked or damaged store under ${this.home.dir} can be removed to start afresh).`,
            this.tail(),
          );
        }
        if (Date.now() - started > timeoutMs) {
          await this.stop();
          throw new ManagedNeo4jError(
            `Neo4j did not answer on Bolt port ${boltPort} within ${timeoutMs} ms; raise NEO4J_START_TIMEOUT_MS or read its log below.`,
            this.tail(),
          );
        }
        // An auto-commit query is tried once; executeQuery would retry for up to 30 s and hide an early exit.
        const session = driver.session({ database: "neo4j" });
        try {
          await session.run("RETURN 1");
          break;
        } catch (err) {
          // Without credentials Bolt answers with a security error once Neo4j runs: ready; the caller signs in.
          if (err instanceof Neo4jError && err.code.startsWith("Neo.ClientError.Security.")) break;
          await new Promise((r) => setTimeout(r, 250));
        } finally {
          await session.close();
        }
      }
      this.setNice();
    } finally {
      await driver.close();
    }
  }

  async stop(): Promise<void> {
    if (this.exitCode !== null) return;
    this.child.kill("SIGTERM");
    const timer = setTimeout(() => this.child.kill("SIGKILL"), 30_000);
    await this.exited;
    clearTimeout(timer);
    this.logger.info("managed Neo4j stopped");
  }

  /** The last lines of Neo4j's own log and of the JVM's output, where the reason for an exit is written. */
  tail(lines = 30): string {
    return [this.home.neo4jLog, this.home.consoleLog]
      .filter((f) => existsSync(f))
      .map((f) => readFileSync(f, "utf8").trimEnd().split("\n").slice(-lines).join("\n"))
      .filter(Boolean)
      .join("\n");
  }
}
