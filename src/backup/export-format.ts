// The export format (docs/backup.md): a folder with manifest.json and one JSON Lines file per node kind plus
// edges.jsonl, each node a line of its properties, each edge its type, its ends' keys and its properties. Values
// JSON has no type for keep a tag ({"$datetime": "..."}, {"$float": 1.5}), so a round trip restores them exactly.
import { existsSync } from "node:fs";
import path from "node:path";
import neo4j, { isDate, isDateTime, isInt, isLocalDateTime } from "neo4j-driver";
import { CITES_END_IDS, citesEndIdsSet } from "../neo4j/schema-setup";

export const EXPORT_FORMAT = "papers-graph-export";
export const EXPORT_VERSION = 1;
export const MANIFEST = "manifest.json";

/** The node kinds exported, each with its file and the property that keys it (Person: identity, else name). */
export const NODE_FILES = { Paper: "papers.jsonl", Person: "people.jsonl", Summary: "summaries.jsonl" } as const;
export type NodeLabel = keyof typeof NODE_FILES;
export const NODE_LABELS = Object.keys(NODE_FILES) as NodeLabel[];
export const EDGES_FILE = "edges.jsonl";

/** Every edge type of the model (README "Model") and the labels of its ends: a fixed allow-list. */
export const EDGE_ENDS = {
  CITES: ["Paper", "Paper"],
  SEE_ALSO: ["Paper", "Paper"],
  SUMMARIZES: ["Summary", "Paper"],
  MENTIONS: ["Summary", "Paper"],
  AUTHORED: ["Person", "Paper"],
  WROTE: ["Person", "Summary"],
  VOTED: ["Person", "Summary"],
} as const satisfies Record<string, readonly [NodeLabel, NodeLabel]>;
export type EdgeType = keyof typeof EDGE_ENDS;
export const EDGE_TYPES = Object.keys(EDGE_ENDS) as EdgeType[];

/**
 * Edge properties derived from the edge's ends, like an index: an export leaves out the `names`, a restore writes
 * them again with `set` (the SET items for edge `r` from `a` to `b`). The ends' ids a CITES edge carries
 * (src/neo4j/schema-setup.ts CITES_END_IDS).
 */
export const DERIVED_EDGE_PROPERTIES: Partial<Record<EdgeType, { names: readonly string[]; set: (r: string, a: string, b: string) => string }>> = {
  CITES: { names: CITES_END_IDS, set: citesEndIdsSet },
};

/**
 * Labels the export leaves out on purpose, as they hold no data: the importer's lock node
 * (src/ingest/corpus-write.repository.ts) and the claim of a generated sign-in secret on an external database
 * (src/auth/secret-claim.repository.ts), which belongs to the deployment: the first instance over a restored store
 * claims it for its own secret.
 */
export const INTERNAL_LABELS = ["ImportLock", "LocalSecretClaim"];

/** A JSON value as the files hold it. */
export type Encoded = null | string | number | boolean | Encoded[] | { $float: number } | { $datetime: string } | { $date: string } | { $localdatetime: string };
export type EncodedProperties = Record<string, Encoded>;

/** How an edge names a node: a paper's or summary's id; a person's identity (a signed-in writer) or name. */
export type NodeKey = string | { identity: string } | { name: string };

export interface ExportedEdge {
  type: EdgeType;
  from: NodeKey;
  to: NodeKey;
  properties: EncodedProperties;
}

export interface ExportCounts {
  nodes: Record<NodeLabel, number>;
  edges: Record<EdgeType, number>;
}

const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

/** Nodes, edges and both together of some counts. */
export function countTotals(counts: ExportCounts): { nodes: number; edges: number; all: number } {
  const nodes = sum(counts.nodes);
  const edges = sum(counts.edges);
  return { nodes, edges, all: nodes + edges };
}

export interface ExportManifest {
  format: typeof EXPORT_FORMAT;
  version: number;
  /** When the export's read transaction committed. */
  exportedAt: string;
  /** No transaction committed on the database while the export read it: the files are one point in time. */
  consistent: boolean;
  counts: ExportCounts;
}

export class ExportFormatError extends Error {}

export function isExportFolder(folder: string): boolean {
  return existsSync(path.join(folder, MANIFEST));
}

/** A Bolt value as the files hold it. Integers must fit a JavaScript number exactly (years, counts, votes do). */
export function encodeValue(value: unknown, where: string): Encoded {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") return { $float: value };
  if (Array.isArray(value)) return value.map((v) => encodeValue(v, where));
  if (isInt(value)) {
    if (!neo4j.integer.inSafeRange(value)) throw new ExportFormatError(`${where}: integer ${value.toString()} is outside the exportable range`);
    return value.toNumber();
  }
  if (isDateTime(value)) return { $datetime: value.toString() };
  if (isLocalDateTime(value)) return { $localdatetime: value.toString() };
  if (isDate(value)) return { $date: value.toString() };
  throw new ExportFormatError(`${where}: a value of a type the export format does not carry (${Object.prototype.toString.call(value)})`);
}

export function encodeProperties(props: Record<string, unknown>, where: string): EncodedProperties {
  return Object.fromEntries(Object.entries(props).map(([k, v]) => [k, encodeValue(v, `${where}.${k}`)]));
}

const DATE_TIME = /^(-?\d{4,})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2}(?::\d{2})?)?(?:\[([^\]]+)\])?$/;
const DATE = /^(-?\d{4,})-(\d{2})-(\d{2})$/;

function parseDateTime(text: string, where: string, local: boolean) {
  const m = DATE_TIME.exec(text);
  if (!m || (local && (m[8] || m[9])) || (!local && !m[8] && !m[9])) throw new ExportFormatError(`${where}: "${text}" is not a ${local ? "local " : ""}date-time`);
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number);
  const nanos = Number((m[7] ?? "").padEnd(9, "0"));
  if (local) return new neo4j.types.LocalDateTime(y, mo, d, h, mi, s, nanos);
  let offset: number | undefined;
  if (m[8]) {
    if (m[8] === "Z") offset = 0;
    else {
      const [oh, om, os = "0"] = m[8].slice(1).split(":");
      offset = (m[8][0] === "-" ? -1 : 1) * (Number(oh) * 3600 + Number(om) * 60 + Number(os));
    }
  }
  return new neo4j.types.DateTime(y, mo, d, h, mi, s, nanos, offset, m[9]);
}

/** A value read from the files, as a Bolt parameter of the type it was exported from. */
export function decodeValue(value: unknown, where: string): unknown {
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") return Number.isSafeInteger(value) ? neo4j.int(value) : value;
  if (Array.isArray(value)) return value.map((v) => decodeValue(v, where));
  if (typeof value === "object") {
    const [tag, inner] = Object.entries(value)[0] ?? [];
    if (Object.keys(value).length === 1) {
      if (tag === "$float" && typeof inner === "number") return inner;
      if (tag === "$datetime" && typeof inner === "string") return parseDateTime(inner, where, false);
      if (tag === "$localdatetime" && typeof inner === "string") return parseDateTime(inner, where, true);
      if (tag === "$date" && typeof inner === "string" && DATE.test(inner)) {
        const [y, mo, d] = inner.split(/(?<=\d)-/).map(Number);
        return new neo4j.types.Date(y, mo, d);
      }
    }
  }
  throw new ExportFormatError(`${where}: ${JSON.stringify(value)} is not a value of the export format`);
}

export function decodeProperties(props: unknown, where: string): Record<string, unknown> {
  if (typeof props !== "object" || props === null || Array.isArray(props)) throw new ExportFormatError(`${where}: properties must be an object`);
  return Object.fromEntries(Object.entries(props).map(([k, v]) => [k, decodeValue(v, `${where}.${k}`)]));
}

/** The key of a node of this label, from its properties: what edges.jsonl names it by. */
export function nodeKey(label: NodeLabel, props: Record<string, unknown>): NodeKey | null {
  if (label !== "Person") return typeof props.id === "string" ? props.id : null;
  if (typeof props.identity === "string") return { identity: props.identity };
  return typeof props.name === "string" ? { name: props.name } : null;
}
