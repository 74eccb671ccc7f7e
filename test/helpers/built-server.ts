// The built server (`node dist/src/main.js`) spawned by a test: waiting for the line that says it listens, and a free
// port for a listener of its own (the managed Neo4j's port picker).
import type { ChildProcess } from "node:child_process";
export { freePort } from "../../src/neo4j/managed/ports";

/**
 * Resolves with the URL of the first line of `output()` that matches `ready` (its first group), or rejects with
 * the whole output when the process exits first.
 */
export function readyUrl(server: ChildProcess, output: () => string, ready: RegExp): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const m = ready.exec(output());
      if (m) {
        clearInterval(timer);
        resolve(m[1]);
      }
    }, 100);
    server.once("exit", (code) => {
      clearInterval(timer);
      reject(new Error(`server exited with ${code}:\n${output()}`));
    });
  });
}
