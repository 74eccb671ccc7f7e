// `npm run export -- <folder>`: writes the whole graph of the running server's Neo4j (or the configured one, or the
// managed store, started for the run) into a new folder in the export format, which `npm run import -- <folder>`
// reads back. docs/backup.md.
import "reflect-metadata";
import { commandArgs } from "../cli-args";
import { runIngestCommand } from "../ingest/ingest-command";
import { progressBar } from "../ingest/progress-bar";
import { checkExportTarget, exportGraph } from "./export-graph";

const USAGE = "usage: npm run export -- <new folder>\n  e.g. npm run export -- backups/2026-11-30";
const { positionals } = commandArgs({ allowPositionals: true, strict: true }, USAGE);
if (positionals.length !== 1) {
  process.stderr.write(`${USAGE}\n`);
  process.exit(1);
}
const [folder] = positionals;

// A target that cannot be one is refused before Neo4j is started or read.
checkExportTarget(folder).then(
  () =>
    runIngestCommand("export", async (_ingest, db) => {
      const manifest = await exportGraph(db, folder, { progress: progressBar("export".padEnd(24)) });
      const { nodes, edges } = manifest.counts;
      process.stdout.write(
        `${folder}: ${nodes.Paper} papers, ${nodes.Person} people, ${nodes.Summary} summaries; ` +
          `${Object.entries(edges).map(([type, n]) => `${n} ${type}`).join(", ")}\n` +
          `  one point in time: the read transaction committed at ${manifest.exportedAt} with no write committed during it\n`,
      );
    }),
  (err: Error) => {
    process.stderr.write(`export failed: ${err.message}\n`);
    process.exit(1);
  },
);
