// One structured logger for the process; main.ts creates it and hands it down.
import pino from "pino";

export type Logger = pino.Logger;

export function createLogger(level: string): Logger {
  return pino({ level, base: { service: "papers-graph" } });
}
