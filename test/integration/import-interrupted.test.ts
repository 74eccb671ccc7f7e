// An import stopped half-way and run again ends with the same graph as one uninterrupted run: the built
// `npm run import` on the bundled aan dataset (18,041 papers, 94,973 citation rows: about twenty batches) is
// stopped with SIGINT while it writes papers (it finishes its batch and says so) and killed with SIGKILL while it
// writes citations (Neo4j rolls the open batch back), then run to the end; the canonical listing of the store
// (papers, stubs, authors, edges, stored counts) must equal that of an uninterrupted import.
import { ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { openTestDatabase, testNeo4jCredentials, TestDatabase } from "../helpers/database";
import { DATA_DIR } from "../helpers/datasets";
import { expectSameListing, graphListing } from "../helpers/graph-listing";

const ROOT = path.join(__dirname, "..", "..");
const AAN = path.join(DATA_DIR, "aan");

interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startImport(): Run {
  const { user, password } = testNeo4jCredentials();
  const child = spawn(process.execPath, ["dist/src/ingest/import-cli.js", AAN], {
    cwd: ROOT,
    env: { ...process.env, NEO4J_URI: process.env.TEST_NEO4J_URI, NEO4J_USER: user, NEO4J_PASSWORD: password, LOG_LEVEL: "warn" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  return { child, output: () => output, exited };
}

describe("an interrupted npm run import, run again", () => {
  let t: TestDatabase;
  let uninterrupted: string[];

  /** Polls the store until `reached` holds (or the import ends first), then sends the signal. */
  async function interruptWhen(run: Run, reached: (c: Awaited<ReturnType<TestDatabase["counts"]>>) => boolean, signal: NodeJS.Signals) {
    let ended = false;
    void run.exited.then(() => (ended = true));
    while (!ended && !reached(await t.counts())) await new Promise((r) => setTimeout(r, 100));
    if (ended) throw new Error(`the import ended before it could be interrupted:\n${run.output()}`);
    run.child.kill(signal);
    return run.exited;
  }

  beforeAll(async () => {
    t = await openTestDatabase();
    await t.reset();
    const run = startImport();
    expect(await run.exited).toEqual({ code: 0, signal: null });
    uninterrupted = await graphListing(t.driver);
  }, 600_000);
  afterAll(() => t.close());

  it("ends with the same graph after a SIGINT among the papers and a SIGKILL among the citations", async () => {
    const full = await t.counts();
    await t.reset();

    const first = startImport();
    const stopped = await interruptWhen(first, (c) => c.papers >= 4_000, "SIGINT");
    expect(stopped).toEqual({ code: 130, signal: null });
    expect(first.output()).toContain("import interrupted at a batch boundary: what was written stays; run the same command again to finish");
    expect(first.output()).toContain("(interrupted: the rest is not read yet)");
    const afterSigint = await t.counts();
    expect(afterSigint.papers).toBeLessThan(full.papers);
    expect(afterSigint.cites).toBe(0);

    const second = startImport();
    expect(await interruptWhen(second, (c) => c.cites >= 20_000, "SIGKILL")).toEqual({ code: null, signal: "SIGKILL" });
    expect((await t.counts()).cites).toBeLessThan(full.cites);

    const third = startImport();
    expect(await third.exited).toEqual({ code: 0, signal: null });
    expect(await t.counts()).toEqual(full);
    expectSameListing(await graphListing(t.driver), uninterrupted);
  }, 600_000);
});
