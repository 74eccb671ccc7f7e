// Cypher for reading an export back: nodes merged by their key and given exactly the exported properties, edges
// merged between their ends and given theirs. Not the paper writer (upsertPapers), on purpose: that one decides
// (stub flag, provenance), a restore copies what was decided, timestamps included. Papers' stored counts are set
// again from their degrees by the importer (src/backup/restore-export.ts), as every writer of an edge does.
// Every statement is MERGE + SET =, so a batch written twice (an interrupted import run again) changes nothing.
import type { Tx } from "../neo4j/database";
import { DERIVED_EDGE_PROPERTIES, EDGE_ENDS, EDGE_TYPES, EdgeType, NODE_LABELS, NodeLabel } from "./export-format";

/** How a node is found: by id, or a person by identity or name (each a uniqueness constraint). */
export type KeyProperty = "id" | "identity" | "name";

export interface NodeRow {
  key: string;
  props: Record<string, unknown>;
}

export interface EdgeRow {
  from: string;
  to: string;
  props: Record<string, unknown>;
}

// The edge's derived properties, which the export left out (DERIVED_EDGE_PROPERTIES), written again from its ends.
const derivedSet = (type: EdgeType) => {
  const derived = DERIVED_EDGE_PROPERTIES[type];
  return derived ? `\nSET ${derived.set("r", "a", "b")}` : "";
};

const KEYS_OF: Record<NodeLabel, KeyProperty[]> = { Paper: ["id"], Summary: ["id"], Person: ["identity", "name"] };

const WRITE_NODES = Object.fromEntries(
  NODE_LABELS.flatMap((label) =>
    KEYS_OF[label].map((key) => [`${label}.${key}`, `UNWIND $rows AS row MERGE (n:${label} {${key}: row.key}) SET n = row.props`]),
  ),
);

const WRITE_EDGES = Object.fromEntries(
  EDGE_TYPES.flatMap((type) => {
    const [from, to] = EDGE_ENDS[type];
    return KEYS_OF[from].flatMap((fromKey) =>
      KEYS_OF[to].map((toKey) => [
        `${type}.${fromKey}.${toKey}`,
        `UNWIND $rows AS row
MATCH (a:${from} {${fromKey}: row.from})
MATCH (b:${to} {${toKey}: row.to})
MERGE (a)-[r:${type}]->(b)
SET r = row.props${derivedSet(type)}
RETURN count(r) AS written`,
      ]),
    );
  }),
);

export async function writeNodes(tx: Tx, label: NodeLabel, key: KeyProperty, rows: NodeRow[]): Promise<void> {
  await tx.run(WRITE_NODES[`${label}.${key}`], { rows });
}

/** Returns how many of the rows found both ends. */
export async function writeEdges(tx: Tx, type: EdgeType, fromKey: KeyProperty, toKey: KeyProperty, rows: EdgeRow[]): Promise<number> {
  const [row] = await tx.run(WRITE_EDGES[`${type}.${fromKey}.${toKey}`], { rows });
  return row.written as number;
}
