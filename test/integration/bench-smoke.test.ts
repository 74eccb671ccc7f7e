// A small run of the benchmark harness: tiny graph, one short load per target, and the equal-answers check.
import { runBenchmark } from "../../bench/run";
import { openTestDatabase, testNeo4jCredentials } from "../helpers/database";

it("loads a graph, gets equal answers from A, B and C, and measures each of them", async () => {
  // The targets run from dist/bench, which jest's globalSetup builds (npm run build compiles bench/ with src/).
  const t = await openTestDatabase();
  await t.reset();
  await t.close();
  const ops = ["Q1", "Q2", "Q3", "Q4", "Q5", "Q7", "Q8"];
  const lines: string[] = [];
  const { equality, cells, table } = await runBenchmark({
    size: "tiny",
    neo4jUri: process.env.TEST_NEO4J_URI,
    neo4jCredentials: testNeo4jCredentials(),
    ops,
    targets: ["A", "B", "C"],
    plan: { connections: [2], hubConnections: [], runs: 1, seconds: 1, warmupSeconds: 0 },
    samples: 10,
    outDir: null,
    log: (s) => lines.push(s),
  });
  expect(equality.map((e) => [e.op, e.samples])).toEqual(ops.map((op) => [op, 10]));
  // A's batching shows in its own counter: Q3 (50 papers, their summaries and references) is 1 statement, the
  // names in papers(ids:) resolved in the list's own (any id form) and each paper's first summaries and references
  // read along (docs/api.md#batching-and-projection); Q2, a paper with its first summaries, is 1 too.
  expect(equality.find((e) => e.op === "Q3")!.roundTripsA).toBe(1);
  expect(equality.find((e) => e.op === "Q2")!.roundTripsA).toBe(1);
  expect(cells).toHaveLength(ops.length * 3);
  for (const cell of cells) {
    expect(cell.requests).toBeGreaterThan(0);
    expect(cell.errors).toBe(0);
    // Each target's own CPU time is read from /proc around the runs (Neo4j's too when the harness started it).
    if (process.platform === "linux") expect(cell.cpuMsPerRequest?.target).toBeGreaterThan(0);
  }
  expect(table.split("\n")).toHaveLength(2 + ops.length);
  // Six operations, each loading three targets and starting with a compile: longer than the default on a busy machine.
}, 300_000);
