// The command-line arguments of the npm run commands (import, export, backup, restore): node's parseArgs, with a
// mistake (an unknown option, an option without its value) answered by its one sentence and the usage, exit 1, not
// by a stack trace.
import { parseArgs, ParseArgsConfig } from "node:util";

export function commandArgs<T extends ParseArgsConfig>(config: T, usage: string): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${usage}\n`);
    process.exit(1);
  }
}
