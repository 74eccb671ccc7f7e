// Synchronous work run in a worker thread that is stopped at a deadline, for tests whose subject is an input's order
// of growth: jest's timeout cannot stop a test that never yields, so run in jest's own thread such a test cannot fail.
import { Worker } from "node:worker_threads";
import { PROJECT_ROOT } from "../../src/project-root";

/** Requires a module of the built project (dist/, which globalSetup builds) by its path: "src/summaries/summary-links". */
export type Load = (modulePath: string) => unknown;

/**
 * What `work` returns (a structured-cloneable value), run in a worker thread on the built project; a rejection if it
 * throws, or if it still runs after `deadlineMs`, when the worker is terminated. `work` travels as source text: it may
 * use its `load` argument and nothing else of the test file, neither its imports nor its variables (a
 * `typeof import(...)` cast types what it loads, and leaves nothing behind in the source).
 *
 * The deadline is a correctness guard, not a speed claim: set it about 20 times above what the work takes on a busy
 * machine and far below what the slower order of growth it guards against takes (the figures: docs/operations.md#ci).
 */
export function runInWorker<T>(work: (load: Load) => T, deadlineMs: number): Promise<T> {
  const source = `
    const { parentPort, workerData } = require("node:worker_threads");
    const path = require("node:path");
    const load = (modulePath) => require(path.join(workerData.root, "dist", modulePath));
    parentPort.postMessage((${work.toString()})(load));`;
  const worker = new Worker(source, { eval: true, workerData: { root: PROJECT_ROOT } });
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`still running after ${deadlineMs} ms, so stopped: a slower order of growth than the test allows?`));
      void worker.terminate();
    }, deadlineMs);
    worker.once("message", (result: T) => {
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
