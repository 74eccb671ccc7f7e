// The command-line progress bar (cli-progress) of the import and export commands: records so far and the rate; a
// bar with a total once the work is counted (an export, or importing one).
import { SingleBar, Presets } from "cli-progress";
import type { Progress } from "./corpus-import";

export function progressBar(label: string): Progress & { total(n: number): void } {
  const bar = new SingleBar(
    { format: `${label} {bar} {value}/{total} records | {rate} records/s | {duration_formatted}`, fps: 5 },
    Presets.shades_classic,
  );
  const started = Date.now();
  let known = false;
  bar.start(0, 0, { rate: 0 });
  return {
    total: (n) => {
      known = true;
      bar.setTotal(n);
    },
    advance: (records) => {
      const value = bar.getProgress() * bar.getTotal() + records;
      if (!known) bar.setTotal(value);
      bar.update(value, { rate: Math.round((value / Math.max(Date.now() - started, 1)) * 1000) });
    },
    stop: () => bar.stop(),
  };
}
