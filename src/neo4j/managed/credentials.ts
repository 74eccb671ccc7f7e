// The managed Neo4j's password: generated once per home folder, kept beside the store (mode 0600), and read from
// there by everything that connects to it (server, importer, seed, tests, benchmark).
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ManagedNeo4jError } from "./errors";
import { Home, homeLayout } from "./home";
import { CLASS_PATH } from "./runtime";

export interface Neo4jCredentials {
  user: string;
  password: string;
}

/** The user Neo4j creates with its store; the only one the managed Neo4j has. */
export const MANAGED_USER = "neo4j";
/** The password Neo4j gives that user when none was set before the store's first start (it must be changed). */
export const DEFAULT_PASSWORD = "neo4j";

export function passwordFile(home: Home): string {
  return path.join(home.dir, "neo4j-password");
}

/** The credentials of the managed Neo4j whose home is `homeDir`, for a client in another process (the tests). */
export function managedCredentials(homeDir: string): Neo4jCredentials | undefined {
  return readCredentials(homeLayout(homeDir));
}

/** The credentials of the managed Neo4j on `home`, or undefined before its first start. */
export function readCredentials(home: Home): Neo4jCredentials | undefined {
  const file = passwordFile(home);
  if (!existsSync(file)) return undefined;
  return { user: MANAGED_USER, password: readFileSync(file, "utf8").trim() };
}

/**
 * The home's credentials, made on its first start. A store that was never started gets the password through
 * `neo4j-admin dbms set-initial-password` (the Maven jars have no neo4j-admin script: AdminTool is its entry point);
 * a store that already exists (from before auth was switched on) still has Neo4j's default password, which
 * ManagedNeo4j changes once Neo4j runs.
 */
export function ensureCredentials(home: Home, java: string): Neo4jCredentials {
  const known = readCredentials(home);
  if (known) return known;
  // Hex, not base64url: a password starting with "-" is read by the admin tool as an option (it failed CI once).
  const password = randomBytes(24).toString("hex");
  const storeExists = existsSync(path.join(home.data, "databases", "system"));
  if (!storeExists) {
    const result = spawnSync(java, ["-cp", CLASS_PATH, "org.neo4j.cli.AdminTool", "dbms", "set-initial-password", password], {
      env: { ...process.env, NEO4J_HOME: home.dir, NEO4J_CONF: home.conf },
      encoding: "utf8",
    });
    if (result.status !== 0) {
      throw new ManagedNeo4jError(`Setting the managed Neo4j's initial password failed (neo4j-admin exited with ${result.status}).`, `${result.stdout}\n${result.stderr}`.trim());
    }
  }
  // Written last: a home whose password file exists has that password (or gets it right after the start).
  writeFileSync(passwordFile(home), `${password}\n`, { mode: 0o600 });
  return { user: MANAGED_USER, password };
}
