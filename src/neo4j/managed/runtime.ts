// What the managed Neo4j runs on: a Java 17 or newer, and the Community jars Maven fetches by neo4j-runtime/pom.xml.
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Logger } from "../../logger";
import { PROJECT_ROOT } from "../../project-root";
import { ManagedNeo4jError } from "./errors";
import { processAlive } from "./orphans";

export const RUNTIME_DIR = path.join(PROJECT_ROOT, "neo4j-runtime");
const LIB_DIR = path.join(RUNTIME_DIR, "target", "lib");
const STAMP_FILE = ".pom-sha256";
const STAMP = path.join(LIB_DIR, STAMP_FILE);

/** The JVM's class path: every jar Maven copied. */
export const CLASS_PATH = `${LIB_DIR}${path.sep}*`;

/** The java executable to launch Neo4j with, checked to be there and new enough. */
export function findJava(javaHome: string | undefined): string {
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

/** A fetch's own folder is `lib.fetching-<pid>-…`; an older pom's folder moved aside is `lib.old-…`. */
const FETCHING = "lib.fetching-";
const OLD = "lib.old-";

/**
 * Removes what fetches left in `target`: the folder of a fetch whose process has ended (killed mid-copy), and a moved
 * aside folder that was not deleted (the process ended in between, or a version that kept them). A fetch of another
 * process still running keeps its folder.
 */
export function removeLeftovers(target: string): void {
  for (const name of readdirSync(target)) {
    const pid = name.startsWith(FETCHING) ? Number(name.slice(FETCHING.length).split("-")[0]) : undefined;
    const ended = pid !== undefined && (!Number.isInteger(pid) || pid <= 0 || !processAlive(pid));
    if (ended || name.startsWith(OLD)) rmSync(path.join(target, name), { recursive: true, force: true });
  }
}

/** The jars of this pom are in LIB_DIR: the stamp Maven's copy left says so. */
function fetched(digest: string): boolean {
  try {
    return readFileSync(STAMP, "utf8") === digest && readdirSync(LIB_DIR).length > 50;
  } catch {
    return false; // none yet, or moved aside by another fetch as it was read
  }
}

// Two managed Neo4j started at once by one process (the test run's, one per jest worker) share one fetch.
let fetching: Promise<void> | undefined;

/** Fetches the Neo4j jars with Maven once; later starts reuse them until pom.xml changes. */
export function ensureRuntime(logger: Logger): Promise<void> {
  fetching ??= fetchRuntime(logger).finally(() => (fetching = undefined));
  return fetching;
}

/**
 * Maven copies the jars into a folder of this fetch's own, stamped, which then takes LIB_DIR's place in one rename:
 * two processes fetching at once (two servers started on a fresh clone) each copy into their own folder instead of
 * overwriting each other's files (Maven failed with "Failed to copy full contents" when they shared one), and a
 * Neo4j never starts from a half-copied folder.
 */
async function fetchRuntime(logger: Logger): Promise<void> {
  const pom = path.join(RUNTIME_DIR, "pom.xml");
  const digest = createHash("sha256").update(readFileSync(pom)).digest("hex");
  if (fetched(digest)) return;

  const mvn = spawnSync("mvn", ["-v"], { encoding: "utf8" });
  if (mvn.error || mvn.status !== 0) {
    throw new ManagedNeo4jError(
      "Maven was not found: install it (e.g. `apt-get install maven`) so the Neo4j jars can be fetched from Maven Central, or set NEO4J_URI to use an existing Neo4j.",
    );
  }
  logger.info("fetching Neo4j Community jars from Maven Central (first start only)");
  const target = path.dirname(LIB_DIR);
  mkdirSync(target, { recursive: true });
  removeLeftovers(target);
  const copy = mkdtempSync(path.join(target, `${FETCHING}${process.pid}-`));
  try {
    const output: string[] = [];
    const code = await new Promise<number>((resolve) => {
      const child = spawn("mvn", ["-B", "-q", "-f", pom, "dependency:copy-dependencies", `-DoutputDirectory=${copy}`], {
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
    writeFileSync(path.join(copy, STAMP_FILE), digest);
    // Another process's fetch may have taken the place meanwhile: its jars are the same.
    if (fetched(digest)) return;
    // A folder of an older pom goes aside first (a rename cannot replace a folder that holds files), then away. A
    // Neo4j still running from it loses nothing: the launcher expanded `lib/*` into paths under LIB_DIR, which from
    // now on name the new folder's files, and the jars it has open stay readable once deleted (POSIX).
    const aside = existsSync(LIB_DIR) ? mkdtempSync(path.join(target, OLD)) : undefined;
    if (aside) renameSync(LIB_DIR, aside);
    try {
      renameSync(copy, LIB_DIR);
    } catch (err) {
      if (!fetched(digest)) throw err;
    } finally {
      if (aside) rmSync(aside, { recursive: true, force: true });
    }
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}
