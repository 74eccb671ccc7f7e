// A mistake at the command line or in the listening variables gets one sentence naming what to change, and exit 1:
// no stack trace, and nothing started or read first where the mistake can be seen before.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { testNeo4jCredentials } from "../helpers/database";
import { TEST_AUTH_SECRET } from "../helpers/tokens";

const ROOT = path.join(__dirname, "..", "..");

/** Runs a built entry point to its end: exit code, everything it wrote, and what of that went to stderr. */
function run(script: string, args: string[], env: Record<string, string | undefined> = {}): Promise<{ code: number | null; output: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], { cwd: ROOT, env: { ...process.env, LOG_LEVEL: "warn", ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    let stderr = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => {
      output += d;
      stderr += d;
    });
    child.once("exit", (code) => resolve({ code, output, stderr }));
  });
}

/** Starts the built server against the test run's Neo4j, as an external one; `env` changes what is to be tested. */
function startServer(env: Record<string, string | undefined>) {
  const { user, password } = testNeo4jCredentials();
  return run("dist/src/main.js", [], {
    WARM_UP_MS: "0", PORT: "0", METRICS_PORT: "0", NEO4J_URI: process.env.TEST_NEO4J_URI, NEO4J_USER: user, NEO4J_PASSWORD: password,
    SEED_ON_START: "false", ENABLE_BROWSER_UI: "false", AUTH_HS256_SECRET: TEST_AUTH_SECRET, ...env,
  });
}

const STACK_LINE = /^\s+at /m;

describe("mistakes at the command line", () => {
  // A Neo4j nobody serves: a command that reached for the database anyway would fail otherwise, and quickly.
  const NOWHERE = { NEO4J_URI: "bolt://127.0.0.1:9" };

  it.each([
    ["dist/src/backup/export-cli.js", ["--bogus"], "npm run export"],
    ["dist/src/backup/backup-cli.js", ["backup", "--help"], "npm run backup"],
    ["dist/src/ingest/import-cli.js", ["--format"], "npm run import"],
  ])("%s %j: the option's sentence and the usage, exit 1", async (script, args, usage) => {
    const { code, output } = await run(script, args, NOWHERE);
    expect(code).toBe(1);
    expect(output).toMatch(/option/i);
    expect(output).toContain(`usage: ${usage}`);
    expect(output).not.toMatch(STACK_LINE);
  });

  it("refuses to export into a file before it reads anything", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "export-target-"));
    try {
      const file = path.join(dir, "a-file");
      writeFileSync(file, "not a folder");
      const { code, output } = await run("dist/src/backup/export-cli.js", [file], NOWHERE);
      expect(code).toBe(1);
      expect(output.trim()).toBe(`export failed: ${file} is there and is not a folder: export into a new folder`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("mistakes in what to import", () => {
  const NOWHERE = { NEO4J_URI: "bolt://127.0.0.1:9" };

  // Before, both went to Neo4j first (a managed one takes a minute to start): the missing path then failed with
  // ENOENT's stat message, and the folder of folders imported nothing and exited 0.
  it("refuses a path that is not there, and a folder that holds only folders, before it connects", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "import-target-"));
    try {
      const missing = path.join(dir, "works.jsonl");
      const absent = await run("dist/src/ingest/import-cli.js", [missing], NOWHERE);
      expect(absent.code).toBe(1);
      expect(absent.output.trim()).toBe(`import failed: ${missing}: no such file or folder`);

      mkdirSync(path.join(dir, "hepth"));
      const folders = await run("dist/src/ingest/import-cli.js", [dir], NOWHERE);
      expect(folders.code).toBe(1);
      expect(folders.output.trim()).toBe(`import failed: nothing to import in ${dir}: it holds no files (folders in it are not read; name them instead)`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("mistakes in the listening variables", () => {
  const start = startServer;

  it("names HOST when it does not resolve", async () => {
    const { code, output } = await start({ HOST: "nosuch.invalid" });
    expect(code).toBe(1);
    expect(output).toContain("Cannot start: nosuch.invalid does not resolve to an address; set HOST to an address, or a name that resolves.");
    expect(output).not.toMatch(STACK_LINE);
  });

  it("names METRICS_PORT, not PORT, when the metrics port is taken", async () => {
    const held = net.createServer();
    await new Promise<void>((resolve) => held.listen(0, "127.0.0.1", resolve));
    try {
      const port = (held.address() as net.AddressInfo).port;
      const { code, output } = await start({ METRICS_PORT: String(port), METRICS_HOST: "127.0.0.1" });
      expect(code).toBe(1);
      expect(output).toContain(`Cannot start: port ${port} is already in use on 127.0.0.1; set METRICS_PORT to a free port.`);
      expect(output).not.toMatch(STACK_LINE);
    } finally {
      await new Promise((resolve) => held.close(resolve));
    }
  });
});

// Each ended in a driver's stack trace that named no variable; the one line now names the variable and its value.
describe("mistakes in the Neo4j variables", () => {
  const { password } = testNeo4jCredentials();
  const testUri = () => process.env.TEST_NEO4J_URI!;
  const routingUri = () => testUri().replace(/^bolt:/, "neo4j:");
  const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

  /** The server's one line on stderr, after it exited 1 without a stack trace and without showing the password. */
  async function refusal(env: Record<string, string | undefined>, secret = password): Promise<string> {
    const { code, output, stderr } = await startServer(env);
    expect(code).toBe(1);
    expect(output).not.toMatch(STACK_LINE);
    if (secret) expect(output).not.toContain(secret);
    return stderr.trim();
  }

  it.each(["bolt://127.0.0.1:9", "neo4j://127.0.0.1:9"])("NEO4J_URI %s, where nothing listens", async (uri) => {
    expect(await refusal({ NEO4J_URI: uri })).toMatch(new RegExp(`^Cannot start: NEO4J_URI ${literal(uri)}: no Neo4j answers there \\(.+\\)\\.$`));
  });

  it("NEO4J_URI with a port no TCP has, before anything starts", async () => {
    expect(await refusal({ NEO4J_URI: "bolt://127.0.0.1:99999" })).toBe(
      "Cannot start: Invalid configuration:\n  NEO4J_URI: is not a URI the driver can use: a host, then at most a :port of 1-65535, and no spaces",
    );
  });

  it.each([
    ["neo4j://127.0.0.1:9?policy", 'has the ?routing parameter "policy": each must be one key=value, neither side empty, with & between them'],
    ["bolt://[fe80::1%25eth0]:7687", "must give the zone id of [fe80::1%25eth0] unencoded, as the driver reads it: [fe80::1%eth0]"],
  ])("NEO4J_URI %s, which the driver would refuse or misread, before anything starts", async (uri, why) => {
    expect(await refusal({ NEO4J_URI: uri })).toBe(`Cannot start: Invalid configuration:\n  NEO4J_URI: ${why}`);
  });

  (password ? it : it.skip)("a wrong NEO4J_PASSWORD, never shown", async () => {
    const wrong = "wrong-password-4711";
    const line = await refusal({ NEO4J_PASSWORD: wrong }, wrong);
    expect(line).toMatch(new RegExp(`^Cannot start: NEO4J_USER \\S+ / NEO4J_PASSWORD: the Neo4j at ${literal(testUri())} refused them \\(.+\\); check both\\.$`));
    if (password) expect(line).not.toContain(password);
  });

  it.each([["bolt", testUri], ["neo4j", routingUri]])("a NEO4J_DATABASE the server does not have, through %s://", async (_, uri) => {
    const line = await refusal({ NEO4J_URI: uri(), NEO4J_DATABASE: "nosuchdb" });
    expect(line).toMatch(new RegExp(`^Cannot start: NEO4J_DATABASE nosuchdb: the Neo4j at ${literal(uri())} has no database of that name \\(.+\\); set NEO4J_DATABASE`));
  });

  it("a NEO4J_DATA_DIR under a file, for the managed Neo4j, before anything is fetched or started", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "data-dir-"));
    try {
      const file = path.join(dir, "a-file");
      writeFileSync(file, "not a folder");
      const home = path.join(file, "store");
      const line = await refusal({ NEO4J_URI: undefined, NEO4J_DATA_DIR: home });
      expect(line).toMatch(new RegExp(`^Cannot start: The managed Neo4j cannot keep its store in ${literal(home)} \\(ENOTDIR: .+\\): set NEO4J_DATA_DIR to a folder this user can write\\.$`));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("an AUTH_LOCAL_SECRET_DIR under a file", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "secret-dir-"));
    try {
      const file = path.join(dir, "a-file");
      writeFileSync(file, "not a folder");
      const line = await refusal({ AUTH_HS256_SECRET: undefined, AUTH_LOCAL_SECRET_DIR: path.join(file, "secrets") });
      expect(line).toMatch(new RegExp(`^Cannot start: AUTH_LOCAL_SECRET_DIR ${literal(path.join(file, "secrets"))}: the local secret cannot be kept there \\(ENOTDIR: `));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
