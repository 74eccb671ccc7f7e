// Reads an export folder back into Neo4j (npm run import of a folder with manifest.json): nodes first, then edges,
// in batches, each batch one transaction of MERGE + SET, so a run that was stopped (SIGINT at a batch boundary, or
// killed mid-batch, whose transaction Neo4j rolls back) and run again ends with the same graph. docs/backup.md.
import { createReadStream } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { createInterface } from "node:readline";
import type { Database } from "../neo4j/database";
import { CITATION_BATCH, PAPER_BATCH, type Progress } from "../ingest/corpus-import";
import {
  countTotals,
  decodeProperties,
  EDGE_ENDS,
  EdgeType,
  EDGE_TYPES,
  EDGES_FILE,
  EXPORT_FORMAT,
  EXPORT_VERSION,
  ExportFormatError,
  ExportManifest,
  MANIFEST,
  NODE_FILES,
  NODE_LABELS,
  NodeKey,
  nodeKey,
  NodeLabel,
} from "./export-format";
import { EdgeRow, findSharedIdentifier, KeyProperty, NodeRow, writeEdges, writeNodes } from "./graph-restore.repository";
import { COUNTS_OF_EDGE, refreshPaperCounts } from "../papers/paper-write.repository";
import type { PaperCount, SharedIdentifier } from "../neo4j/schema-setup";
import { IDENTIFIER_PROPERTY } from "../papers/paper-identity";
import { ValueTakenError } from "../neo4j/database-errors";

/** The stored paper counts an edge type changes; none for the types whose ends' counts no paper keeps. */
const COUNTS_CHANGED_BY: Partial<Record<EdgeType, readonly PaperCount[]>> = COUNTS_OF_EDGE;

// A restore copies what the export holds without looking for other holders of its values as it writes (the check
// before any write did: heldInStore): a uniqueness constraint's refusal then means a holder stored since, which
// another run would meet again, so the batch is not run again (Database.writeTransaction).
const COPIED = { lookedUp: false };

// Rows per transaction, as the corpus importer's batches (src/ingest/corpus-import.ts).
const NODE_BATCH = PAPER_BATCH;
const EDGE_BATCH = CITATION_BATCH;

/**
 * A batch of papers a uniqueness constraint refused, told by the value and its two holders: not a conflict that
 * passes, so running the import again fails the same way until one of them no longer holds it.
 */
export class SharedIdentifierError extends Error {
  /** `written`: the nodes of the batches before the refused one; null when the check before any write found it. */
  constructor(readonly shared: SharedIdentifier, written: number | null, readonly cause?: ValueTakenError) {
    const [first, second] = shared.papers.map((id) => JSON.stringify(id));
    super(
      `papers ${first} and ${second} both hold ${shared.property} ${JSON.stringify(shared.value)}, which one paper may hold: ` +
        `the store already had one of them; ${written === null ? "nothing was written" : `${written} nodes were written before this batch`}`,
    );
    this.name = "SharedIdentifierError";
  }
}

/** Rows per read of the check that looks the export's identifiers up in the store. */
const HELD_BATCH = 10_000;

/**
 * The first value of the export's identifiers that a stored paper of another id holds, with both papers (the stored
 * one first): the check before any write, so a restore into a store that has other papers stops before its first
 * batch rather than at the batch that meets the constraint. Index seeks, one per value.
 */
async function heldInStore(db: Database, held: HeldIdentifiers): Promise<SharedIdentifier | null> {
  for (const [property, values] of held) {
    const rows: NodeRow[] = [...values].map(([value, key]) => ({ key, props: { [property]: value } }));
    for (let i = 0; i < rows.length; i += HELD_BATCH) {
      const shared = await db.readTransaction((tx) => findSharedIdentifier(tx, rows.slice(i, i + HELD_BATCH)));
      if (shared) return shared;
    }
  }
  return null;
}

export interface RestoreReport {
  folder: string;
  exportedAt: string;
  nodes: number;
  edges: number;
  /** Edges whose ends were in no node file (a hand-edited export): not written. */
  edgesWithoutEnds: number;
  /** Stopped at a batch boundary by the signal: what was written stays, and running again finishes the import. */
  interrupted: boolean;
  seconds: number;
}

export interface RestoreOptions {
  progress?: Progress & { total?(n: number): void };
  /** Checked between batches: once aborted, the import stops after the batch being written. */
  signal?: AbortSignal;
}

export async function readManifest(folder: string): Promise<ExportManifest> {
  const file = path.join(folder, MANIFEST);
  let manifest: ExportManifest;
  try {
    manifest = JSON.parse(await readFile(file, "utf8")) as ExportManifest;
  } catch (err) {
    throw new ExportFormatError(`${file}: not readable as JSON (${(err as Error).message})`);
  }
  if (manifest?.format !== EXPORT_FORMAT) throw new ExportFormatError(`${file}: not a papers-graph export (format is not "${EXPORT_FORMAT}")`);
  if (manifest.version !== EXPORT_VERSION) throw new ExportFormatError(`${file}: export version ${manifest.version}; this importer reads version ${EXPORT_VERSION}`);
  // The counts are what the files are checked against before anything is written (checkFiles below).
  for (const [kind, names] of [["nodes", NODE_LABELS], ["edges", EDGE_TYPES]] as const) {
    for (const name of names) {
      const n = (manifest.counts as unknown as Record<string, Record<string, unknown>> | undefined)?.[kind]?.[name];
      if (!Number.isSafeInteger(n) || (n as number) < 0) throw new ExportFormatError(`${file}: no count of its ${name} ${kind} (counts.${kind}.${name})`);
    }
  }
  return manifest;
}

async function* jsonLines(file: string): AsyncGenerator<{ value: unknown; where: string }> {
  let n = 0;
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    n += 1;
    if (line.trim() === "") continue;
    const where = `${path.basename(file)}:${n}`;
    try {
      yield { value: JSON.parse(line), where };
    } catch (err) {
      if (err instanceof SyntaxError) throw new ExportFormatError(`${where}: not JSON (${err.message})`);
      throw err;
    }
  }
}

function keyParts(key: NodeKey, where: string): { property: KeyProperty; value: string } {
  if (typeof key === "string") return { property: "id", value: key };
  if (typeof key === "object" && key !== null) {
    if ("identity" in key && typeof key.identity === "string") return { property: "identity", value: key.identity };
    if ("name" in key && typeof key.name === "string") return { property: "name", value: key.name };
  }
  throw new ExportFormatError(`${where}: ${JSON.stringify(key)} names no node`);
}

type NodeItem = { property: KeyProperty; row: NodeRow };
type EdgeItem = { type: EdgeType; from: KeyProperty; to: KeyProperty; row: EdgeRow };

/** A node file's rows, each checked: its properties, its key. */
async function* nodeItems(folder: string, label: NodeLabel): AsyncGenerator<NodeItem> {
  for await (const { value, where } of jsonLines(path.join(folder, NODE_FILES[label]))) {
    const props = decodeProperties(value, where);
    const key = nodeKey(label, value as Record<string, unknown>);
    if (key === null) throw new ExportFormatError(`${where}: a ${label} without its key property`);
    const { property, value: keyValue } = keyParts(key, where);
    yield { property, row: { key: keyValue, props } };
  }
}

/** The edge file's rows, each checked: its type, its ends' kinds, its properties. */
async function* edgeItems(folder: string): AsyncGenerator<EdgeItem> {
  for await (const { value, where } of jsonLines(path.join(folder, EDGES_FILE))) {
    const edge = value as { type?: unknown; from?: NodeKey; to?: NodeKey; properties?: unknown };
    const type = edge.type as EdgeType;
    if (!EDGE_TYPES.includes(type)) throw new ExportFormatError(`${where}: unknown edge type ${JSON.stringify(edge.type)}`);
    const from = keyParts(edge.from as NodeKey, where);
    const to = keyParts(edge.to as NodeKey, where);
    const [fromLabel, toLabel] = EDGE_ENDS[type];
    const isPerson = (label: NodeLabel) => label === "Person";
    if (isPerson(fromLabel) !== (from.property !== "id") || isPerson(toLabel) !== (to.property !== "id")) {
      throw new ExportFormatError(`${where}: a ${type} edge goes from a ${fromLabel} to a ${toLabel}`);
    }
    yield { type, from: from.property, to: to.property, row: { from: from.value, to: to.value, props: decodeProperties(edge.properties ?? {}, where) } };
  }
}

/** Per identifier property (each has a uniqueness constraint), each value the export's papers hold and its paper. */
type HeldIdentifiers = Map<string, Map<unknown, string>>;

/**
 * A check of the papers' rows in file order: two papers holding one value of an identifier that has a uniqueness
 * constraint (a hand-edited export) are refused here, before anything is written, rather than by the constraint
 * partway through the writes. It holds one entry per value held: about a hundred bytes per identifier.
 */
function sharedIdentifiers(file: string, holders: HeldIdentifiers): (row: NodeRow) => void {
  return (row) => {
    for (const [property, held] of holders) {
      const value = row.props[property];
      if (value === undefined || value === null) continue;
      const other = held.get(value);
      if (other === undefined) held.set(value, row.key);
      else if (other !== row.key) {
        throw new ExportFormatError(
          `${file}: papers ${JSON.stringify(other)} and ${JSON.stringify(row.key)} both hold ${property} ${JSON.stringify(value)}, which one paper may hold: the export is damaged or hand-edited; nothing was written`,
        );
      }
    }
  };
}

/**
 * Reads every file once before anything is written, as the writing pass will read it, and holds each file's rows
 * to the manifest's counts: a damaged export (a row that is not JSON, a file cut short by an interrupted copy or a
 * full disk, at a line's end or not) is refused whole, and the store is left as it was. Returns the identifiers the
 * papers hold, for heldInStore.
 */
async function checkFiles(folder: string, manifest: ExportManifest, signal?: AbortSignal): Promise<HeldIdentifiers | "stopped"> {
  // Every identifier property has a uniqueness constraint (schema-setup.ts), as findSharedIdentifier reads them.
  const held: HeldIdentifiers = new Map(Object.values(IDENTIFIER_PROPERTY).map((property) => [property, new Map()]));
  const differs = (file: string, what: string, found: number, expected: number) =>
    new ExportFormatError(
      `${path.join(folder, file)}: ${found} ${what} where the manifest says ${expected}: the export is damaged or incomplete; nothing was written`,
    );
  for (const label of NODE_LABELS) {
    let n = 0;
    const shared = label === "Paper" ? sharedIdentifiers(path.join(folder, NODE_FILES[label]), held) : undefined;
    for await (const { row } of nodeItems(folder, label)) {
      shared?.(row);
      if (++n % 10_000 === 0 && signal?.aborted) return "stopped";
    }
    if (n !== manifest.counts.nodes[label]) throw differs(NODE_FILES[label], `${label} nodes`, n, manifest.counts.nodes[label]);
  }
  const edges = new Map<EdgeType, number>(EDGE_TYPES.map((t) => [t, 0]));
  let read = 0;
  for await (const { type } of edgeItems(folder)) {
    edges.set(type, edges.get(type)! + 1);
    if (++read % 10_000 === 0 && signal?.aborted) return "stopped";
  }
  for (const type of EDGE_TYPES) {
    if (edges.get(type) !== manifest.counts.edges[type]) throw differs(EDGES_FILE, `${type} edges`, edges.get(type)!, manifest.counts.edges[type]);
  }
  return held;
}

export async function restoreExport(db: Database, folder: string, options: RestoreOptions = {}): Promise<RestoreReport> {
  const started = process.hrtime.bigint();
  const manifest = await readManifest(folder);
  const report: RestoreReport = { folder, exportedAt: manifest.exportedAt, nodes: 0, edges: 0, edgesWithoutEnds: 0, interrupted: false, seconds: 0 };
  // Ctrl-C during the check stops the import before anything is written.
  const held = await checkFiles(folder, manifest, options.signal);
  if (held === "stopped") return { ...report, interrupted: true };
  const taken = await heldInStore(db, held);
  if (taken) throw new SharedIdentifierError(taken, null);
  options.progress?.total?.(countTotals(manifest.counts).all);
  // True once the signal has stopped the import with work left: set where a loop breaks off.
  let stopped = false;
  const stop = () => (stopped = options.signal?.aborted === true);

  try {
    for (const label of NODE_LABELS) {
      if (stop()) break;
      let batch: NodeItem[] = [];
      const flush = async () => {
        const pending = batch;
        batch = [];
        try {
          await db.writeTransaction(async (tx) => {
            for (const property of ["id", "identity", "name"] as const) {
              const rows = pending.filter((r) => r.property === property).map((r) => r.row);
              if (rows.length > 0) await writeNodes(tx, label, property, rows);
            }
            // A paper the store already had keeps the edges the export does not hold, so the exported counts it was
            // just given are made its degrees again. In an empty store that is 0 until the edge batches below count
            // its edges in, which gives the exported numbers back.
            if (label === "Paper") await refreshPaperCounts(tx, pending.map((r) => r.row.key));
          }, COPIED);
        } catch (err) {
          if (label !== "Paper" || !(err instanceof ValueTakenError)) throw err;
          const shared = await db.readTransaction((tx) => findSharedIdentifier(tx, pending.map((r) => r.row)));
          throw shared ? new SharedIdentifierError(shared, report.nodes, err) : err;
        }
        report.nodes += pending.length;
        options.progress?.advance(pending.length);
      };
      for await (const item of nodeItems(folder, label)) {
        batch.push(item);
        if (batch.length >= NODE_BATCH) {
          await flush();
          if (stop()) break;
        }
      }
      if (!stopped && batch.length > 0) await flush();
    }

    let batch: EdgeItem[] = [];
    const flush = async () => {
      const pending = batch;
      batch = [];
      const written = await db.writeTransaction(async (tx) => {
        const groups = new Map<string, typeof pending>();
        for (const e of pending) {
          const k = `${e.type}\t${e.from}\t${e.to}`;
          const group = groups.get(k);
          if (group) group.push(e);
          else groups.set(k, [e]);
        }
        let n = 0;
        // As every writer of an edge does: the paper ends' stored counts of the kinds written, from their degrees,
        // once for the batch (one sorted pass over its papers).
        const papers: string[] = [];
        const counts = new Set<PaperCount>();
        for (const group of groups.values()) {
          const { type, from, to } = group[0];
          n += await writeEdges(tx, type, from, to, group.map((e) => e.row));
          const changed = COUNTS_CHANGED_BY[type];
          if (!changed) continue;
          changed.forEach((c) => counts.add(c));
          const [fromLabel, toLabel] = EDGE_ENDS[type];
          for (const e of group) {
            if (fromLabel === "Paper") papers.push(e.row.from);
            if (toLabel === "Paper") papers.push(e.row.to);
          }
        }
        if (papers.length > 0) await refreshPaperCounts(tx, papers, [...counts]);
        return n;
      }, COPIED);
      report.edges += written;
      report.edgesWithoutEnds += pending.length - written;
      options.progress?.advance(pending.length);
    };
    if (!stop()) {
      for await (const item of edgeItems(folder)) {
        batch.push(item);
        if (batch.length >= EDGE_BATCH) {
          await flush();
          if (stop()) break;
        }
      }
      if (!stopped && batch.length > 0) await flush();
    }
  } finally {
    options.progress?.stop();
  }
  report.interrupted = stopped;
  report.seconds = Math.round(Number(process.hrtime.bigint() - started) / 1e8) / 10;
  return report;
}
