// Cypher for the summary mutations. Each method is one write transaction that also rewrites the summary's links:
// MENTIONS edges to every paper its text names (unknown ones created as stubs) and SEE_ALSO edges, with
// source = the summary's id, from the summarized paper to every paper the text introduces as "see also".
import type { Database, Tx } from "../neo4j/database";
import { int } from "../neo4j/values";
import { lockPapers, refreshPaperCounts } from "../papers/paper-write.repository";
import { doiKey } from "../neo4j/schema-setup";
import { paperIdentifiers } from "../papers/paper-ids";
import { MATCH_PAPERS_BY_IDENTIFIERS } from "../papers/paper.repository";
import type { SummaryLink } from "./summary-links";
import { SUMMARY_PROPERTIES, summaryFromValues, SummaryRecord, summaryValues } from "./summary.record";

export interface NewSummary {
  id: string;
  paperId: string;
  author: string | null;
  body: string;
  links: SummaryLink[];
}

export type SummaryWrite = { missing: string[] } | { missing: []; summary: SummaryRecord };

/** A stub to create if no paper is found: its id, and what the link told about it. */
interface LinkTarget {
  i: number;
  id: string;
  arxivId: string | null;
  doi: string | null;
  title: string;
  note: string | null;
  seeAlso: boolean;
}

const CREATE_SUMMARY = `
MATCH (p:Paper {id: $paperId})
CREATE (s:Summary {id: $id, body: $body, createdAt: datetime(), votes: $zero})-[:SUMMARIZES]->(p)
WITH s
CALL (s) {
  WITH s WHERE $author IS NOT NULL
  MERGE (a:Person {name: $author})
  MERGE (a)-[:WROTE]->(s)
}
RETURN s.id AS id`;

// Locks the summary (SET takes its write lock) and answers which paper it summarizes.
const LOCK_SUMMARY = `
MATCH (s:Summary {id: $id})-[:SUMMARIZES]->(p:Paper)
SET s.__lock = true
REMOVE s.__lock
RETURN p.id AS paperId`;

const SET_BODY = `MATCH (s:Summary {id: $id}) SET s.body = $body`;

const VOTE = `MATCH (s:Summary {id: $id}) SET s.votes = coalesce(s.votes, 0) + $delta`;

const FIND_SUMMARY = `
MATCH (s:Summary {id: $id})-[:SUMMARIZES]->(p:Paper)
OPTIONAL MATCH (w:Person)-[:WROTE]->(s)
RETURN ${summaryValues("s", "p.id", "w.name")} AS summary`;

// Only the edges this summary's text made; a curator's SEE_ALSO (no source) stays.
const CLEAR_LINKS = `
MATCH (s:Summary {id: $id})-[:SUMMARIZES]->(p:Paper)
CALL (s) { MATCH (s)-[m:MENTIONS]->() DELETE m }
CALL (s, p) { MATCH (p)-[r:SEE_ALSO]->(o) WHERE r.source = s.id DELETE r RETURN collect(o.id) AS unlinked }
RETURN unlinked`;

const DELETE_SUMMARY = `MATCH (s:Summary {id: $id}) DETACH DELETE s`;

// Papers already known under the link's id, arXiv id or DOI.
const RESOLVE_LINKS = `${MATCH_PAPERS_BY_IDENTIFIERS}
RETURN ref.i AS i, min(p.id) AS id`;

// A paper named for the first time becomes a stub (stub: true) that upsertPaper fills in later.
const WRITE_LINKS = `
MATCH (s:Summary {id: $id})-[:SUMMARIZES]->(p:Paper)
UNWIND $targets AS t
MERGE (m:Paper {id: t.id})
  ON CREATE SET m.stub = true, m.title = t.title, m.arxivId = t.arxivId, m.doi = t.doi, m.doiKey = ${doiKey("t")}
WITH s, p, m, t WHERE m <> p
MERGE (s)-[:MENTIONS]->(m)
WITH s, p, m, t WHERE t.seeAlso
MERGE (p)-[r:SEE_ALSO]->(m)
  ON CREATE SET r.note = t.note, r.source = s.id`;

export class SummaryWriteRepository {
  constructor(private readonly db: Database) {}

  addSummary(summary: NewSummary): Promise<SummaryWrite> {
    return this.db.writeTransaction(async (tx) => {
      // Locking the paper serialises summary writes per paper, which keeps their SEE_ALSO merges single.
      if ((await lockPapers(tx, [summary.paperId])).size === 0) return { missing: ["paperId"] };
      await tx.run(CREATE_SUMMARY, { ...summary, zero: int(0) });
      const linked = await writeLinks(tx, summary.id, summary.paperId, summary.links);
      await refreshPaperCounts(tx, [summary.paperId, ...linked]);
      return { missing: [], summary: await findSummary(tx, summary.id) };
    });
  }

  editSummary(id: string, body: string, links: SummaryLink[]): Promise<SummaryWrite> {
    return this.db.writeTransaction(async (tx) => {
      const [locked] = await tx.run(LOCK_SUMMARY, { id });
      if (!locked) return { missing: ["id"] };
      const paperId = locked.paperId as string;
      await lockPapers(tx, [paperId]);
      await tx.run(SET_BODY, { id, body });
      const unlinked = await clearLinks(tx, id);
      const linked = await writeLinks(tx, id, paperId, links);
      await refreshPaperCounts(tx, [paperId, ...unlinked, ...linked]);
      return { missing: [], summary: await findSummary(tx, id) };
    });
  }

  voteSummary(id: string, delta: 1 | -1): Promise<SummaryWrite> {
    return this.db.writeTransaction(async (tx) => {
      const [locked] = await tx.run(LOCK_SUMMARY, { id });
      if (!locked) return { missing: ["id"] };
      await tx.run(VOTE, { id, delta: int(delta) });
      return { missing: [], summary: await findSummary(tx, id) };
    });
  }

  /** Deletes the summary, its MENTIONS and the SEE_ALSO edges its text made. */
  deleteSummary(id: string): Promise<SummaryWrite> {
    return this.db.writeTransaction(async (tx) => {
      const [locked] = await tx.run(LOCK_SUMMARY, { id });
      if (!locked) return { missing: ["id"] };
      await lockPapers(tx, [locked.paperId as string]);
      const summary = await findSummary(tx, id);
      const unlinked = await clearLinks(tx, id);
      await tx.run(DELETE_SUMMARY, { id });
      await refreshPaperCounts(tx, [summary.paperId, ...unlinked]);
      return { missing: [], summary };
    });
  }
}

async function findSummary(tx: Tx, id: string): Promise<SummaryRecord> {
  const [row] = await tx.run(FIND_SUMMARY, { id, props: SUMMARY_PROPERTIES });
  return summaryFromValues(row.summary, SUMMARY_PROPERTIES);
}

/** Removes the edges the summary's text made; returns the papers that lost a SEE_ALSO. */
async function clearLinks(tx: Tx, id: string): Promise<string[]> {
  const [row] = await tx.run(CLEAR_LINKS, { id });
  return (row?.unlinked as string[]) ?? [];
}

/**
 * Resolves each link to a known paper (or a stub id) and writes MENTIONS and SEE_ALSO; self-links are dropped.
 * Returns the ids of the papers linked.
 */
async function writeLinks(tx: Tx, summaryId: string, paperId: string, links: SummaryLink[]): Promise<string[]> {
  if (links.length === 0) return [];
  const refs = links.map((link, i) => ({ i, ...paperIdentifiers(link.ref) }));
  const known = new Map((await tx.run(RESOLVE_LINKS, { refs })).map((r) => [r.i as number, r.id as string]));
  const targets: LinkTarget[] = refs.map((ref, i) => ({
    ...ref,
    id: known.get(i) ?? ref.id,
    title: links[i].text ?? links[i].ref.value,
    note: links[i].text,
    seeAlso: links[i].seeAlso,
  }));
  // Two spellings of one paper (its arXiv URL and its DOI) resolve to one id; the see-also reading wins.
  const byId = new Map<string, LinkTarget>();
  for (const t of targets) {
    if (t.id === paperId) continue; // a summary's link to the paper it summarizes is not a mention
    const earlier = byId.get(t.id);
    if (!earlier || (t.seeAlso && !earlier.seeAlso)) byId.set(t.id, t);
  }
  await tx.run(WRITE_LINKS, { id: summaryId, targets: [...byId.values()] });
  return [...byId.keys()];
}
