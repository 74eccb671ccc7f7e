// Synchronous work run in a worker thread that is stopped at a deadline, for tests whose subject is an input's order
// of growth: jest's timeout cannot stop a test that never yields, so run in jest's own thread such a test cannot fail.
import { Worker } from "node:worker_threads";
import path from "node:path";
import { PROJECT_ROOT } from "../../src/project-root";

// The worker requires the project's TypeScript itself, each file transpiled by esbuild as it loads (the project is
// compiled file by file anyway: isolatedModules, tsconfig.json). The work is named by module and export, never sent
// as a function's text: under `jest --coverage` that text would call istanbul's counters, which the worker lacks.
const WORKER = `
  const { parentPort, workerData } = require("node:worker_threads");
  const { readFileSync } = require("node:fs");
  const Module = require("node:module");
  const { transformSync } = require(workerData.esbuild);
  Module._extensions[".ts"] = (module, filename) => {
    const source = readFileSync(filename, "utf8");
    const { code } = transformSync(source, { loader: "ts", format: "cjs", target: "node20", sourcefile: filename, tsconfigRaw: { compilerOptions: { experimentalDecorators: true } } });
    module._compile(code, filename);
  };
  const work = require(workerData.module)[workerData.name];
  if (typeof work !== "function") throw new Error(workerData.module + " exports no function " + workerData.name);
  parentPort.postMessage(work(...workerData.args));`;

/**
 * What the export `name` of `module` (a path from the project's root without its extension:
 * "src/summaries/summary-links") returns for `args`, both structured-cloneable, run in a worker thread; a rejection
 * if it throws, or if it still runs after `deadlineMs`, when the worker is terminated. Work that is more than one
 * call goes in a module of the test's own (test/unit/summary-links.work.ts).
 *
 * The deadline is a correctness guard, not a speed claim: set it about 20 times above what the work takes on a busy
 * machine and far below what the slower order of growth it guards against takes (the figures: docs/operations.md#ci).
 */
export function runInWorker(module: string, name: string, args: unknown[], deadlineMs: number): Promise<unknown> {
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: { esbuild: require.resolve("esbuild"), module: path.join(PROJECT_ROOT, module), name, args },
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`still running after ${deadlineMs} ms, so stopped: a slower order of growth than the test allows?`));
      void worker.terminate();
    }, deadlineMs);
    worker.once("message", (result: unknown) => {
      clearTimeout(timer);
      resolve(result);
    });
    worker.once("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
    worker.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the worker exited (code ${code}) without a result`));
    });
  });
}
