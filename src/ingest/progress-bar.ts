// The command-line progress bar (cli-progress) of the import and export commands: records so far and the rate; a
// bar with a total once the work is counted (an export, or importing one).
import { SingleBar, Presets } from "cli-progress";
import type { Progress } from "./corpus-import";

/**
 * A bar on `stream` (stderr by default; a test passes its own, rendered although it is not a terminal). It keeps its
 * own count: `total` starts a new count (an export that starts over after a concurrent write counts again from 0).
 */
export function progressBar(label: string, stream?: NodeJS.WritableStream): Progress & { total(n: number): void } {
  const bar = new SingleBar(
    {
      format: `${label} {bar} {value}/{total} records | {rate} records/s | {duration_formatted}`,
      fps: 5,
      ...(stream ? { stream, noTTYOutput: true } : {}),
    },
    Presets.shades_classic,
  );
  let started = Date.now();
  let done = 0;
  let known = false;
  bar.start(0, 0, { rate: 0 });
  return {
    total: (n) => {
      known = true;
      done = 0;
      started = Date.now();
      bar.setTotal(n);
      bar.update(0, { rate: 0 });
    },
    advance: (records) => {
      done += records;
      if (!known) bar.setTotal(done);
      bar.update(done, { rate: Math.round((done / Math.max(Date.now() - started, 1)) * 1000) });
    },
    stop: () => bar.stop(),
  };
}
