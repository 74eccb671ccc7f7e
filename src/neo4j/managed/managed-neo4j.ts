// Runs a local Neo4j Community server (jars fetched from Maven Central by neo4j-runtime/pom.xml) as a child
// process bound to 127.0.0.1, for when no NEO4J_URI is given.
import { ChildProcess, spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, openSync, readFileSync, writeFileSync, closeSync, readdirSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import neo4j from "neo4j-driver";
import type { Logger } from "../../logger";
import { PROJECT_ROOT } from "../../project-root";

/** A failure the user can act on: `message` is one sentence saying what is wrong and how to fix it. */
export class ManagedNeo4jError extends Error {
  constructor(
    message: string,
    readonly logTail = "",
  ) {
    super(message);
  }

  /** The sentence plus the tail of Neo4j's own log, as printed to the terminal. */
  describe(): string {
    return this.logTail ? `${this.message}\n--- last lines of Neo4j's log ---\n${this.logTail}` : this.message;
  }
}

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

export const RUNTIME_DIR = path.join(PROJECT_ROOT, "neo4j-runtime");
const LIB_DIR = path.join(RUNTIME_DIR, "target", "lib");
const STAMP = path.join(LIB_DIR, ".pom-sha256");

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

export class ManagedNeo4j {
  private child?: ChildProcess;
  private exitCode: number | null = null;
  private onProcessExit = () => this.child?.kill("SIGKILL");
  boltPort = 0;

  constructor(private readonly opts: ManagedNeo4jOptions) {}

  get uri(): string {
    return `bolt://127.0.0.1:${this.boltPort}`;
  }

  /** The Neo4j JVM's process id while it runs (the benchmark reads its CPU time). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  get logFile(): string {
    return path.join(this.opts.homeDir, "logs", "neo4j.log");
  }

  async start(): Promise<void> {
    const { logger, homeDir } = this.opts;
    const started = Date.now();
    const java = checkJava(this.opts.javaHome);
    await ensureRuntime(logger);
    mkdirSync(path.join(homeDir, "conf"), { recursive: true });
    mkdirSync(path.join(homeDir, "logs"), { recursive: true });
    killOrphan(homeDir, logger);
    this.boltPort = this.opts.boltPort === 0 ? await freePort() : await assertPortFree(this.opts.boltPort);
    writeFileSync(path.join(homeDir, "conf", "neo4j.conf"), neo4jConf(homeDir, this.boltPort, this.opts.pageCache));

    const console = openSync(path.join(homeDir, "logs", "console.log"), "a");
    try {
      this.child = spawn(
        java,
        [
          `-Xms${this.opts.heap}`,
          `-Xmx${this.opts.heap}`,
          ...JVM_FLAGS,
          "-cp",
          `${LIB_DIR}${path.sep}*`,
          "org.neo4j.server.CommunityEntryPoint",
          `--home-dir=${homeDir}`,
          `--config-dir=${path.join(homeDir, "conf")}`,
        ],
        { stdio: ["ignore", console, console] },
      );
    } finally {
      closeSync(console);
    }
    this.child.on("exit", (code) => (this.exitCode = code ?? -1));
    process.once("exit", this.onProcessExit);
    writeFileSync(path.join(homeDir, "neo4j.pid"), `${this.child.pid} ${process.pid}\n`);
    logger.info({ pid: this.child.pid, boltPort: this.boltPort, homeDir }, "starting managed Neo4j");

    await this.waitUntilReady(started);
    logger.info({ uri: this.uri, ms: Date.now() - started }, "managed Neo4j is ready");
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || this.exitCode !== null) return;
    process.removeListener("exit", this.onProcessExit);
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
    await exited;
    clearTimeout(timer);
    this.opts.logger.info("managed Neo4j stopped");
  }

  private async waitUntilReady(started: number): Promise<void> {
    const driver = neo4j.driver(this.uri, undefined, { connectionTimeout: 2000, maxConnectionPoolSize: 1 });
    try {
      for (;;) {
        if (this.exitCode !== null) {
          throw new ManagedNeo4jError(
            `Neo4j exited with code ${this.exitCode} while starting; its log below says why (a locked or damaged store under ${this.opts.homeDir} can be removed to start afresh).`,
            this.tail(),
          );
        }
        if (Date.now() - started > this.opts.startTimeoutMs) {
          await this.stop();
          throw new ManagedNeo4jError(
            `Neo4j did not answer on Bolt port ${this.boltPort} within ${this.opts.startTimeoutMs} ms; raise NEO4J_START_TIMEOUT_MS or read its log below.`,
            this.tail(),
          );
        }
        // An auto-commit query is tried once; executeQuery would retry for up to 30 s and hide an early exit.
        const session = driver.session({ database: "neo4j" });
        try {
          await session.run("RETURN 1");
          return;
        } catch {
          await new Promise((r) => setTimeout(r, 250));
        } finally {
          await session.close();
        }
      }
    } finally {
      await driver.close();
    }
  }

  private tail(lines = 30): string {
    const files = [this.logFile, path.join(this.opts.homeDir, "logs", "console.log")];
    return files
      .filter((f) => existsSync(f))
      .map((f) => readFileSync(f, "utf8").trimEnd().split("\n").slice(-lines).join("\n"))
      .filter(Boolean)
      .join("\n");
  }
}

function checkJava(javaHome: string | undefined): string {
  const java = javaHome ? path.join(javaHome, "bin", "java") : "java";
  const probe = spawnSync(java, ["-version"], { encoding: "utf8" });
  if (probe.error || probe.status !== 0) {
    throw new ManagedNeo4jError(
      "Java was not found: install a Java 17 or newer runtime (e.g. `apt-get install openjdk-17-jre-headless`) or set NEO4J_URI to use an existing Neo4j.",
    );
  }
  const version = /version "(\d+)/.exec(probe.stderr)?.[1];
  if (version && Number(version) < 17) {
    throw new ManagedNeo4jError(`Java ${version} is too old for Neo4j 5.26: install Java 17 or newer, or point JAVA_HOME at one.`);
  }
  return java;
}

/** Fetches the Neo4j jars with Maven once; later starts reuse them until pom.xml changes. */
export async function ensureRuntime(logger: Logger): Promise<void> {
  const pom = path.join(RUNTIME_DIR, "pom.xml");
  const digest = createHash("sha256").update(readFileSync(pom)).digest("hex");
  if (existsSync(STAMP) && readFileSync(STAMP, "utf8") === digest && readdirSync(LIB_DIR).length > 50) return;

  const mvn = spawnSync("mvn", ["-v"], { encoding: "utf8" });
  if (mvn.error || mvn.status !== 0) {
    throw new ManagedNeo4jError(
      "Maven was not found: install it (e.g. `apt-get install maven`) so the Neo4j jars can be fetched from Maven Central, or set NEO4J_URI to use an existing Neo4j.",
    );
  }
  logger.info("fetching Neo4j Community jars from Maven Central (first start only)");
  const output: string[] = [];
  const code = await new Promise<number>((resolve) => {
    const child = spawn("mvn", ["-B", "-q", "-f", pom, "dependency:copy-dependencies", `-DoutputDirectory=${LIB_DIR}`], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout.on("data", (d) => output.push(String(d)));
    child.stderr.on("data", (d) => output.push(String(d)));
    child.on("error", () => resolve(-1));
    child.on("exit", (c) => resolve(c ?? -1));
  });
  if (code !== 0) {
    throw new ManagedNeo4jError(
      "Maven could not fetch the Neo4j jars: check that Maven Central is reachable (or a mirror is set in ~/.m2/settings.xml), then start again.",
      output.join("").split("\n").slice(-30).join("\n"),
    );
  }
  writeFileSync(STAMP, digest);
}

function neo4jConf(homeDir: string, boltPort: number, pageCache: string): string {
  return [
    "# Written by src/neo4j/managed-neo4j.ts at every start; edits here are overwritten.",
    "server.default_listen_address=127.0.0.1",
    `server.bolt.listen_address=127.0.0.1:${boltPort}`,
    "server.bolt.advertised_address=127.0.0.1",
    "server.http.enabled=false",
    "server.https.enabled=false",
    // Loopback only, and the process is ours: auth would only add a password to manage.
    "dbms.security.auth_enabled=false",
    "dbms.usage_report.enabled=false",
    `server.memory.pagecache.size=${pageCache}`,
    `server.directories.data=${path.join(homeDir, "data")}`,
    `server.directories.logs=${path.join(homeDir, "logs")}`,
    `server.directories.run=${path.join(homeDir, "run")}`,
    "db.tx_log.rotation.retention_policy=2 files",
    "",
  ].join("\n");
}

/** A Neo4j left running by a server that was killed holds the store lock: stop it if its owner is gone. */
function killOrphan(homeDir: string, logger: Logger): void {
  const pidFile = path.join(homeDir, "neo4j.pid");
  if (!existsSync(pidFile)) return;
  const [pid, owner] = readFileSync(pidFile, "utf8").trim().split(" ").map(Number);
  if (!pid || !processAlive(pid)) return;
  if (owner && processAlive(owner)) {
    throw new ManagedNeo4jError(
      `Another server (pid ${owner}) is already running Neo4j on ${homeDir}: stop it, or set NEO4J_DATA_DIR to another folder.`,
    );
  }
  logger.warn({ pid }, "stopping a Neo4j left behind by an earlier run");
  process.kill(pid, "SIGKILL");
}

/** True while a process with this pid exists (signal 0 only asks). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function assertPortFree(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", () =>
      reject(
        new ManagedNeo4jError(
          `Port ${port} on 127.0.0.1 is already taken, so Neo4j cannot listen there: set NEO4J_BOLT_PORT to a free port, or 0 to pick one.`,
        ),
      ),
    );
    srv.listen(port, "127.0.0.1", () => srv.close(() => resolve(port)));
  });
}
