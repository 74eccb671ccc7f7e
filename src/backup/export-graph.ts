// Writes the whole graph to a folder in the export format, from one read transaction, streamed to the files. The
// export is checked to be complete (every node and edge of the store is in a file) and, by Neo4j's bookmarks, to be
// one point in time; a write that committed during the export makes it start again (docs/backup.md#export).
import { createWriteStream, WriteStream } from "node:fs";
import { mkdir, readdir, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { once } from "node:events";
import type { Database } from "../neo4j/database";
import type { Progress } from "../ingest/corpus-import";
import { countGraph, readEdges, readNodes } from "./graph-export.repository";
import { countTotals, EDGE_TYPES, EDGES_FILE, EXPORT_FORMAT, EXPORT_VERSION, ExportCounts, ExportManifest, MANIFEST, NODE_FILES, NODE_LABELS } from "./export-format";

export interface ExportOptions {
  /** Told the total once it is counted, then advanced as lines are written. */
  progress?: Progress & { total?(n: number): void };
  /** How many times to read again when writes committed during the export; 0: keep an inconsistent export. */
  retries?: number;
}

export class ExportError extends Error {}

const DEFAULT_RETRIES = 3;

async function writeLine(out: WriteStream, value: unknown): Promise<void> {
  if (!out.write(`${JSON.stringify(value)}\n`)) await once(out, "drain");
}

async function close(out: WriteStream): Promise<void> {
  out.end();
  await once(out, "finish");
}

/** Writes `rows` to `out`, one JSON line each, reporting progress by the thousand; returns how many. */
async function copyRows(rows: AsyncIterable<unknown>, out: WriteStream, progress: ExportOptions["progress"]): Promise<number> {
  let n = 0;
  for await (const row of rows) {
    await writeLine(out, row);
    n += 1;
    if (n % 1000 === 0) progress?.advance(1000);
  }
  progress?.advance(n % 1000);
  return n;
}

/** One attempt: the files in `dir`, and whether no transaction committed meanwhile. */
async function exportOnce(db: Database, dir: string, progress: ExportOptions["progress"]): Promise<{ counts: ExportCounts; unchanged: boolean }> {
  const { value: counts, unchanged } = await db.readStream(async (tx) => {
    const stored = await countGraph(tx);
    progress?.total?.(countTotals(stored).all);
    const written: ExportCounts = { nodes: { Paper: 0, Person: 0, Summary: 0 }, edges: Object.fromEntries(EDGE_TYPES.map((t) => [t, 0])) as ExportCounts["edges"] };
    for (const label of NODE_LABELS) {
      const out = createWriteStream(path.join(dir, NODE_FILES[label]));
      written.nodes[label] = await copyRows(readNodes(tx, label), out, progress);
      await close(out);
    }
    const out = createWriteStream(path.join(dir, EDGES_FILE));
    for (const type of EDGE_TYPES) written.edges[type] = await copyRows(readEdges(tx, type), out, progress);
    await close(out);
    const { nodes, edges } = countTotals(written);
    if (nodes !== stored.allNodes || edges !== stored.allEdges) {
      throw new ExportError(
        `the store holds ${stored.allNodes} nodes and ${stored.allEdges} edges, the export format carries ${nodes} and ${edges}: ` +
          `labels or edge types outside the model (README "Model") are not exported`,
      );
    }
    return written;
  });
  return { counts, unchanged };
}

/**
 * Refuses a target that is there and is no folder (a file, say) before anything is read: the export would otherwise
 * run to its end and fail when it renames its work into place. `npm run export` checks it before it connects.
 */
export async function checkExportTarget(folder: string): Promise<void> {
  const target = path.resolve(folder);
  const found = await stat(target).catch(() => null);
  if (found && !found.isDirectory()) throw new ExportError(`${target} is there and is not a folder: export into a new folder`);
}

/**
 * Exports into `folder` (created; must be empty or missing). The files are written to a temporary folder beside it
 * and renamed into place once complete, so an interrupted export leaves no folder that looks finished.
 */
export async function exportGraph(db: Database, folder: string, options: ExportOptions = {}): Promise<ExportManifest> {
  const target = path.resolve(folder);
  await checkExportTarget(target);
  const existing = await readdir(target).catch(() => null);
  if (existing && existing.length > 0) throw new ExportError(`${target} is not empty: export into a new folder`);
  const work = `${target}.partial-${process.pid}`;
  const retries = options.retries ?? DEFAULT_RETRIES;
  try {
    for (let attempt = 0; ; attempt++) {
      await rm(work, { recursive: true, force: true });
      await mkdir(work, { recursive: true });
      const { counts, unchanged } = await exportOnce(db, work, options.progress);
      if (unchanged || attempt >= retries) {
        if (!unchanged && retries > 0) {
          throw new ExportError(`writes kept committing during the export (${attempt + 1} attempts): stop the writers, or back up the stopped store (npm run backup)`);
        }
        const manifest: ExportManifest = { format: EXPORT_FORMAT, version: EXPORT_VERSION, exportedAt: new Date().toISOString(), consistent: unchanged, counts };
        await writeFile(path.join(work, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
        if (existing) await rm(target, { recursive: true });
        await mkdir(path.dirname(target), { recursive: true });
        await rename(work, target);
        return manifest;
      }
    }
  } finally {
    options.progress?.stop();
    await rm(work, { recursive: true, force: true });
  }
}
