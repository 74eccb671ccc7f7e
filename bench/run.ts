// `npm run bench`: loads a graph, starts targets A (this server), B (@neo4j/graphql) and C (hand-written Cypher)
// on one Neo4j, checks they give equal answers, then measures them with autocannon and writes bench/results/.
import "reflect-metadata";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PROJECT_ROOT } from "../src/project-root";
import { parseArgs } from "node:util";
import neo4j from "neo4j-driver";
import { Database } from "../src/neo4j/database";
import { ensureSchema } from "../src/neo4j/schema-setup";
import { IngestRepository } from "../src/ingest/ingest.repository";
import { ManagedNeo4j, Neo4jCredentials, RUNTIME_DIR } from "../src/neo4j/managed";
import { authToken } from "../src/neo4j/driver";
import { createLogger } from "../src/logger";
import { BenchGraph, SIZES, generateGraph } from "./generate";
import { loadGraph, loadHepth } from "./load-data";
import { LoadPlan, checkEqualAnswers, measure } from "./harness";
import { OPERATIONS, TargetName } from "./operations";
import { RunningTarget, startTarget, targetSpecs } from "./targets";
import { BenchMeta, markdownTable, svgChart } from "./report";

export interface BenchOptions {
  size: string;
  neo4jUri?: string;
  /** Who to connect to neo4jUri as (NEO4J_USER / NEO4J_PASSWORD on the command line); the managed Neo4j's own otherwise. */
  neo4jCredentials?: Neo4jCredentials;
  ops: string[];
  targets: string[];
  /** Worker processes of target A (WEB_CONCURRENCY); 1 when not given. */
  workers?: number;
  plan: LoadPlan;
  samples: number;
  outDir: string | null;
  log: (s: string) => void;
}

const ROOT = PROJECT_ROOT;
const version = (pkg: string) => JSON.parse(readFileSync(path.join(ROOT, "node_modules", pkg, "package.json"), "utf8")).version as string;

export async function runBenchmark(opts: BenchOptions) {
  const { log } = opts;
  const hepth = opts.size === "hepth";
  const size = SIZES[opts.size];
  if (!size && !hepth) throw new Error(`unknown size ${opts.size}: use ${[...Object.keys(SIZES), "hepth"].join(", ")}`);
  const synthetic = hepth ? null : generateGraph(size);
  if (synthetic) log(`graph ${opts.size}: ${synthetic.papers.length} papers, ${synthetic.citations.length} citations, ${synthetic.summaries.length} summaries`);

  let managed: ManagedNeo4j | undefined;
  let uri = opts.neo4jUri;
  if (!uri) {
    managed = new ManagedNeo4j({
      homeDir: path.join(RUNTIME_DIR, "data", `bench-${opts.size}`),
      boltPort: 0,
      heap: opts.size === "M" ? "4g" : "2g",
      pageCache: opts.size === "M" ? "4g" : "1g",
      startTimeoutMs: 180_000,
      logger: createLogger("warn"),
    });
    await managed.start();
    uri = managed.uri;
  }
  const credentials = managed?.credentials ?? opts.neo4jCredentials ?? { user: "neo4j", password: "" };
  const driver = neo4j.driver(uri, authToken(credentials));
  const targets: Record<string, RunningTarget> = {};
  try {
    const db = new Database(driver, "neo4j");
    await ensureSchema(db);
    const ingest = new IngestRepository(db);
    const graph: BenchGraph = synthetic ?? (await loadHepth(db, driver, path.join(ROOT, "..", "shared", "data", "hepth"), log));
    if (synthetic) await loadGraph(ingest, synthetic, log);
    const stored = await ingest.counts();
    const neo4jVersion = (await driver.getServerInfo()).agent ?? "unknown";

    const specs = targetSpecs(uri, credentials, opts.workers);
    // Side by side: A's warm-up waits on Neo4j while B and C load their modules. Each one that started is kept, so
    // that the finally below stops it when another failed.
    const started = await Promise.allSettled(opts.targets.map((name) => startTarget(specs[name])));
    started.forEach((s, i) => s.status === "fulfilled" && (targets[opts.targets[i]] = s.value));
    const failed = started.find((s): s is PromiseRejectedResult => s.status === "rejected");
    if (failed) throw failed.reason;
    log(`targets: ${opts.targets.map((t) => `${t} ${targets[t].url}`).join(", ")}`);

    const ops = OPERATIONS.filter((o) => opts.ops.includes(o.name));
    log(`equal answers: ${opts.samples} variable sets per operation`);
    const equality = await checkEqualAnswers(targets as Record<TargetName, RunningTarget>, ops, graph, opts.samples);
    for (const e of equality) log(`  ${e.op}: A, B and C agree on ${e.samples} sets; A ran ${e.roundTripsA.toFixed(1)} Cypher statements per request`);

    const cells = await measure(targets, opts.targets, ops, graph, opts.plan, log, managed?.pid);
    const meta: BenchMeta = {
      date: new Date().toISOString(),
      size: opts.size,
      papers: stored.papers,
      citations: stored.cites,
      summaries: stored.summaries,
      machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}`,
      node: process.version,
      neo4j: neo4jVersion,
      libraries: Object.fromEntries(
        ["@apollo/server", "graphql", "type-graphql", "dataloader", "neo4j-driver", "@neo4j/graphql", "autocannon"].map((p) => [p, version(p)]),
      ),
      plan: opts.plan,
    };
    const table = markdownTable(cells, equality, opts.targets);
    if (opts.outDir) {
      mkdirSync(opts.outDir, { recursive: true });
      // An ablation run gets its own files, so it never replaces the main run's of the same day.
      const suffix = `${opts.targets.includes("A-nobatch") ? "-ablation" : ""}${(opts.workers ?? 1) > 1 ? `-workers${opts.workers}` : ""}`;
      const stem = path.join(opts.outDir, `${meta.date.slice(0, 10)}-${opts.size}${suffix}`);
      writeFileSync(`${stem}.json`, JSON.stringify({ meta, equality, cells }, null, 2) + "\n");
      const header =
        `Benchmark ${opts.size} (${meta.papers} papers, ${meta.citations} citations, ${meta.summaries} summaries), ${meta.date}\n\n` +
        `Machine: ${meta.machine}; Node ${meta.node}; ${meta.neo4j}; ` +
        `${Object.entries(meta.libraries).map(([k, v]) => `${k} ${v}`).join(", ")}\n\n` +
        `Runs per cell: ${opts.plan.runs} × ${opts.plan.seconds} s after a ${opts.plan.warmupSeconds} s warm-up; req/s is the mean of the runs, latencies the median run's.\n\n`;
      writeFileSync(`${stem}.md`, header + table + "\n");
      const chartConnections = opts.plan.connections.includes(8) ? 8 : opts.plan.connections[0];
      writeFileSync(`${stem}.svg`, svgChart(cells, opts.targets, chartConnections, `req/s per operation, ${opts.size}, ${chartConnections} connections, uniform ids`));
      log(`wrote ${stem}.json, .md and .svg`);
    }
    log("\n" + table);
    return { equality, cells, table };
  } finally {
    await Promise.all(Object.values(targets).map((t) => t.stop()));
    await driver.close();
    await managed?.stop();
  }
}

if (require.main === module) {
  const { values } = parseArgs({
    options: {
      size: { type: "string", default: "S" },
      "neo4j-uri": { type: "string" },
      ops: { type: "string", default: OPERATIONS.map((o) => o.name).join(",") },
      ablation: { type: "boolean", default: false },
      workers: { type: "string", default: "1" },
      connections: { type: "string", default: "1,8,32" },
      "hub-connections": { type: "string", default: "8" },
      runs: { type: "string", default: "2" },
      seconds: { type: "string", default: "4" },
      warmup: { type: "string", default: "2" },
      samples: { type: "string", default: "100" },
      out: { type: "string", default: path.join(ROOT, "bench", "results") },
    },
  });
  const list = (s: string) => s.split(",").filter(Boolean);
  runBenchmark({
    size: values.size as string,
    neo4jUri: values["neo4j-uri"] as string | undefined,
    neo4jCredentials: { user: process.env.NEO4J_USER ?? "neo4j", password: process.env.NEO4J_PASSWORD ?? "" },
    ops: list(values.ops as string),
    targets: values.ablation ? ["A", "A-nobatch", "B", "C"] : ["A", "B", "C"],
    workers: Number(values.workers),
    plan: {
      connections: list(values.connections as string).map(Number),
      hubConnections: list(values["hub-connections"] as string).map(Number),
      runs: Number(values.runs),
      seconds: Number(values.seconds),
      warmupSeconds: Number(values.warmup),
    },
    samples: Number(values.samples),
    outDir: values.out as string,
    log: (s) => process.stdout.write(s + "\n"),
  }).catch((err) => {
    process.stderr.write(`benchmark failed: ${err?.message ?? err}\n`);
    process.exit(1);
  });
}
