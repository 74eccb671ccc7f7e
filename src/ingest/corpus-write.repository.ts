// Cypher for importing a batch of records from any format: find the papers their identifiers already name (one
// index seek per identifier kind present), then write papers through the one paper writer, stubs for cited works
// not found, and CITES edges. The decisions between those steps (which node a record becomes, which fields it
// fills) are identity-plan.ts's; this file only reads and writes.
import type { Tx } from "../neo4j/database";
import { newPaperCountsSet } from "../neo4j/schema-setup";
import { IDENTIFIER_PROPERTY, IDENTIFIER_KINDS, IdentifierProperties } from "../papers/paper-identity";
import { PaperUpsert, writePapers } from "../papers/paper-write.repository";
import { writeCitations } from "./ingest.repository";

/** A paper found under an identifier: what the planner needs to merge into it. */
export interface FoundPaper {
  id: string;
  stub: boolean;
  hasAuthors: boolean;
  /** Stored fields and identifier properties, null when absent. */
  values: Record<string, unknown>;
}

/** The properties read back for merging: the descriptive fields and every identifier. */
export const MERGED_FIELDS = ["title", "abstract", "year", "venue", "url"] as const;
const READ_BACK = [...MERGED_FIELDS, ...IDENTIFIER_KINDS.map((k) => IDENTIFIER_PROPERTY[k])];

/** Paper properties a lookup may go by: the id, then each identifier kind's property (a fixed allow-list). */
export const LOOKUP_PROPERTIES = ["id", ...IDENTIFIER_KINDS.map((k) => IDENTIFIER_PROPERTY[k])];

const FIND_BY: Record<string, string> = Object.fromEntries(
  LOOKUP_PROPERTIES.map((property) => [
    property,
    `
UNWIND $values AS value
MATCH (p:Paper {${property}: value})
RETURN value, p.id AS id, p.stub = true AS stub, EXISTS { (p)<-[:AUTHORED]-(:Person) } AS hasAuthors,
       [k IN $props | p[k]] AS values`,
  ]),
);

// Taken first by every import batch: Neo4j holds the lock until commit, so two imports never decide on the same
// identifiers at once (the uniqueness constraints would otherwise fail the later one; docs/importing.md).
const LOCK_IMPORTS = `MERGE (l:ImportLock {name: "papers"}) SET l.lockedAt = timestamp()`;

// A new stub gets every stored count (zero) like any new paper; the citation batch then makes its CITES counts
// exact. Without them, the next start's migration filled in the rest, so an interrupted import run again differed.
const CREATE_STUBS = `
UNWIND $stubs AS s
MERGE (p:Paper {id: s.id})
  ON CREATE SET p += s.props, p.title = s.title, p.stub = true, ${newPaperCountsSet("p")}`;

export async function lockImports(tx: Tx): Promise<void> {
  await tx.run(LOCK_IMPORTS);
}

/** For each property, the papers holding one of the values: property → value → papers (usually one). */
export async function findPapers(tx: Tx, lookups: Map<string, Set<string>>): Promise<Map<string, Map<string, FoundPaper[]>>> {
  const found = new Map<string, Map<string, FoundPaper[]>>();
  for (const [property, values] of lookups) {
    const byValue = new Map<string, FoundPaper[]>();
    found.set(property, byValue);
    if (values.size === 0) continue;
    const rows = await tx.run(FIND_BY[property], { values: [...values], props: READ_BACK });
    for (const row of rows) {
      const values = Object.fromEntries(READ_BACK.map((k, i) => [k, (row.values as unknown[])[i] ?? null]));
      const paper = { id: row.id as string, stub: row.stub as boolean, hasAuthors: row.hasAuthors as boolean, values };
      byValue.set(row.value as string, [...(byValue.get(row.value as string) ?? []), paper]);
    }
  }
  return found;
}

export interface StubWrite {
  id: string;
  title: string;
  props: IdentifierProperties;
}

/** Papers through the one paper writer (their stub flag cleared). */
export async function importPapers(tx: Tx, papers: PaperUpsert[]): Promise<void> {
  if (papers.length > 0) await writePapers(tx, papers);
}

/** New stubs for cited works no stored paper is known by; an id taken meanwhile is left as it is. */
export async function createStubs(tx: Tx, stubs: StubWrite[]): Promise<void> {
  if (stubs.length > 0) await tx.run(CREATE_STUBS, { stubs });
}

/** CITES edges between stored papers; returns how many were new. */
export async function importCitations(tx: Tx, edges: Array<{ from: string; to: string }>): Promise<number> {
  return edges.length > 0 ? writeCitations(tx, edges) : 0;
}
