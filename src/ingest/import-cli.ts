// `npm run import -- <file or folder>... [--format X]`: imports bibliographic files of any known format (or the
// bundled dataset folders) into the running server's Neo4j, the configured one, or a managed one started for the
// run, with a progress bar, then prints a report per file. Safe to run again; see corpus-import.ts.
import "reflect-metadata";
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { commandArgs } from "../cli-args";
import { importFile } from "./corpus-import";
import { describeImport, describeRestore } from "./import-report";
import { progressBar } from "./progress-bar";
import { isExportFolder } from "../backup/export-format";
import { restoreExport } from "../backup/restore-export";
import { IMPORT_FORMATS, ImportFormat, ImportFormatError } from "./formats/import-record";
import { DATASET_CITATIONS, DATASET_PAPERS, isDatasetFolder } from "./formats/dataset-folder";
import { runIngestCommand } from "./ingest-command";

const USAGE = `usage: npm run import -- <file or folder>... [--format ${IMPORT_FORMATS.join("|")}]
  e.g. npm run import -- ../shared/data/hepth works.jsonl.gz "My Library.bib"`;

/**
 * What to import: a dataset folder (or its papers/citations files) as the folder; another folder as each file in
 * it; a file as itself. Files found in a folder may be in no known format (a README): those are reported, not fatal.
 * Read before Neo4j is started or connected to, so that a path that is not there, or a folder with nothing to import
 * in it (only folders: they are not walked into), is refused at once with its sentence.
 */
function importTargets(args: string[]): Array<{ path: string; explicit: boolean }> {
  const seen = new Set<string>();
  const out: Array<{ path: string; explicit: boolean }> = [];
  const add = (p: string, explicit: boolean) => {
    if (!seen.has(p)) out.push({ path: p, explicit });
    seen.add(p);
  };
  for (const arg of args.map((a) => path.resolve(a))) {
    const dir = path.dirname(arg);
    const stat = statSync(arg, { throwIfNoEntry: false });
    if ([DATASET_PAPERS, DATASET_CITATIONS].includes(path.basename(arg)) && isDatasetFolder(dir)) add(dir, true);
    else if (!stat) throw new Error(`${arg}: no such file or folder`);
    else if (stat.isDirectory() && !isDatasetFolder(arg) && !isExportFolder(arg)) {
      // An entry that cannot be read as a file (a broken link, a folder) is not one to import.
      const files = readdirSync(arg)
        .sort()
        .filter((name) => statSync(path.join(arg, name), { throwIfNoEntry: false })?.isFile());
      if (files.length === 0) {
        throw new Error(`nothing to import in ${arg}: it holds no files (folders in it are not read; name them instead)`);
      }
      for (const name of files) add(path.join(arg, name), false);
    } else add(arg, true);
  }
  return out;
}

const { values, positionals } = commandArgs({ options: { format: { type: "string" } }, allowPositionals: true, strict: true }, USAGE);
const format = values.format as ImportFormat | undefined;
if (positionals.length === 0 || (format !== undefined && !IMPORT_FORMATS.includes(format))) {
  process.stderr.write(`${USAGE}\n`);
  process.exit(1);
}
// The first Ctrl-C (SIGINT) stops the import at the end of the batch being written, which commits; a second one
// ends the process at once (Neo4j rolls the open batch back). Either way, running the same command again finishes
// the import with the same graph as one uninterrupted run (docs/importing.md#interrupted-imports).
const interrupt = new AbortController();
process.on("SIGINT", () => {
  if (interrupt.signal.aborted) process.exit(130);
  process.stderr.write("\ninterrupted: stopping after the batch being written (Ctrl-C again to stop at once)\n");
  interrupt.abort();
});

let targets: ReturnType<typeof importTargets>;
try {
  targets = importTargets(positionals);
} catch (err) {
  process.stderr.write(`import failed: ${(err as Error).message}\n`);
  process.exit(1);
}

runIngestCommand("import", async (_ingest, db) => {
  for (const target of targets) {
    if (interrupt.signal.aborted) break;
    const progress = progressBar(path.basename(target.path).slice(0, 24).padEnd(24));
    try {
      if (isExportFolder(target.path)) {
        process.stdout.write(describeRestore(await restoreExport(db, target.path, { progress, signal: interrupt.signal })));
        continue;
      }
      process.stdout.write(describeImport(await importFile(db, target.path, { format, progress, signal: interrupt.signal })));
    } catch (err) {
      progress.stop();
      if (target.explicit || !(err instanceof ImportFormatError)) throw err;
      process.stdout.write(`${err.message}: not imported\n\n`);
    }
  }
  if (interrupt.signal.aborted) {
    process.stderr.write("import interrupted at a batch boundary: what was written stays; run the same command again to finish\n");
    process.exitCode = 130;
  }
});
