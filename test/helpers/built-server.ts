// The built server (`node dist/src/main.js`) spawned by a test: waiting for the line that says it listens, and a free
// port for a listener of its own.
import type { ChildProcess } from "node:child_process";
import net from "node:net";

/** A port nothing listens on now, for a listener a spawned server opens (METRICS_PORT). */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

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
