// The benchmark: same Neo4j, same data, three targets; equal answers first, then load with autocannon.
import { readdirSync, readFileSync } from "node:fs";
import autocannon from "autocannon";
import { OPERATIONS, Operation, Pool, TargetName, body, stableStringify } from "./operations";
import { BenchGraph, rng } from "./generate";
import { RunningTarget } from "./targets";

export interface CellResult {
  target: string;
  op: string;
  pool: Pool;
  connections: number;
  reqPerSec: number;
  /** Lowest and highest req/s of the measured runs: the spread the mean hides. */
  reqPerSecRange: [number, number];
  p50: number;
  p90: number;
  p99: number;
  requests: number;
  errors: number;
  /**
   * CPU time per request of the target's process and of Neo4j over the measured runs (Linux /proc; absent where it
   * can't be read, e.g. an external Neo4j): where a target's cost goes, which req/s alone can't tell on shared cores.
   */
  cpuMsPerRequest?: { target: number; neo4j?: number };
}

/** The live child processes of `pid` (Linux): a target run with WEB_CONCURRENCY serves from its workers. */
function childPids(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((task) => readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").split(" ").filter(Boolean).map(Number));
  } catch {
    return [];
  }
}

/** User + system CPU time of a process and its live children so far, in ms (Linux); undefined when unknown. */
export function cpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    // Fields after the ")" that ends the command name: utime and stime are the 12th and 13th, in clock ticks (100/s).
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const own = (Number(fields[11]) + Number(fields[12])) * 10;
    return own + childPids(pid).reduce((sum, child) => sum + (cpuMs(child) ?? 0), 0);
  } catch {
    return undefined;
  }
}

export interface LoadPlan {
  connections: number[];
  runs: number;
  seconds: number;
  warmupSeconds: number;
  /** Pools measured at each connection count; the hub-heavy pool is measured at `hubConnections` only. */
  hubConnections: number[];
}

export function idPicker(graph: BenchGraph, pool: Pool, random: () => number): () => string {
  const ids = pool === "hub" ? graph.byInDegree.slice(0, Math.max(10, Math.floor(graph.byInDegree.length / 100))) : graph.byInDegree;
  return () => ids[Math.floor(random() * ids.length)];
}

async function post(url: string, payload: unknown): Promise<any> {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(payload) });
  const json: any = await res.json();
  if (res.status !== 200 || json.errors) throw new Error(`HTTP ${res.status}: ${JSON.stringify(json.errors ?? json).slice(0, 500)}`);
  return json;
}

export interface EqualityReport {
  op: string;
  samples: number;
  /** Mean Cypher statements per request for A, from the server's own counter. */
  roundTripsA: number;
}

/** Sends the same variable sets to every target and fails on the first answer that differs after normalising. */
export async function checkEqualAnswers(
  targets: Record<TargetName, RunningTarget>,
  ops: Operation[],
  graph: BenchGraph,
  samples: number,
): Promise<EqualityReport[]> {
  const reports: EqualityReport[] = [];
  for (const op of ops) {
    const random = rng(1000 + Number(op.name.slice(1)));
    const pick = idPicker(graph, random() < 0.5 ? "uniform" : "hub", random);
    let roundTrips = 0;
    for (let i = 0; i < samples; i++) {
      const variables = op.variables(i % 4 === 0 ? idPicker(graph, "hub", random) : pick, graph, random);
      const answers: Partial<Record<TargetName, string>> = {};
      for (const t of ["A", "B", "C"] as TargetName[]) {
        const json = await post(targets[t].url, body(op, t, variables));
        if (t === "A") roundTrips += json.extensions?.cypherRoundTrips ?? NaN;
        answers[t] = stableStringify(op.canonical[t](json));
      }
      for (const t of ["B", "C"] as TargetName[]) {
        if (answers[t] !== answers.A) {
          throw new Error(
            `${op.name}: ${t} answered differently from A for ${JSON.stringify(variables).slice(0, 300)}\n` +
              `A: ${answers.A!.slice(0, 800)}\n${t}: ${answers[t]!.slice(0, 800)}`,
          );
        }
      }
    }
    reports.push({ op: op.name, samples, roundTripsA: roundTrips / samples });
  }
  return reports;
}

interface RunResult {
  result: autocannon.Result;
  graphqlErrors: number;
}

async function runAutocannon(
  target: RunningTarget,
  targetName: TargetName,
  op: Operation,
  graph: BenchGraph,
  pool: Pool,
  connections: number,
  seconds: number,
  seed: number,
): Promise<RunResult> {
  const random = rng(seed);
  const pick = idPicker(graph, pool, random);
  let graphqlErrors = 0;
  const result = await autocannon({
    url: target.url,
    connections,
    duration: seconds,
    headers: { "content-type": "application/json" },
    requests: [
      {
        method: "POST",
        // A new variable set for every request, so no target can answer from a cache of one.
        setupRequest: (req: any) => ({ ...req, body: JSON.stringify(body(op, targetName, op.variables(pick, graph, random))) }),
        onResponse: (status: number, responseBody: string) => {
          // GraphQL reports errors inside HTTP 200: those count as errors too.
          if (status === 200 && responseBody.includes('"errors"')) graphqlErrors += 1;
        },
      },
    ],
  } as autocannon.Options);
  return { result, graphqlErrors };
}

/**
 * The measured runs. Neo4j's JIT and caches warm up over thousands of statements, so the order of the targets is
 * part of the method: a target measured first meets a colder Neo4j than the ones after it (measured: Q1's Neo4j CPU
 * per request fell from 0.8 to 0.3 ms over its first 20 s of load, bench/README.md#method). So every operation is
 * warmed up on every target before anything is measured, and within a cell the targets take turns going first, run
 * by run and cell by cell; each target's CPU is read around its own runs only.
 */
export async function measure(
  targets: Record<string, RunningTarget>,
  targetNames: string[],
  ops: Operation[],
  graph: BenchGraph,
  plan: LoadPlan,
  log: (s: string) => void,
  neo4jPid?: number,
): Promise<CellResult[]> {
  const as = (name: string) => (name.startsWith("A") ? "A" : name) as TargetName;
  if (plan.warmupSeconds > 0) {
    for (const op of ops) for (const name of targetNames) await runAutocannon(targets[name], as(name), op, graph, "uniform", 8, plan.warmupSeconds, 7);
  }
  const cells: CellResult[] = [];
  let turn = 0;
  for (const op of ops) {
    const schedule: Array<[Pool, number]> = [
      ...plan.connections.map((c) => ["uniform", c] as [Pool, number]),
      ...plan.hubConnections.map((c) => ["hub", c] as [Pool, number]),
    ];
    for (const [pool, connections] of schedule) {
      const runs = new Map(targetNames.map((name) => [name, [] as RunResult[]]));
      const cpu = new Map(targetNames.map((name) => [name, { target: 0 as number | undefined, neo4j: 0 as number | undefined }]));
      for (let r = 0; r < plan.runs; r++, turn++) {
        const order = targetNames.map((_, i) => targetNames[(i + turn) % targetNames.length]);
        for (const name of order) {
          const target = targets[name];
          const before = [cpuMs(target.process.pid), cpuMs(neo4jPid)];
          runs.get(name)!.push(await runAutocannon(target, as(name), op, graph, pool, connections, plan.seconds, 100 + r));
          const after = [cpuMs(target.process.pid), cpuMs(neo4jPid)];
          const used = cpu.get(name)!;
          const add = (sum: number | undefined, i: number) =>
            sum === undefined || before[i] === undefined || after[i] === undefined ? undefined : sum + (after[i] as number) - (before[i] as number);
          used.target = add(used.target, 0);
          used.neo4j = add(used.neo4j, 1);
        }
      }
      for (const name of targetNames) {
        const own = runs.get(name)!;
        const rps = own.map((x) => x.result.requests.average);
        const mid = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
        const cell: CellResult = {
          target: name,
          op: op.name,
          pool,
          connections,
          reqPerSec: rps.reduce((a, b) => a + b, 0) / rps.length,
          reqPerSecRange: [Math.min(...rps), Math.max(...rps)],
          p50: mid(own.map((x) => x.result.latency.p50)),
          p90: mid(own.map((x) => x.result.latency.p90)),
          p99: mid(own.map((x) => x.result.latency.p99)),
          requests: own.reduce((a, x) => a + x.result.requests.total, 0),
          errors: own.reduce((a, x) => a + x.result.errors + x.result.non2xx + x.result.timeouts + x.graphqlErrors, 0),
        };
        const { target: targetCpu, neo4j } = cpu.get(name)!;
        if (targetCpu !== undefined && cell.requests > 0) {
          cell.cpuMsPerRequest = { target: targetCpu / cell.requests, neo4j: neo4j === undefined ? undefined : neo4j / cell.requests };
        }
        cells.push(cell);
        log(
          `  ${op.name} ${name.padEnd(9)} ${pool.padEnd(7)} c=${String(connections).padEnd(2)} ` +
            `${cell.reqPerSec.toFixed(0).padStart(6)} req/s  p50 ${cell.p50} ms  p99 ${cell.p99} ms  errors ${cell.errors}`,
        );
      }
    }
  }
  return cells;
}

export { OPERATIONS };
