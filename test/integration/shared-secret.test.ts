// Several instances over one external Neo4j need one secret: the first instance's generated secret claims the
// database, and a second instance with a secret of its own is refused at start with a sentence saying what to do.
// A bad trusted-documents manifest is refused the same way (both are StartupErrors, src/startup-error.ts).
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadConfig } from "../../src/config";
import { authSettings } from "../../src/auth/auth-settings";
import { ensureLocalSecretShared, UnsharedSecretError } from "../../src/auth/shared-secret";
import { openTestDatabase, TestDatabase, testNeo4jCredentials } from "../helpers/database";
import { TEST_AUTH_SETTINGS } from "../helpers/tokens";

const ROOT = path.join(__dirname, "..", "..");

describe("a generated local secret over an external Neo4j", () => {
  let t: TestDatabase;
  const dirs: string[] = [];
  const localSettings = () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "papers-graph-secret-"));
    dirs.push(dir);
    return { dir, auth: authSettings(loadConfig({ AUTH_LOCAL_SECRET_DIR: dir })) };
  };

  beforeAll(async () => {
    t = await openTestDatabase();
  });
  beforeEach(() => t.reset());
  afterAll(async () => {
    await t.reset();
    await t.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it("lets the instance that claimed the database start again, and refuses another generated secret", async () => {
    const first = localSettings();
    await ensureLocalSecretShared(t.db, first.auth, first.dir);
    await ensureLocalSecretShared(t.db, first.auth, first.dir);
    // A second instance that shares the first one's secret file is the same secret.
    await ensureLocalSecretShared(t.db, authSettings(loadConfig({ AUTH_LOCAL_SECRET_DIR: first.dir })), first.dir);
    const second = localSettings();
    await expect(ensureLocalSecretShared(t.db, second.auth, second.dir)).rejects.toThrow(UnsharedSecretError);
    await expect(ensureLocalSecretShared(t.db, second.auth, second.dir)).rejects.toThrow(/set AUTH_HS256_SECRET .* or AUTH_JWKS_URL/);
  });

  it("needs no claim with a shared secret, and the claim can be given up on purpose", async () => {
    const first = localSettings();
    await ensureLocalSecretShared(t.db, first.auth, first.dir);
    await ensureLocalSecretShared(t.db, TEST_AUTH_SETTINGS, first.dir);
    await t.driver.executeQuery("MATCH (c:LocalSecretClaim) DELETE c");
    const second = localSettings();
    await ensureLocalSecretShared(t.db, second.auth, second.dir);
  });

  // The built server started over the test Neo4j with `env` added, until it exits: its exit code and output.
  const startBuilt = async (env: Record<string, string>) => {
    const { user, password } = testNeo4jCredentials();
    const child = spawn(process.execPath, ["dist/src/main.js"], {
      cwd: ROOT,
      env: {
        ...process.env,
        // The warm-up at start is start.test.ts's subject; here it would only add its seconds.
        WARM_UP_MS: "0",
        NEO4J_URI: process.env.TEST_NEO4J_URI,
        NEO4J_USER: user,
        NEO4J_PASSWORD: password,
        SEED_ON_START: "false",
        PORT: "0",
        METRICS_PORT: "0",
        LOG_LEVEL: "warn",
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout!.on("data", (d) => (output += d));
    child.stderr!.on("data", (d) => (output += d));
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    return { code, output };
  };

  it("stops the built server at start with one sentence when another instance's secret holds the claim", async () => {
    const first = localSettings();
    await ensureLocalSecretShared(t.db, first.auth, first.dir);
    const second = localSettings();
    const { code, output } = await startBuilt({ AUTH_LOCAL_SECRET_DIR: second.dir, AUTH_HS256_SECRET: "", AUTH_JWKS_URL: "" });
    expect(code).toBe(1);
    expect(output).toContain("Cannot start: another instance serves this database with a sign-in secret of its own");
    expect(output).not.toContain("    at ");
  });

  it("stops the built server at start with one sentence, before connecting, when TRUSTED_DOCUMENTS is not a manifest", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "papers-graph-manifest-"));
    dirs.push(dir);
    const file = path.join(dir, "manifest.json");
    writeFileSync(file, JSON.stringify({ format: "apollo-persisted-query-manifest", version: 1, operations: [{ id: "x" }] }));
    // No Neo4j answers on port 1: the manifest is checked before the server connects to one.
    const { code, output } = await startBuilt({ TRUSTED_DOCUMENTS: file, AUTH_LOCAL_SECRET_DIR: localSettings().dir, NEO4J_URI: "bolt://127.0.0.1:1" });
    expect(code).toBe(1);
    expect(output).toContain(`Cannot start: TRUSTED_DOCUMENTS: ${file} is not an operation manifest`);
    expect(output).not.toContain("    at ");
  });
});
