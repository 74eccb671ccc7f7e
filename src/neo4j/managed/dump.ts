// Backup and restore of the managed store with Neo4j's own tool: `neo4j-admin database dump` / `load`, whose
// command classes ship in the jars the runtime already has (AdminTool, as credentials.ts runs it). Community dumps
// and loads a stopped database only, so both refuse while a Neo4j runs on the store. docs/backup.md.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, renameSync, rmSync, statSync, symlinkSync } from "node:fs";
import path from "node:path";
import { ManagedNeo4jError } from "./errors";
import { homeLayout } from "./home";
import { writeNeo4jConf } from "./neo4j-conf";
import { isNeo4jOf, processAlive, readPidFile } from "./orphans";
import { CLASS_PATH } from "./runtime";

/** The database the managed Neo4j serves (Community has one besides `system`, which holds only the user). */
export const DUMPED_DATABASE = "neo4j";

export interface DumpOptions {
  homeDir: string;
  java: string;
  /** For the neo4j.conf an admin command reads; the port is not used by it. */
  pageCache: string;
}

/** Refuses when a Neo4j runs on the home (a server's, or one left behind): the store must be stopped. */
function ensureStopped(homeDir: string): void {
  const home = homeLayout(homeDir);
  const { pid, owner } = readPidFile(home) ?? { pid: 0, owner: 0 };
  if (!pid || !processAlive(pid) || !isNeo4jOf(pid, home)) return;
  const who = owner && processAlive(owner) ? `the server with pid ${owner}` : "no server (left behind by one that was killed)";
  throw new ManagedNeo4jError(
    `Neo4j (pid ${pid}, run by ${who}) is running on ${home.dir}: stop it first, since Neo4j Community dumps and loads a stopped database only; ` +
      "npm run export works while it runs.",
  );
}

function adminTool(opts: DumpOptions, args: string[]): Promise<void> {
  const home = homeLayout(opts.homeDir);
  writeNeo4jConf(home, 0, opts.pageCache);
  return new Promise((resolve, reject) => {
    const output: string[] = [];
    const child = spawn(opts.java, ["-cp", CLASS_PATH, "org.neo4j.cli.AdminTool", ...args], {
      env: { ...process.env, NEO4J_HOME: home.dir, NEO4J_CONF: home.conf },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout.on("data", (d) => output.push(String(d)));
    child.stderr.on("data", (d) => output.push(String(d)));
    child.on("error", (err) => reject(new ManagedNeo4jError(`neo4j-admin could not be started: ${err.message}`)));
    child.on("exit", (code) => {
      if (code === 0) resolve();
      else reject(new ManagedNeo4jError(`neo4j-admin ${args.slice(0, 2).join(" ")} failed (exit code ${code}); its output below says why.`, output.join("").trim()));
    });
  });
}

/** Dumps the stopped managed store to `file` (written beside it first, renamed when complete). */
export async function dumpStore(opts: DumpOptions, file: string): Promise<void> {
  ensureStopped(opts.homeDir);
  const home = homeLayout(opts.homeDir);
  if (!existsSync(path.join(home.data, "databases", DUMPED_DATABASE))) throw new ManagedNeo4jError(`There is no store to back up under ${home.dir}.`);
  const target = path.resolve(file);
  if (existsSync(target)) throw new ManagedNeo4jError(`${target} exists: back up to a new file.`);
  const work = mkdtempSync(`${target}.partial-`);
  try {
    await adminTool(opts, ["database", "dump", DUMPED_DATABASE, `--to-path=${work}`]);
    renameSync(path.join(work, `${DUMPED_DATABASE}.dump`), target);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Replaces the managed store's database with the dump in `file`; the home is made if it does not exist yet. */
export async function loadStore(opts: DumpOptions, file: string): Promise<void> {
  ensureStopped(opts.homeDir);
  const source = path.resolve(file);
  if (!statSync(source, { throwIfNoEntry: false })?.isFile()) throw new ManagedNeo4jError(`${source} is not a file: name a dump made by npm run backup.`);
  // neo4j-admin reads <folder>/<database>.dump: a folder holding a link to the file gives it that name.
  const work = mkdtempSync(path.join(path.dirname(source), ".restore-"));
  try {
    symlinkSync(source, path.join(work, `${DUMPED_DATABASE}.dump`));
    await adminTool(opts, ["database", "load", DUMPED_DATABASE, `--from-path=${work}`, "--overwrite-destination=true"]);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
