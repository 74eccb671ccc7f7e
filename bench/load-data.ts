// Puts a benchmark graph into Neo4j through the project's own ingest path (batched UNWIND ... MERGE).
import type { IngestRepository } from "../src/ingest/ingest.repository";
import type { SyntheticGraph } from "./generate";

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
