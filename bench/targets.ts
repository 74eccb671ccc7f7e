// Starts and stops the three benchmark targets as separate processes, so none shares an event loop with the load.
import { ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { PROJECT_ROOT } from "../src/project-root";
import type { Neo4jCredentials } from "../src/neo4j/managed";

export interface RunningTarget {
  name: string;
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

const ROOT = PROJECT_ROOT;

export interface TargetSpec {
  name: string;
  script: string;
  env: Record<string, string>;
  /** Turns the process's first line of output into the URL to load. */
  ready: RegExp;
  url: (match: RegExpExecArray) => string;
}

// One client sends thousands of requests a second: no rate limits, and no metrics listener on its fixed port.
const UNLIMITED = { RATE_LIMIT_REQUESTS: "0", RATE_LIMIT_MUTATIONS: "0", METRICS_PORT: "0" };

/** `workers`: A's WEB_CONCURRENCY, its worker processes on one port (node's cluster). */
export function targetSpecs(neo4jUri: string, { user, password }: Neo4jCredentials, workers = 1): Record<string, TargetSpec> {
  const common = { NEO4J_URI: neo4jUri, NEO4J_USER: user, NEO4J_PASSWORD: password, NEO4J_DATABASE: "neo4j" };
  // A is the server exactly as users run it (dist/src/main.js), in production mode, with round-trips reported.
  const a = {
    script: "dist/src/main.js",
    env: { ...common, PORT: "0", SEED_ON_START: "false", NODE_ENV: "production", EXPOSE_ROUND_TRIPS: "true", LOG_LEVEL: "warn", WEB_CONCURRENCY: String(workers), ...UNLIMITED },
    ready: /GraphQL server ready at (\S+)/,
    url: (m: RegExpExecArray) => m[1],
  };
  const listening = { ready: /LISTENING (\d+)/ };
  return {
    A: { name: "A", ...a },
    "A-nobatch": { name: "A-nobatch", ...a, env: { ...a.env, DATALOADER_BATCHING: "false" } },
    B: { name: "B", script: "dist/bench/targets/neo4j-graphql.js", env: common, ...listening, url: (m) => `http://127.0.0.1:${m[1]}/` },
    C: { name: "C", script: "dist/bench/targets/floor.js", env: common, ...listening, url: (m) => `http://127.0.0.1:${m[1]}/` },
  };
}

/**
 * The Node flags of `npm start` (package.json), given to every target alike: A runs as users run it, and B and C
 * get the same V8 settings so that the comparison is of the code, not of the tuning.
 */
export function startFlags(): string[] {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: { start: string } };
  // "exec node <flags...> <script> [args]": the flags are the words between node and the script.
  const words = pkg.scripts.start.trim().split(/\s+/);
  const node = words.indexOf("node");
  const script = words.findIndex((w, i) => i > node && !w.startsWith("-"));
  return words.slice(node + 1, script);
}

export function startTarget(spec: TargetSpec): Promise<RunningTarget> {
  const child = spawn(process.execPath, [...startFlags(), spec.script], {
    cwd: ROOT,
    env: { ...process.env, ...spec.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  return new Promise((resolve, reject) => {
    const onData = (d: Buffer) => {
      output += d;
      const m = spec.ready.exec(output);
      if (m) {
        child.stdout!.off("data", onData);
        resolve({
          name: spec.name,
          url: spec.url(m),
          process: child,
          stop: () =>
            new Promise((done) => {
              if (child.exitCode !== null) return done();
              child.once("exit", () => done());
              child.kill("SIGTERM");
              setTimeout(() => child.kill("SIGKILL"), 10_000).unref();
            }),
        });
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", (d) => (output += d));
    child.once("exit", (code) => reject(new Error(`target ${spec.name} exited with ${code} before it was ready:\n${output}`)));
  });
}
