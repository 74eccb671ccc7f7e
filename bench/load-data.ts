// Puts a benchmark graph into Neo4j through the project's own ingest path (batched UNWIND ... MERGE).
import type { Driver } from "neo4j-driver";
import type { IngestRepository } from "../src/ingest/ingest.repository";
import type { Database } from "../src/neo4j/database";
import { importFile } from "../src/ingest/corpus-import";
import type { BenchGraph, SyntheticGraph } from "./generate";

async function inBatches<T>(rows: T[], size: number, write: (batch: T[]) => Promise<void>, label: string, log: (s: string) => void) {
  const started = Date.now();
  for (let i = 0; i < rows.length; i += size) await write(rows.slice(i, i + size));
  const s = (Date.now() - started) / 1000;
  log(`  ${label}: ${rows.length} in ${s.toFixed(1)} s (${Math.round(rows.length / Math.max(s, 0.001))}/s)`);
}

/** Loads the graph unless the database already holds exactly it (a rerun at the same size skips the load). */
export async function loadGraph(ingest: IngestRepository, graph: SyntheticGraph, log: (s: string) => void): Promise<boolean> {
  const counts = await ingest.counts();
  if (counts.papers === graph.papers.length && counts.cites === graph.citations.length && counts.summaries === graph.summaries.length) {
    log(`data already loaded (${counts.papers} papers, ${counts.cites} citations, ${counts.summaries} summaries)`);
    return false;
  }
  if (counts.papers > 0) throw new Error(`the benchmark database holds another graph (${counts.papers} papers): remove its store first`);
  log("loading data through the ingest repository:");
  await inBatches(graph.papers, 5_000, (b) => ingest.upsertPapers(b), "papers", log);
  await inBatches(graph.citations, 20_000, (b) => ingest.upsertCitations(b), "citations", log);
  await inBatches(graph.summaries, 5_000, (b) => ingest.upsertSummaries(b), "summaries", log);
  return true;
}

/**
 * The real hep-th graph, through the project's importer (idempotent: a second run writes nothing new). The id
 * pools come from the loaded graph itself; hep-th has no summaries, so Q2, Q3 and Q6 find none.
 */
export async function loadHepth(db: Database, driver: Driver, folder: string, log: (s: string) => void): Promise<BenchGraph> {
  const report = await importFile(db, folder);
  log(`  hep-th: ${report.papers} papers, ${report.citations - report.selfCitations} citations (${report.seconds.toFixed(1)} s)`);
  const ids = await driver.executeQuery(
    `MATCH (p:Paper) WHERE p.id STARTS WITH "hepth:" RETURN p.id AS id ORDER BY COUNT { (p)<-[:CITES]-() } DESC, p.id`,
    {},
    { database: "neo4j" },
  );
  // Rare title words: 4+ letters, in 2 to 10 titles, so every search returns all of its hits within first: 20.
  const words = await driver.executeQuery(
    `MATCH (p:Paper) WHERE p.id STARTS WITH "hepth:"
     UNWIND split(toLower(p.title), " ") AS word
     WITH word WHERE word =~ "[a-z]{4,}"
     WITH word, count(*) AS n WHERE n >= 2 AND n <= 10
     RETURN word ORDER BY word LIMIT 2000`,
    {},
    { database: "neo4j" },
  );
  return { byInDegree: ids.records.map((r) => r.get("id")), tags: words.records.map((r) => r.get("word")) };
}
