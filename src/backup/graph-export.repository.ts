// Cypher for reading the whole graph for an export, inside the export's one streaming read transaction: every node
// of the exported kinds with all its properties, every edge of the model's types with its ends' keys, and the
// counts that tell whether anything was left out. Rows leave here in the export's encoding (export-format.ts).
import type { StreamTx } from "../neo4j/database";
import {
  DERIVED_EDGE_PROPERTIES,
  EDGE_ENDS,
  EDGE_TYPES,
  EdgeType,
  encodeProperties,
  EncodedProperties,
  ExportCounts,
  ExportedEdge,
  INTERNAL_LABELS,
  NODE_LABELS,
  NodeLabel,
} from "./export-format";

// A person is named by identity when signed in, else by name (both unique: src/neo4j/schema-setup.ts).
const keyOf = (label: NodeLabel, n: string) =>
  label === "Person" ? `CASE WHEN ${n}.identity IS NOT NULL THEN {identity: ${n}.identity} ELSE {name: ${n}.name} END` : `${n}.id`;

const READ_NODES: Record<NodeLabel, string> = Object.fromEntries(
  NODE_LABELS.map((label) => [label, `MATCH (n:${label}) RETURN properties(n) AS props`]),
) as Record<NodeLabel, string>;

const READ_EDGES: Record<EdgeType, string> = Object.fromEntries(
  EDGE_TYPES.map((type) => {
    const [from, to] = EDGE_ENDS[type];
    return [type, `MATCH (a:${from})-[r:${type}]->(b:${to}) RETURN ${keyOf(from, "a")} AS from, ${keyOf(to, "b")} AS to, properties(r) AS props`];
  }),
) as Record<EdgeType, string>;

// Read from Neo4j's count store: cheap at any size. `others` are nodes and edges the export format has no place for.
const COUNT_ALL = `
CALL () { MATCH (n) WHERE NOT any(l IN labels(n) WHERE l IN $internal) RETURN count(n) AS nodes }
CALL () { MATCH ()-[r]->() RETURN count(r) AS edges }
RETURN nodes, edges, ${NODE_LABELS.map((l) => `COUNT { (:${l}) } AS ${l}`).join(", ")},
       ${EDGE_TYPES.map((t) => `COUNT { ()-[:${t}]->() } AS ${t}`).join(", ")}`;

const num = (v: unknown) => (typeof v === "number" ? v : (v as { toNumber(): number }).toNumber());

/** What the store holds, by exported kind, and in all (to find what no kind covers). */
export async function countGraph(tx: StreamTx): Promise<ExportCounts & { allNodes: number; allEdges: number }> {
  for await (const record of tx.stream(COUNT_ALL, { internal: INTERNAL_LABELS })) {
    const row = record.toObject();
    return {
      allNodes: num(row.nodes),
      allEdges: num(row.edges),
      nodes: Object.fromEntries(NODE_LABELS.map((l) => [l, num(row[l])])) as ExportCounts["nodes"],
      edges: Object.fromEntries(EDGE_TYPES.map((t) => [t, num(row[t])])) as ExportCounts["edges"],
    };
  }
  throw new Error("the count query returned no row");
}

/** Every node of the label, as its encoded properties, in no particular order. */
export async function* readNodes(tx: StreamTx, label: NodeLabel): AsyncGenerator<EncodedProperties> {
  for await (const record of tx.stream(READ_NODES[label])) {
    const props = record.toObject().props as Record<string, unknown>;
    yield encodeProperties(props, `${label} ${String(props.id ?? props.identity ?? props.name)}`);
  }
}

function withoutDerived(type: EdgeType, props: Record<string, unknown>): Record<string, unknown> {
  const derived = DERIVED_EDGE_PROPERTIES[type]?.names;
  return derived ? Object.fromEntries(Object.entries(props).filter(([k]) => !derived.includes(k))) : props;
}

/** Every edge of the type between nodes of its ends' labels, without derived properties. */
export async function* readEdges(tx: StreamTx, type: EdgeType): AsyncGenerator<ExportedEdge> {
  for await (const record of tx.stream(READ_EDGES[type])) {
    const row = record.toObject();
    const from = row.from as ExportedEdge["from"];
    const to = row.to as ExportedEdge["to"];
    const props = withoutDerived(type, row.props as Record<string, unknown>);
    yield { type, from, to, properties: encodeProperties(props, `${type} ${JSON.stringify(from)}->${JSON.stringify(to)}`) };
  }
}
