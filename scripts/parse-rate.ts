// Measures how fast each import format parses (records per second, no database): every input is read in full,
// once to warm up and then again until at least a second has passed. Numbers go to docs/importing-formats.md.
// Run: npx tsc -p tsconfig.build.json && node dist/scripts/parse-rate.js [file or folder]...
import { statSync } from "node:fs";
import path from "node:path";
import { openImportFile } from "../src/ingest/formats";

/** The real samples in ../shared/data, the CSL-JSON fixture and the largest bundled dataset; paths from the repo root. */
const DEFAULT_INPUTS = [
  "../shared/data/formats/openalex-snowball/cited_json__results_page_1.json",
  "../shared/data/formats/s2-graph-api-paper/Paper.json.gz",
  "../shared/data/formats/s2ag-samples/papers__papers-sample.jsonl",
  "../shared/data/formats/s2ag-samples/citations__citations-sample.jsonl",
  "../shared/data/formats/bibtex-zotero/My Library.bib",
  "test/fixtures/formats/zotero-export.csl.json",
  "../shared/data/hepth",
];

async function readAll(file: string): Promise<{ format: string; counts: Record<string, number> }> {
  const opened = await openImportFile(file);
  const counts: Record<string, number> = {};
  for await (const item of opened.items) counts[item.kind] = (counts[item.kind] ?? 0) + 1;
  return { format: opened.format, counts };
}

async function main() {
  const inputs = process.argv.length > 2 ? process.argv.slice(2) : DEFAULT_INPUTS;
  for (const file of inputs) {
    await readAll(file); // warm-up: module loading, JIT
    let runs = 0;
    let result = await readAll(file);
    const started = process.hrtime.bigint();
    const cpuStarted = process.cpuUsage();
    let seconds = 0;
    while (seconds < 1) {
      result = await readAll(file);
      runs += 1;
      seconds = Number(process.hrtime.bigint() - started) / 1e9;
    }
    // CPU time as well as wall time: on a shared machine the wall clock also counts other processes' turns.
    const cpu = process.cpuUsage(cpuStarted);
    const cpuPerRun = (cpu.user + cpu.system) / 1e6 / runs;
    const records = (result.counts.paper ?? 0) + (result.counts.citation ?? 0);
    const perRun = seconds / runs;
    const bytes = statSync(file).isDirectory() ? undefined : statSync(file).size;
    process.stdout.write(
      `${path.basename(file)} [${result.format}] ${JSON.stringify(result.counts)}${bytes ? `, ${(bytes / 1e3).toFixed(0)} kB` : ""}: ` +
        `${(perRun * 1000).toFixed(1)} ms per read (${runs} runs), ${(cpuPerRun * 1000).toFixed(1)} ms CPU; ` +
        `${Math.round(records / perRun)} records/s, ${Math.round(records / cpuPerRun)} records per CPU-second\n`,
    );
  }
}

main().catch((err) => {
  process.stderr.write(`${err?.message ?? err}\n`);
  process.exit(1);
});
