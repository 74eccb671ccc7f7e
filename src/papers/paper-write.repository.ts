// Cypher for writing papers: the one paper writer (upsertPapers, used by the upsertPaper mutation and by the
// importer and seed), and adding and removing CITES and SEE_ALSO edges. Each method is one write transaction; edge
// writes first lock both endpoints, so concurrent identical adds leave one edge.
import type { Database, Tx } from "../neo4j/database";
import { int } from "../neo4j/values";
import { ALL_PAPER_COUNTS, citesEndIdsSet, newPaperCountsSet, PaperCount, paperCountsSet } from "../neo4j/schema-setup";
import { mergeIdentity, Writer } from "../people/identity.repository";
import type { IdentifierProperties } from "./paper-identity";
import { doiKey, doiOfPaperId } from "./paper-ids";
import { PAPER_PROPERTIES, paperFromValues, PaperRecord, paperValues } from "./paper.record";

/**
 * One paper to write. The rule, the same for every writer: a property that is undefined is left as it is, null
 * removes it; the byline is replaced (authors not in the list lose their AUTHORED edge, the others get their new
 * position; a name given twice keeps its first) when `authors` is given, and left as it is when not. The paper
 * stops being a stub.
 */
export interface PaperUpsert {
  id: string;
  title: string;
  abstract?: string | null;
  year?: number | null;
  venue?: string | null;
  url?: string | null;
  arxivId?: string | null;
  doi?: string | null;
  /** When given, replaces the byline. */
  authors?: string[] | null;
  /** Identifiers other than arxivId and doi (openalexId, s2Id, ...; see paper-identity.ts), set when given. */
  identifiers?: IdentifierProperties;
}

/**
 * upsertPaper's outcome: the paper as stored; or the paper that already holds the arXiv id or DOI it was given; or,
 * for a paper named doi:<DOI> written without a DOI, the other DOI it holds (`named` is the one its id names).
 */
export type PaperWrite =
  | { paper: PaperRecord }
  | { taken: { field: "arxivId" | "doi"; by: string } }
  | { doiConflict: { named: string; stored: string } };

export type EdgeType = "CITES" | "SEE_ALSO";

export type EdgeWrite = { missing: Array<"from" | "to"> } | { missing: []; changed: boolean };

// Neo4j takes a node's write lock when a property is set and holds it until commit. MERGE on a relationship is
// not protected by any uniqueness constraint, so two transactions could both see "no edge" and both create one;
// writing to both endpoints first makes the second wait until the first has committed, then its MERGE sees the
// edge. Ids are locked in sorted order so that a->b and b->a cannot deadlock. Returns the ids that exist.
const LOCK_PAPERS = `
UNWIND $ids AS id
MATCH (p:Paper {id: id})
SET p.__lock = true
REMOVE p.__lock
RETURN p.id AS id`;

// One row per paper; the byline subqueries run for the rows that carry authors. Every step is a MERGE or a SET of
// the same values, so writing the same batch again changes nothing.
// $by: the identity key of an API write (provenance), null for the importer and the seed, which record none.
const UPSERT_PAPERS = `
UNWIND $papers AS row
MERGE (p:Paper {id: row.id})
  ON CREATE SET ${newPaperCountsSet("p")}, p.createdBy = $by, p.createdAt = CASE WHEN $by IS NULL THEN null ELSE datetime() END
  ON MATCH SET p.updatedBy = coalesce($by, p.updatedBy), p.updatedAt = CASE WHEN $by IS NULL THEN p.updatedAt ELSE datetime() END
SET p += row.props, p.stub = false
WITH p, row WHERE row.authors IS NOT NULL
CALL (p, row) {
  MATCH (a:Person)-[old:AUTHORED]->(p) WHERE NOT a.name IN row.authors
  DELETE old
}
CALL (p, row) {
  UNWIND range(0, size(row.authors) - 1) AS i
  MERGE (a:Person {name: row.authors[i]})
  MERGE (a)-[w:AUTHORED]->(p)
  SET w.position = i
}`;

// The other papers that hold the arXiv id or DOI a write gives one (each by its own index; null finds none).
const IDENTIFIER_HOLDERS = `
RETURN COLLECT { MATCH (o:Paper {arxivId: $arxivId}) WHERE o.id <> $id RETURN o.id ORDER BY o.id } AS arxivId,
       COLLECT { MATCH (o:Paper {doi: $doi}) WHERE o.id <> $id RETURN o.id ORDER BY o.id } AS doi`;

const STORED_DOI = `
MATCH (p:Paper {id: $id})
RETURN p.doi AS doi`;

const READ_PAPER = `
MATCH (p:Paper {id: $id})
RETURN ${paperValues("p", PAPER_PROPERTIES)} AS paper`;

// The edge type comes from the EdgeType allow-list above, never from user input. A curator's SEE_ALSO has no
// source, so editing or deleting a summary (which removes the edges that summary's text made) leaves it alone.
const ADD_EDGE: Record<EdgeType, string> = {
  CITES: `
MATCH (a:Paper {id: $from}), (b:Paper {id: $to})
WITH a, b, COUNT { (a)-[:CITES]->(b) } AS before
MERGE (a)-[c:CITES]->(b)
  ON CREATE SET c.createdBy = $by, c.createdAt = datetime()
SET ${citesEndIdsSet("c", "a", "b")}
RETURN before = 0 AS changed`,
  SEE_ALSO: `
MATCH (a:Paper {id: $from}), (b:Paper {id: $to})
WITH a, b, COUNT { (a)-[:SEE_ALSO]->(b) } AS before
MERGE (a)-[s:SEE_ALSO]->(b)
  ON CREATE SET s.createdBy = $by, s.createdAt = datetime()
  ON MATCH SET s.updatedBy = $by, s.updatedAt = datetime()
SET s.note = $note, s.source = null
RETURN before = 0 AS changed`,
};

const REMOVE_EDGE: Record<EdgeType, string> = {
  CITES: `
MATCH (:Paper {id: $from})-[r:CITES]->(:Paper {id: $to})
DELETE r
RETURN count(*) > 0 AS changed`,
  SEE_ALSO: `
MATCH (:Paper {id: $from})-[r:SEE_ALSO]->(:Paper {id: $to})
DELETE r
RETURN count(*) > 0 AS changed`,
};

// Locks each paper first, so no other transaction changes its degrees until this one commits, then reads them.
const refreshCountsCypher = (counts: readonly PaperCount[]) => `
UNWIND $ids AS id
MATCH (p:Paper {id: id})
SET p.__lock = true
REMOVE p.__lock
SET ${paperCountsSet("p", counts)}`;

/** The counts an edge kind changes: the importer refreshes only those (a citation batch touches thousands of papers). */
export const COUNTS_OF_EDGE: Record<"CITES" | "SEE_ALSO" | "SUMMARIZES", readonly PaperCount[]> = {
  CITES: ["citationCount", "referenceCount"],
  SEE_ALSO: ["seeAlsoCount"],
  SUMMARIZES: ["summaryCount"],
};

/**
 * Makes the stored counts of the given papers exact again (all four, or those named); every writer of an edge calls
 * it in the transaction that wrote the edge, with both ends. Reading the degrees (instead of adding one) keeps a
 * retried transaction right.
 */
export async function refreshPaperCounts(tx: Tx, ids: Iterable<string>, counts: readonly PaperCount[] = ALL_PAPER_COUNTS): Promise<void> {
  await tx.run(refreshCountsCypher(counts), { ids: [...new Set(ids)].sort() });
}

/** The one paper writer, inside a transaction the caller holds (the importer's batch). */
export async function writePapers(tx: Tx, papers: readonly PaperUpsert[]): Promise<void> {
  await tx.run(UPSERT_PAPERS, { papers: papers.map(toRow), by: null });
}

/** Locks the given papers (sorted, so concurrent writers lock in the same order) and returns those that exist. */
export async function lockPapers(tx: Tx, ids: string[]): Promise<Set<string>> {
  const rows = await tx.run(LOCK_PAPERS, { ids: [...new Set(ids)].sort() });
  return new Set(rows.map((r) => r.id as string));
}

export class PaperWriteRepository {
  constructor(private readonly db: Database) {}

  /** Writes a batch of papers in one statement (see PaperUpsert for the rule). */
  async upsertPapers(papers: readonly PaperUpsert[]): Promise<void> {
    await this.db.writeTransaction((tx) => writePapers(tx, papers));
  }

  /**
   * Writes one paper and reads it back, in one transaction; the writer (if any) is recorded as its provenance. An
   * arXiv id or DOI that another paper holds is refused, and nothing is written: one node per paper, which is how
   * every lookup by those ids reads them (two holders would make paper(id:), papers(ids:) and the graph's seeds
   * disagree). Two concurrent writes of one new id to two papers both pass this look; the uniqueness constraint
   * refuses the second's write, and its transaction, run again (Database.writeTransaction), answers "taken".
   *
   * A paper named doi:<DOI> (doiOfPaperId) written with `doi` left out gets the DOI its id names when it holds none
   * (lookups find it by its id only then); one holding another DOI is refused, nothing written, rather than have
   * that DOI replaced unasked. A `doi` given is written as any field is (PaperInput's check keeps it the id's).
   */
  upsertPaper(input: PaperUpsert, writer: Writer | null = null): Promise<PaperWrite> {
    return this.db.writeTransaction(async (tx) => {
      const named = input.doi === undefined ? doiOfPaperId(input.id) : null;
      if (named !== null) {
        // Locked first, so no other write changes the DOI between this read and this transaction's own write.
        await lockPapers(tx, [input.id]);
        const [row] = await tx.run(STORED_DOI, { id: input.id });
        const stored = (row?.doi as string | null | undefined) ?? null;
        if (stored !== null && doiKey(stored) !== named) return { doiConflict: { named, stored } };
      }
      const paper = named === null ? input : { ...input, doi: named };
      if (paper.arxivId || paper.doi) {
        const [held] = await tx.run(IDENTIFIER_HOLDERS, { id: paper.id, arxivId: paper.arxivId ?? null, doi: paper.doi ? doiKey(paper.doi) : null });
        for (const field of ["arxivId", "doi"] as const) {
          const by = (held[field] as string[])[0];
          if (by !== undefined) return { taken: { field, by } };
        }
      }
      if (writer) await mergeIdentity(tx, writer);
      await tx.run(UPSERT_PAPERS, { papers: [toRow(paper)], by: writer?.identity ?? null });
      const [row] = await tx.run(READ_PAPER, { id: paper.id });
      return { paper: paperFromValues(row.paper, PAPER_PROPERTIES) };
    });
  }

  /** Adds the edge unless it exists. Nothing is written when an endpoint is missing. */
  addEdge(type: EdgeType, from: string, to: string, writer: Writer, note: string | null = null): Promise<EdgeWrite> {
    return this.db.writeTransaction(async (tx) => {
      const found = await lockPapers(tx, [from, to]);
      const missing = missingEnds(found, from, to);
      if (missing.length > 0) return { missing };
      await mergeIdentity(tx, writer);
      const [row] = await tx.run(ADD_EDGE[type], { from, to, note, by: writer.identity });
      await refreshPaperCounts(tx, [from, to]);
      return { missing: [], changed: row.changed as boolean };
    });
  }

  removeEdge(type: EdgeType, from: string, to: string): Promise<EdgeWrite> {
    return this.db.writeTransaction(async (tx) => {
      const found = await lockPapers(tx, [from, to]);
      const missing = missingEnds(found, from, to);
      if (missing.length > 0) return { missing };
      const [row] = await tx.run(REMOVE_EDGE[type], { from, to });
      await refreshPaperCounts(tx, [from, to]);
      return { missing: [], changed: row.changed as boolean };
    });
  }
}

/** A paper as UNWIND $papers reads it: the properties to set (or remove, when null) and the byline, if any. */
function toRow({ id, authors, identifiers, ...fields }: PaperUpsert) {
  const props: Record<string, unknown> = { ...identifiers };
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    props[key] = value === null ? null : key === "year" ? int(value as number) : key === "doi" ? doiKey(value as string) : value;
  }
  // A name twice in one byline (AAN's L08-1510 lists Claire Waast-Richard 5th and 8th) is one AUTHORED edge, at its
  // first place (names after a repeat move up one); UPSERT_PAPERS's SET would otherwise leave it at its last.
  return { id, props, authors: authors ? [...new Set(authors)] : null };
}

function missingEnds(found: Set<string>, from: string, to: string): Array<"from" | "to"> {
  return (["from", "to"] as const).filter((end) => !found.has(end === "from" ? from : to));
}
