// Cypher for reading an export back: nodes merged by their key and given exactly the exported properties, edges
// merged between their ends and given theirs. Not the paper writer (upsertPapers), on purpose: that one decides
// (stub flag, provenance), a restore copies what was decided, timestamps included. Papers' stored counts are set
// again from their degrees by the importer (src/backup/restore-export.ts), as every writer of an edge does.
// Every statement is MERGE + SET =, so a batch written twice (an interrupted import run again) changes nothing.
import type { Tx } from "../neo4j/database";
import type { SharedIdentifier } from "../neo4j/schema-setup";
import { IDENTIFIER_PROPERTY } from "../papers/paper-identity";
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

// A value of one identifier that two papers hold: two rows of a batch (with different ids), or a row and a paper
// already stored. Each property is an index seek (its constraint, or its range index in a store that waits for it).
const SHARED_WITH = Object.fromEntries(
  Object.values(IDENTIFIER_PROPERTY).map((property) => [
    property,
    `UNWIND $rows AS row
WITH row.value AS value, collect(DISTINCT row.key) AS keys
OPTIONAL MATCH (p:Paper {${property}: value}) WHERE NOT p.id IN keys
WITH value, keys, collect(p.id) AS stored
WITH value, stored + keys AS papers WHERE size(papers) > 1
RETURN value, papers[..5] AS papers ORDER BY value LIMIT 1`,
  ]),
);

/**
 * Why a uniqueness constraint refused a batch of papers (rolled back, so none of it is stored): the first identifier
 * value two papers hold, with its holders' ids, the stored one first; null when none is found (a concurrent writer).
 */
export async function findSharedIdentifier(tx: Tx, rows: NodeRow[]): Promise<SharedIdentifier | null> {
  for (const [property, cypher] of Object.entries(SHARED_WITH)) {
    const values = rows.filter((r) => typeof r.props[property] === "string").map((r) => ({ key: r.key, value: r.props[property] }));
    if (values.length === 0) continue;
    const [row] = await tx.run(cypher, { rows: values });
    if (row) return { property, value: row.value as string, papers: row.papers as string[] };
  }
  return null;
}
