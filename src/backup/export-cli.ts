// `npm run export -- <folder>`: writes the whole graph of the running server's Neo4j (or the configured one, or the
// managed store, started for the run) into a new folder in the export format, which `npm run import -- <folder>`
// reads back. docs/backup.md.
import "reflect-metadata";
import { parseArgs } from "node:util";
import { runIngestCommand } from "../ingest/ingest-command";
import { progressBar } from "../ingest/progress-bar";
import { exportGraph } from "./export-graph";

const { positionals } = parseArgs({ allowPositionals: true, strict: true });
if (positionals.length !== 1) {
  process.stderr.write("usage: npm run export -- <new folder>\n  e.g. npm run export -- backups/2026-11-30\n");
  process.exit(1);
}
const [folder] = positionals;

runIngestCommand("export", async (_ingest, db) => {
  const manifest = await exportGraph(db, folder, { progress: progressBar("export".padEnd(24)) });
  const { nodes, edges } = manifest.counts;
  process.stdout.write(
    `${folder}: ${nodes.Paper} papers, ${nodes.Person} people, ${nodes.Summary} summaries; ` +
      `${Object.entries(edges).map(([type, n]) => `${n} ${type}`).join(", ")}\n` +
      `  one point in time: the read transaction committed at ${manifest.exportedAt} with no write committed during it\n`,
  );
});
