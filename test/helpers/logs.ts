// A logger whose lines a test reads back: what the operator would see for what the test did.
import { Writable } from "node:stream";
import pino from "pino";
import type { Logger } from "../../src/logger";

/** A logger at info level, and its JSON lines so far. */
export function capturingLogger(): { logger: Logger; lines: () => Array<Record<string, any>> } {
  const out: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      out.push(...chunk.toString().split("\n").filter(Boolean));
      done();
    },
  });
  return { logger: pino({ level: "info" }, stream), lines: () => out.map((l) => JSON.parse(l)) };
}
