// `npm run import -- <folder or files>...`: imports datasets of ../shared/data into the configured (or managed)
// Neo4j with a progress bar, then prints a report per dataset. Safe to run again; see dataset-import.ts.
import "reflect-metadata";
import { SingleBar, Presets } from "cli-progress";
import { importDataset, Progress, resolveDatasets } from "./dataset-import";
import { runIngestCommand } from "./ingest-command";

function progressBar(label: string): Progress {
  const bar = new SingleBar(
    { format: `${label} [{bar}] {percentage}% | {value}/{total} rows | {rate} rows/s | ETA {eta_formatted}`, etaBuffer: 50 },
    Presets.shades_classic,
  );
  const started = Date.now();
  return {
    start: (total) => bar.start(total, 0, { rate: 0 }),
    advance: (rows) => bar.increment(rows, { rate: Math.round(((bar.getProgress() * bar.getTotal()) / (Date.now() - started)) * 1000) }),
    stop: () => bar.stop(),
  };
}

const args = process.argv.slice(2);
if (args.length === 0) {
  process.stderr.write("usage: npm run import -- <dataset folder or its files>... (e.g. ../shared/data/hepth)\n");
  process.exit(1);
}
runIngestCommand("import", async (ingest) => {
  const datasets = resolveDatasets(args);
  for (const files of datasets) {
    const report = await importDataset(ingest, files, progressBar(files.dataset.name.padEnd(13)));
    process.stdout.write(
      [
        `${report.dataset}: ${report.papers} papers, ${report.authors} distinct authors, ${report.citationRows} citation rows, ` +
          `${report.resolvedRows} with both papers known, ${report.citations} citations written`,
        `  skipped: ${report.selfCitations} self-citations, ${report.danglingRows} rows naming ` +
          `${report.danglingIds} ids without a paper record (dangling; not stubbed), ${report.duplicateRows} duplicate rows`,
        `  in Neo4j under "${report.dataset}:": ${report.stored.papers} papers, ${report.stored.citations} citations`,
        `  ${report.seconds} s, ${report.rowsPerSecond} rows/s`,
        "",
      ].join("\n"),
    );
  }
});
