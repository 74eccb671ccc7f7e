// Cypher for the summary mutations. Each method is one write transaction that also rewrites the summary's links:
// MENTIONS edges to every paper its text names (unknown ones created as stubs) and SEE_ALSO edges, with
// source = the summary's id, from the summarized paper to every paper the text introduces as "see also". Who writes
// comes from the token (a Writer), and what is created records them (createdBy / createdAt); the ownership rule for
// edits and deletes is checked under the summary's lock, in the same transaction as the write (lockSummary).
import type { Database, Tx } from "../neo4j/database";
import { int } from "../neo4j/values";
import { lockPapers, refreshPaperCounts } from "../papers/paper-write.repository";
import { cutToLength, MAX_NOTE_LENGTH, MAX_TITLE_LENGTH } from "../papers/paper-bounds";
import { paperIdentifiers } from "../papers/paper-ids";
import { MATCH_PAPERS_BY_IDENTIFIERS } from "../papers/paper.repository";
import type { SummaryLink } from "./summary-links";
import { mergeIdentity, Writer } from "../people/identity.repository";
import { SUMMARY_PROPERTIES, summaryFromValues, SummaryRecord, summaryValues } from "./summary.record";

export interface NewSummary {
  id: string;
  paperId: string;
  /** Who adds it: the creator, and its writer unless `author` names someone else. */
  writer: Writer;
  /** An author Person by name who wrote the text (a curator importing someone else's summary); null: the writer. */
  author: string | null;
  body: string;
  links: SummaryLink[];
}

/** Who changes an existing summary, and whether they may change anyone's (a curator) or only their own. */
export interface SummaryChange {
  writer: Writer;
  anySummary: boolean;
}

/** -1 or 1 records the writer's vote; 0 withdraws it. */
export type VoteValue = -1 | 0 | 1;

export type SummaryWrite =
  | { missing: string[] }
  /** The summary is someone else's and the writer may change only their own: nothing was written. */
  | { notYours: { writerName: string | null } }
  | { summary: SummaryRecord };

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

// The writer's Person exists (mergeIdentity) before this runs. A named author is an author Person, by name.
const CREATE_SUMMARY = `
MATCH (p:Paper {id: $paperId}), (w:Person {identity: $writer.identity})
WITH p, w, datetime() AS now
CREATE (s:Summary {id: $id, body: $body, createdAt: now, createdBy: $writer.identity, votes: $zero})
CREATE (s)-[:SUMMARIZES {createdBy: $writer.identity, createdAt: now}]->(p)
WITH s, w, now
CALL (s, w, now) {
  WITH s, w, now WHERE $author IS NULL
  CREATE (w)-[:WROTE {createdBy: $writer.identity, createdAt: now}]->(s)
}
CALL (s, now) {
  WITH s, now WHERE $author IS NOT NULL
  MERGE (a:Person {name: $author})
    ON CREATE SET a.createdBy = $writer.identity, a.createdAt = now
  CREATE (a)-[:WROTE {createdBy: $writer.identity, createdAt: now}]->(s)
}
RETURN s.id AS id`;

// Locks the summary (SET takes its write lock) and answers which paper it summarizes and who wrote it: read under
// the lock, the writer cannot change before this transaction commits. The writer's Person: the identity holding it,
// its author name (none for an identity's node of its own), and who made the WROTE edge (an identity writing as
// itself, or a curator naming the author).
const LOCK_SUMMARY = `
MATCH (s:Summary {id: $id})-[:SUMMARIZES]->(p:Paper)
SET s.__lock = true
REMOVE s.__lock
WITH s, p
OPTIONAL MATCH (w:Person)-[r:WROTE]->(s)
RETURN p.id AS paperId, w.identity AS identity, w.name AS author, r.createdBy AS wroteBy, coalesce(w.name, w.displayName) AS writerName`;

const SET_BODY = `MATCH (s:Summary {id: $id}) SET s.body = $body, s.updatedBy = $writer.identity, s.updatedAt = datetime()`;

const CURRENT_VOTE = `MATCH (:Person {identity: $writer.identity})-[v:VOTED]->(:Summary {id: $id}) RETURN v.value AS value`;

// votes = the base count (votes cast elsewhere) + the sum of VOTED values, kept by adding the change.
const SET_VOTE = `
MATCH (w:Person {identity: $writer.identity}), (s:Summary {id: $id})
MERGE (w)-[v:VOTED]->(s)
SET v.value = $value, v.at = datetime(), s.votes = coalesce(s.votes, 0) + $delta`;

const WITHDRAW_VOTE = `
MATCH (:Person {identity: $writer.identity})-[v:VOTED]->(s:Summary {id: $id})
DELETE v
SET s.votes = coalesce(s.votes, 0) + $delta`;

const FIND_SUMMARY = `
MATCH (s:Summary {id: $id})-[:SUMMARIZES]->(p:Paper)
OPTIONAL MATCH (w:Person)-[:WROTE]->(s)
RETURN ${summaryValues("s", "p.id", "w", SUMMARY_PROPERTIES)} AS summary`;

// The summary's MENTIONS go first, on an edit (WRITE_LINKS then writes the new text's) as on a delete.
const CLEAR_MENTIONS = `MATCH (s:Summary {id: $id})-[m:MENTIONS]->() DELETE m`;

// Then the SEE_ALSO edges whose source is this summary: only those a text made, a curator's (no source) stays. A
// SEE_ALSO has one source, the first summary whose text made it. Each summary's MENTIONS says what its text says
// (seeAlso, with the link's note: WRITE_LINKS), so the edge goes to the summary that should hold it: this one while
// its text (as now written) still makes it, else the earliest other summary of the paper whose text does, with that
// summary's note and writer; with none it goes. Run after an edit's new links, or with a deleted summary's mentions
// gone, so that "its text" is the current one.
const HAND_OVER_LINKS = `
MATCH (s:Summary {id: $id})-[:SUMMARIZES]->(p:Paper)
CALL (s, p) {
  MATCH (p)-[r:SEE_ALSO]->(o) WHERE r.source = s.id
  WITH r, o, COLLECT {
    MATCH (p)<-[:SUMMARIZES]-(h:Summary)-[n:MENTIONS {seeAlso: true}]->(o)
    RETURN {id: h.id, note: n.note, createdBy: n.createdBy, createdAt: n.createdAt, self: h = s} AS heir
    ORDER BY h = s DESC, h.createdAt, h.id LIMIT 1
  } AS heirs
  FOREACH (h IN [h IN heirs WHERE NOT h.self] | SET r.source = h.id, r.note = h.note, r.createdBy = h.createdBy, r.createdAt = h.createdAt)
  FOREACH (_ IN CASE WHEN heirs = [] THEN [1] ELSE [] END | DELETE r)
  RETURN collect(CASE WHEN heirs = [] THEN o.id END) AS unlinked
}
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
  ON CREATE SET m.stub = true, m.title = t.title, m.arxivId = t.arxivId, m.doi = t.doi, m.createdBy = $by, m.createdAt = datetime()
WITH s, p, m, t WHERE m <> p
MERGE (s)-[n:MENTIONS]->(m)
  ON CREATE SET n.createdBy = $by, n.createdAt = datetime()
// What this text says of m, kept with the mention: a SEE_ALSO made by another summary passes to this one when that
// one goes (HAND_OVER_LINKS). Absent, not false, on a plain mention.
SET n.seeAlso = CASE WHEN t.seeAlso THEN true END, n.note = CASE WHEN t.seeAlso THEN t.note END
WITH s, p, m, t WHERE t.seeAlso
MERGE (p)-[r:SEE_ALSO]->(m)
  ON CREATE SET r.note = t.note, r.source = s.id, r.createdBy = $by, r.createdAt = datetime()
  // The summary that made the edge, edited: the note is its link's text as now written.
  ON MATCH SET r.note = CASE WHEN r.source = s.id THEN t.note ELSE r.note END`;

export class SummaryWriteRepository {
  constructor(private readonly db: Database) {}

  addSummary(summary: NewSummary): Promise<SummaryWrite> {
    return this.db.writeTransaction(async (tx) => {
      // Locking the paper serialises summary writes per paper, which keeps their SEE_ALSO merges single.
      if ((await lockPapers(tx, [summary.paperId])).size === 0) return { missing: ["paperId"] };
      await mergeIdentity(tx, summary.writer);
      await tx.run(CREATE_SUMMARY, { ...summary, zero: int(0) });
      const linked = await writeLinks(tx, summary.id, summary.paperId, summary.links, summary.writer);
      await refreshPaperCounts(tx, [summary.paperId, ...linked]);
      return { summary: await findSummary(tx, summary.id) };
    });
  }

  editSummary(id: string, body: string, links: SummaryLink[], change: SummaryChange): Promise<SummaryWrite> {
    return this.db.writeTransaction(async (tx) => {
      const locked = await lockSummary(tx, id, change);
      if (!("paperId" in locked)) return locked;
      await lockPapers(tx, [locked.paperId]);
      await mergeIdentity(tx, change.writer);
      await tx.run(SET_BODY, { id, body, writer: change.writer });
      await tx.run(CLEAR_MENTIONS, { id });
      const linked = await writeLinks(tx, id, locked.paperId, links, change.writer);
      const unlinked = await handOverLinks(tx, id);
      await refreshPaperCounts(tx, [locked.paperId, ...unlinked, ...linked]);
      return { summary: await findSummary(tx, id) };
    });
  }

  /** Records the writer's one vote on the summary; the same vote again writes nothing. Anyone's summary. */
  voteSummary(id: string, value: VoteValue, writer: Writer): Promise<SummaryWrite> {
    return this.db.writeTransaction(async (tx) => {
      const locked = await lockSummary(tx, id, { writer, anySummary: true });
      if (!("paperId" in locked)) return locked;
      await mergeIdentity(tx, writer);
      // Read under the summary's lock: concurrent votes of one person see each other's result, not a stale value.
      const [current] = await tx.run(CURRENT_VOTE, { id, writer });
      const delta = value - ((current?.value as number | undefined) ?? 0);
      if (delta !== 0) await tx.run(value === 0 ? WITHDRAW_VOTE : SET_VOTE, { id, writer, value: int(value), delta: int(delta) });
      return { summary: await findSummary(tx, id) };
    });
  }

  /** Deletes the summary, its votes, its MENTIONS and the SEE_ALSO edges its text made (unless another text makes them too). */
  deleteSummary(id: string, change: SummaryChange): Promise<SummaryWrite> {
    return this.db.writeTransaction(async (tx) => {
      const locked = await lockSummary(tx, id, change);
      if (!("paperId" in locked)) return locked;
      await lockPapers(tx, [locked.paperId]);
      const summary = await findSummary(tx, id);
      await tx.run(CLEAR_MENTIONS, { id });
      const unlinked = await handOverLinks(tx, id);
      await tx.run(DELETE_SUMMARY, { id });
      await refreshPaperCounts(tx, [summary.paperId, ...unlinked]);
      return { summary };
    });
  }
}

/** Who wrote a summary, as LOCK_SUMMARY reads it; all null for a summary that names nobody. */
interface SummaryWriter {
  /** The identity holding the Person that WROTE it. */
  identity: string | null;
  /** That Person's author name; null for an identity's node of its own. */
  author: string | null;
  /** Who made the WROTE edge: the identity itself, or a curator who named the author. */
  wroteBy: string | null;
}

/**
 * The ownership rule, the one place it is written (docs/identity.md, "Permissions"): a summary is the writer's own
 * when the Person who WROTE it is theirs as the token stands now. Their node of their own; the author node of the
 * name the token's author claim vouches for, unless another identity holds it (a claim granted since the last write
 * counts at once; mergeIdentity links the node on the next write); and, on an author node they hold but the token no
 * longer claims, only what they wrote themselves, which mergeIdentity moves with them to a node of their own.
 */
function isOwn(w: SummaryWriter, writer: Writer): boolean {
  if (w.author === null) return w.identity === writer.identity;
  if (w.identity !== null && w.identity !== writer.identity) return false;
  if (writer.author && w.author === writer.name) return true;
  return w.identity === writer.identity && w.wroteBy === writer.identity;
}

/**
 * Locks the summary and applies the ownership rule (isOwn): who may change only their own gets `notYours` for anyone
 * else's, before any write.
 */
async function lockSummary(tx: Tx, id: string, change: SummaryChange): Promise<{ paperId: string } | Exclude<SummaryWrite, { summary: SummaryRecord }>> {
  const [locked] = await tx.run(LOCK_SUMMARY, { id });
  if (!locked) return { missing: ["id"] };
  const writer: SummaryWriter = { identity: locked.identity as string | null, author: locked.author as string | null, wroteBy: locked.wroteBy as string | null };
  if (!change.anySummary && !isOwn(writer, change.writer)) {
    return { notYours: { writerName: (locked.writerName as string | null) ?? null } };
  }
  return { paperId: locked.paperId as string };
}

async function findSummary(tx: Tx, id: string): Promise<SummaryRecord> {
  const [row] = await tx.run(FIND_SUMMARY, { id });
  return summaryFromValues(row.summary, SUMMARY_PROPERTIES);
}

/** Hands the summary's SEE_ALSO edges to the summary that should hold them, or removes them; returns the papers that lost one. */
async function handOverLinks(tx: Tx, id: string): Promise<string[]> {
  const [row] = await tx.run(HAND_OVER_LINKS, { id });
  return (row?.unlinked as string[]) ?? [];
}

/**
 * Resolves each link to a known paper (or a stub id) and writes MENTIONS and SEE_ALSO; self-links are dropped.
 * Returns the ids of the papers linked.
 */
async function writeLinks(tx: Tx, summaryId: string, paperId: string, links: SummaryLink[], writer: Writer): Promise<string[]> {
  if (links.length === 0) return [];
  const refs = links.map((link, i) => ({ i, ...paperIdentifiers(link.ref) }));
  const known = new Map((await tx.run(RESOLVE_LINKS, { refs })).map((r) => [r.i as number, r.id as string]));
  const targets: LinkTarget[] = refs.map((ref, i) => ({
    ...ref,
    id: known.get(i) ?? ref.id,
    // Bounded as upsertPaper bounds a title and addSeeAlso a note: the link text is the body's, up to its whole length.
    title: cutToLength(links[i].text ?? links[i].ref.value, MAX_TITLE_LENGTH),
    note: links[i].text === null ? null : cutToLength(links[i].text, MAX_NOTE_LENGTH),
    seeAlso: links[i].seeAlso,
  }));
  // Two spellings of one paper (its arXiv URL and its DOI) resolve to one id; the see-also reading wins.
  const byId = new Map<string, LinkTarget>();
  for (const t of targets) {
    if (t.id === paperId) continue; // a summary's link to the paper it summarizes is not a mention
    const earlier = byId.get(t.id);
    if (!earlier || (t.seeAlso && !earlier.seeAlso)) byId.set(t.id, t);
  }
  await tx.run(WRITE_LINKS, { id: summaryId, targets: [...byId.values()], by: writer.identity });
  return [...byId.keys()];
}
