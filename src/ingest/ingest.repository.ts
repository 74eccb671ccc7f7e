// Batched, idempotent writes of whole records (papers, citations, see-also links, summaries): used by the seed
// loader, the test fixtures and (citations) the importer. Every statement is UNWIND ... MERGE, so running it twice changes nothing.
import type { Database, Tx } from "../neo4j/database";
import { int } from "../neo4j/values";
import { citesEndIdsSet } from "../neo4j/schema-setup";
import { COUNTS_OF_EDGE, PaperUpsert, refreshPaperCounts, writePapers } from "../papers/paper-write.repository";

/** A whole paper from a dataset or the seed: a field it lacks is removed from the stored paper. */
export interface PaperInputRecord {
  id: string;
  title: string;
  /** The byline, replacing the stored one; without it the stored byline stays (see PaperUpsert). */
  authors?: string[];
  year?: number | null;
  venue?: string | null;
  url?: string | null;
  arxivId?: string | null;
  doi?: string | null;
  abstract?: string | null;
}

export interface EdgeRecord {
  from: string;
  to: string;
}

export interface SeeAlsoRecord extends EdgeRecord {
  note?: string | null;
  source?: string | null;
}

export interface SummaryInputRecord {
  id: string;
  paperId: string;
  body: string;
  createdAt: string;
  votes: number;
  author?: string | null;
  mentions: string[];
}

/** A whole graph of records, as the seed holds it. */
export interface GraphRecords {
  papers: PaperInputRecord[];
  citations: EdgeRecord[];
  seeAlso: SeeAlsoRecord[];
  summaries: SummaryInputRecord[];
}

export interface GraphCounts {
  papers: number;
  summaries: number;
  people: number;
  cites: number;
  seeAlso: number;
  mentions: number;
  authored: number;
  wrote: number;
}

// Returns how many edges were new, for the importer's report.
const UPSERT_CITATIONS = `
UNWIND $edges AS e
MATCH (a:Paper {id: e.from})
MATCH (b:Paper {id: e.to})
WITH a, b, EXISTS { (a)-[:CITES]->(b) } AS existed
MERGE (a)-[r:CITES]->(b)
SET ${citesEndIdsSet("r", "a", "b")}
RETURN count(CASE WHEN existed THEN null ELSE 1 END) AS created`;

const UPSERT_SEE_ALSO = `
UNWIND $edges AS e
MATCH (a:Paper {id: e.from})
MATCH (b:Paper {id: e.to})
MERGE (a)-[s:SEE_ALSO]->(b)
SET s.note = e.note, s.source = e.source`;

const UPSERT_SUMMARIES = `
UNWIND $summaries AS row
MATCH (p:Paper {id: row.paperId})
MERGE (s:Summary {id: row.id})
SET s.body = row.body, s.createdAt = datetime(row.createdAt), s.votes = row.votes
MERGE (s)-[:SUMMARIZES]->(p)
WITH s, p, row
CALL (s, row) {
  WITH s, row WHERE row.author IS NOT NULL
  MERGE (a:Person {name: row.author})
  MERGE (a)-[:WROTE]->(s)
}
WITH s, p, row
UNWIND row.mentions AS mentioned
MATCH (m:Paper {id: mentioned})
MERGE (s)-[n:MENTIONS]->(m)
// A mention that is this summary's "see also" (an edge naming the summary as its source, loaded before the summaries)
// is marked as the summary writer marks it, so the edge can pass to it (summary-write.repository.ts's HAND_OVER_LINKS).
WITH n, COLLECT { MATCH (p)-[r:SEE_ALSO {source: s.id}]->(m) RETURN r.note AS note } AS notes
SET n.seeAlso = CASE WHEN notes <> [] THEN true END, n.note = notes[0]`;

const COUNT_GRAPH = `
CALL () { MATCH (p:Paper) RETURN count(p) AS papers }
CALL () { MATCH (s:Summary) RETURN count(s) AS summaries }
CALL () { MATCH (a:Person) RETURN count(a) AS people }
CALL () { MATCH ()-[r:CITES]->() RETURN count(r) AS cites }
CALL () { MATCH ()-[r:SEE_ALSO]->() RETURN count(r) AS seeAlso }
CALL () { MATCH ()-[r:MENTIONS]->() RETURN count(r) AS mentions }
CALL () { MATCH ()-[r:AUTHORED]->() RETURN count(r) AS authored }
CALL () { MATCH ()-[r:WROTE]->() RETURN count(r) AS wrote }
RETURN papers, summaries, people, cites, seeAlso, mentions, authored, wrote`;

export async function writeCitations(tx: Tx, edges: EdgeRecord[]): Promise<number> {
  const [row] = await tx.run(UPSERT_CITATIONS, { edges });
  // Stored counts move with the edges, in the same transaction (docs/graph-queries.md#stored-counts).
  await refreshPaperCounts(tx, edges.flatMap((e) => [e.from, e.to]), COUNTS_OF_EDGE.CITES);
  return row.created as number;
}

async function writeSeeAlso(tx: Tx, edges: SeeAlsoRecord[]): Promise<void> {
  await tx.run(UPSERT_SEE_ALSO, { edges: edges.map((e) => ({ ...e, note: e.note ?? null, source: e.source ?? null })) });
  await refreshPaperCounts(tx, edges.flatMap((e) => [e.from, e.to]), COUNTS_OF_EDGE.SEE_ALSO);
}

async function writeSummaries(tx: Tx, summaries: SummaryInputRecord[]): Promise<void> {
  await tx.run(UPSERT_SUMMARIES, { summaries: summaries.map((s) => ({ ...s, votes: int(s.votes), author: s.author ?? null })) });
  await refreshPaperCounts(tx, summaries.map((s) => s.paperId), COUNTS_OF_EDGE.SUMMARIZES);
}

/** A record as the paper writer takes it: every property given, so a whole record replaces what was stored. */
function wholePaper(p: PaperInputRecord): PaperUpsert {
  return {
    id: p.id,
    title: p.title,
    authors: p.authors,
    year: p.year ?? null,
    venue: p.venue ?? null,
    url: p.url ?? null,
    arxivId: p.arxivId ?? null,
    doi: p.doi ?? null,
    abstract: p.abstract ?? null,
  };
}

export class IngestRepository {
  constructor(private readonly db: Database) {}

  /** Through the one paper writer, every property given: a whole record replaces what was stored. */
  async upsertPapers(papers: PaperInputRecord[]): Promise<void> {
    await this.db.writeTransaction((tx) => writePapers(tx, papers.map(wholePaper)));
  }

  async upsertCitations(edges: EdgeRecord[]): Promise<void> {
    await this.db.writeTransaction((tx) => writeCitations(tx, edges));
  }

  async upsertSeeAlso(edges: SeeAlsoRecord[]): Promise<void> {
    await this.db.writeTransaction((tx) => writeSeeAlso(tx, edges));
  }

  async upsertSummaries(summaries: SummaryInputRecord[]): Promise<void> {
    await this.db.writeTransaction((tx) => writeSummaries(tx, summaries));
  }

  /**
   * Papers, then the edges and summaries between them, in one transaction: the whole graph is stored or none of it.
   * For a graph small enough to be one transaction (the seed, docs/operations.md#which-neo4j); imports go in batches.
   */
  async upsertGraph(graph: GraphRecords): Promise<void> {
    await this.db.writeTransaction(async (tx) => {
      await writePapers(tx, graph.papers.map(wholePaper));
      await writeCitations(tx, graph.citations);
      await writeSeeAlso(tx, graph.seeAlso);
      await writeSummaries(tx, graph.summaries);
    });
  }

  /** Node and relationship counts; every part reads Neo4j's count store, so this is cheap at any size. */
  async counts(): Promise<GraphCounts> {
    const [row] = await this.db.read(COUNT_GRAPH);
    return row as unknown as GraphCounts;
  }
}
