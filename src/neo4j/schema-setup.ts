// Constraints and indexes, created idempotently at every start. The one place outside repositories with Cypher:
// it describes the database's shape, not a query of the domain.
import { IDENTIFIER_PROPERTY, UNIQUE_IDENTIFIER_KINDS } from "../papers/paper-identity";
import type { Database } from "./database";

export const SCHEMA_STATEMENTS = [
  "CREATE CONSTRAINT paper_id IF NOT EXISTS FOR (p:Paper) REQUIRE p.id IS UNIQUE",
  "CREATE CONSTRAINT summary_id IF NOT EXISTS FOR (s:Summary) REQUIRE s.id IS UNIQUE",
  "CREATE CONSTRAINT person_name IF NOT EXISTS FOR (a:Person) REQUIRE a.name IS UNIQUE",
  // A signed-in person's node, keyed by <issuer>|<subject> (src/people/identity.repository.ts).
  "CREATE CONSTRAINT person_identity IF NOT EXISTS FOR (a:Person) REQUIRE a.identity IS UNIQUE",
  // Lookups by the other identifiers users hold: `paper(id:)` accepts an arXiv id or a DOI.
  "CREATE INDEX paper_arxiv_id IF NOT EXISTS FOR (p:Paper) ON (p.arxivId)",
  "CREATE INDEX paper_doi IF NOT EXISTS FOR (p:Paper) ON (p.doi)",
  "CREATE INDEX paper_year IF NOT EXISTS FOR (p:Paper) ON (p.year)",
  // The summaries feed's two orders, newest first and most votes first (src/summaries/summary.repository.ts).
  "CREATE INDEX summary_created_at IF NOT EXISTS FOR (s:Summary) ON (s.createdAt)",
  "CREATE INDEX summary_votes IF NOT EXISTS FOR (s:Summary) ON (s.votes)",
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

export async function ensureSchema(db: Database): Promise<void> {
  // Schema commands cannot share a transaction with each other, so each runs on its own.
  for (const statement of SCHEMA_STATEMENTS) await db.write(statement);
  await db.write("CALL db.awaitIndexes(300)");
}
