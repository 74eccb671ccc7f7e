// Constraints, indexes and the derived properties of papers, created or brought up to date idempotently at every
// start. The one place outside repositories with Cypher: it describes the database's shape, not a query of the domain.
import { IDENTIFIER_PROPERTY, UNIQUE_IDENTIFIER_KINDS } from "../papers/paper-identity";
import type { Database } from "./database";

/**
 * The counts stored on every paper, each the degree it names. Writers set them from the degrees after locking the
 * paper (src/papers/paper-write.repository.ts refreshPaperCounts), so they stay exact; reads and rankings use them
 * through an index instead of counting (docs/graph-queries.md#stored-counts).
 */
export const PAPER_COUNTS = {
  citationCount: (p: string) => `COUNT { (${p})<-[:CITES]-() }`,
  referenceCount: (p: string) => `COUNT { (${p})-[:CITES]->() }`,
  seeAlsoCount: (p: string) => `COUNT { (${p})-[:SEE_ALSO]-() }`,
  summaryCount: (p: string) => `COUNT { (${p})<-[:SUMMARIZES]-() }`,
};

export type PaperCount = keyof typeof PAPER_COUNTS;
export const ALL_PAPER_COUNTS = Object.keys(PAPER_COUNTS) as PaperCount[];

/** `p.citationCount = COUNT { ... }, ...`: the SET items that make a paper's stored counts (or some) exact again. */
export function paperCountsSet(p: string, counts: readonly PaperCount[] = ALL_PAPER_COUNTS): string {
  return counts.map((name) => `${p}.${name} = ${PAPER_COUNTS[name](p)}`).join(", ");
}

/** The SET items of a paper just created: it has no edges yet (Cypher allows no COUNT subquery in ON CREATE). */
export function newPaperCountsSet(p: string): string {
  return Object.keys(PAPER_COUNTS).map((name) => `${p}.${name} = 0`).join(", ");
}

/**
 * The ends' ids copied onto every CITES edge: `citingId` (the start, the paper that cites) and `citedId` (the end).
 * Paper ids never change, so the copies stay right once written. With the index cites_cited_citing on
 * (citedId, citingId), a page of a paper's citers in id order is an index seek that stops after the page
 * (src/papers/paper.repository.ts citationRows); walking the edges would read and sort every citer of a hub.
 * Every writer of CITES sets them (citesEndIdsSet), on an edge it finds as on one it creates, so writing an edge
 * again repairs one that lacks them; exports leave them out and restores set them again.
 */
export const CITES_END_IDS = ["citingId", "citedId"] as const;

/** The SET items that copy the ends' ids onto the CITES edge `r` from `citing` to `cited`. */
export const citesEndIdsSet = (r: string, citing: string, cited: string) => `${r}.citingId = ${citing}.id, ${r}.citedId = ${cited}.id`;

export const SCHEMA_STATEMENTS = [
  "CREATE CONSTRAINT paper_id IF NOT EXISTS FOR (p:Paper) REQUIRE p.id IS UNIQUE",
  "CREATE CONSTRAINT summary_id IF NOT EXISTS FOR (s:Summary) REQUIRE s.id IS UNIQUE",
  "CREATE CONSTRAINT person_name IF NOT EXISTS FOR (a:Person) REQUIRE a.name IS UNIQUE",
  // A signed-in person's node, keyed by <issuer>|<subject> (src/people/identity.repository.ts).
  "CREATE CONSTRAINT person_identity IF NOT EXISTS FOR (a:Person) REQUIRE a.identity IS UNIQUE",
  // The feed's authorName filter finds a writer without an author's name by the display name it shows.
  "CREATE INDEX person_display_name IF NOT EXISTS FOR (a:Person) ON (a.displayName)",
  // `paper(id:)` also accepts an arXiv id or a DOI: their constraints (or indexes) come after the migrations
  // (ensureIdentifierConstraints). An earlier derived doiKey property and its index are gone.
  "DROP INDEX paper_doi_key IF EXISTS",
  // topCited and papers(orderBy: CITATIONS) read the ranking from this index (docs/graph-queries.md#stored-counts).
  "CREATE INDEX paper_citation_count IF NOT EXISTS FOR (p:Paper) ON (p.citationCount)",
  "CREATE INDEX paper_year IF NOT EXISTS FOR (p:Paper) ON (p.year)",
  // The summaries feed's two orders, newest first and most votes first (src/summaries/summary.repository.ts).
  "CREATE INDEX summary_created_at IF NOT EXISTS FOR (s:Summary) ON (s.createdAt)",
  "CREATE INDEX summary_votes IF NOT EXISTS FOR (s:Summary) ON (s.votes)",
  // A paper's citers in id order, read page by page from the index (CITES_END_IDS above).
  "CREATE INDEX cites_cited_citing IF NOT EXISTS FOR ()-[r:CITES]-() ON (r.citedId, r.citingId)",
  // The identifiers imports bring (src/papers/paper-identity.ts): one property per kind, each an index seek.
  ...UNIQUE_IDENTIFIER_KINDS.map((kind) => {
    const property = IDENTIFIER_PROPERTY[kind];
    return `CREATE CONSTRAINT paper_${property} IF NOT EXISTS FOR (p:Paper) REQUIRE p.${property} IS UNIQUE`;
  }),
  // The node an import batch locks first, so concurrent imports merge identities one batch at a time.
  "CREATE CONSTRAINT import_lock_name IF NOT EXISTS FOR (l:ImportLock) REQUIRE l.name IS UNIQUE",
  // Full-text search: one index per searched field, so a hit can say which field matched.
  "CREATE FULLTEXT INDEX paper_title IF NOT EXISTS FOR (p:Paper) ON EACH [p.title]",
  "CREATE FULLTEXT INDEX paper_abstract IF NOT EXISTS FOR (p:Paper) ON EACH [p.abstract]",
  "CREATE FULLTEXT INDEX summary_body IF NOT EXISTS FOR (s:Summary) ON EACH [s.body]",
];

// Stores written before a rule existed are brought up to it here (counts filled in, DOIs lower-cased, the old
// doiKey removed); each statement touches only papers that still need it, so a second run writes nothing.
export const MIGRATION_STATEMENTS = [
  `MATCH (p:Paper) WHERE ${Object.keys(PAPER_COUNTS).map((name) => `p.${name} IS NULL`).join(" OR ")}
   SET ${paperCountsSet("p")}`,
  `MATCH (p:Paper) WHERE p.doi <> toLower(p.doi) SET p.doi = toLower(p.doi)`,
  `MATCH (p:Paper) WHERE p.doiKey IS NOT NULL REMOVE p.doiKey`,
];

// CITES edges written before CITES_END_IDS existed get them, 10,000 edges per transaction: a store of millions of
// edges is too big for one. On a store that has them all, this is one scan of the edges (0.7 s for 2 million).
export const CITES_END_IDS_MIGRATION = `
MATCH (citing)-[r:CITES]->(cited) WHERE ${CITES_END_IDS.map((k) => `r.${k} IS NULL`).join(" OR ")}
CALL (r, citing, cited) { SET ${citesEndIdsSet("r", "citing", "cited")} } IN TRANSACTIONS OF 10000 ROWS`;

/**
 * arXiv ids and DOIs, one paper each: curators set them (upsertPaper, which refuses one another paper holds), summaries
 * make stubs with them (after looking their holder up), imports place records by them. Those checks read, then
 * write; the uniqueness constraint is what makes two concurrent writes of one new id to two papers fail (the
 * second one is then run again, and its check sees the first: Database.writeTransaction). Stores from before the
 * constraints had range indexes under the old names; DOIs are stored lower-case (doiKey in src/papers/paper-ids.ts),
 * so the constraint on doi is case-insensitive, and it is made after the migration that lower-cases them.
 */
export const IDENTIFIER_CONSTRAINTS = [
  { property: "arxivId", constraint: "paper_arxiv_id_unique", index: "paper_arxiv_id" },
  { property: "doi", constraint: "paper_doi_unique", index: "paper_doi" },
] as const;

/** An identifier two or more papers hold in a store written before its constraint: the constraint waits for them. */
export interface SharedIdentifier {
  property: string;
  value: string;
  /** The first five holders' ids (sharedValues: in id order; a restore's: the stored one first). */
  papers: string[];
}

/**
 * Makes each identifier's uniqueness constraint in place of its range index. A store where two papers already hold
 * one value cannot have the constraint: it keeps (or gets) the range index, so lookups stay index seeks, and the
 * shared values are returned for the operator to resolve (docs/operations.md#shared-identifiers); the next start
 * makes the constraint once they are gone.
 */
export async function ensureIdentifierConstraints(db: Database): Promise<SharedIdentifier[]> {
  const shared: SharedIdentifier[] = [];
  for (const { property, constraint, index } of IDENTIFIER_CONSTRAINTS) {
    const makeIndex = `CREATE INDEX ${index} IF NOT EXISTS FOR (p:Paper) ON (p.${property})`;
    const [made] = await db.read(`SHOW CONSTRAINTS YIELD name WHERE name = $constraint RETURN count(*) AS n`, { constraint });
    if (Number(made.n) > 0) continue;
    const held = await sharedValues(db, property);
    if (held.length === 0) {
      // Neo4j refuses a constraint beside an equal index, so the index goes first. A second holder written between
      // the look and the constraint (by another instance, already serving) makes the constraint fail: the index is
      // made again at once, and the holders are looked for again, as below.
      await db.write(`DROP INDEX ${index} IF EXISTS`);
      try {
        await db.write(`CREATE CONSTRAINT ${constraint} IF NOT EXISTS FOR (p:Paper) REQUIRE p.${property} IS UNIQUE`);
        continue;
      } catch (err) {
        await db.write(makeIndex);
        const again = await sharedValues(db, property);
        if (again.length === 0) throw err;
        shared.push(...again);
        continue;
      }
    }
    await db.write(makeIndex);
    shared.push(...held);
  }
  return shared;
}

/** Up to ten values of `property` that two or more papers hold, with their first five holders by id. */
async function sharedValues(db: Database, property: string): Promise<SharedIdentifier[]> {
  const rows = await db.read(
    `MATCH (p:Paper) WHERE p.${property} IS NOT NULL
     WITH p.${property} AS value, p.id AS id ORDER BY id
     WITH value, collect(id) AS papers WHERE size(papers) > 1
     RETURN value, papers[..5] AS papers ORDER BY value LIMIT 10`,
  );
  return rows.map((row) => ({ property, value: String(row.value), papers: (row.papers as unknown[]).map(String) }));
}

/** The schema, the migrations, then the identifiers' constraints; returns the identifiers that wait for theirs. */
export async function ensureSchema(db: Database): Promise<SharedIdentifier[]> {
  // Schema commands cannot share a transaction with each other, so each runs on its own.
  for (const statement of SCHEMA_STATEMENTS) await db.write(statement);
  await db.write("CALL db.awaitIndexes(300)");
  for (const statement of MIGRATION_STATEMENTS) await db.write(statement);
  await db.writeInTransactions(CITES_END_IDS_MIGRATION);
  return ensureIdentifierConstraints(db);
}
