// Synthetic graphs for tests, built through the same ingest path the seed and importer use.
import type { IngestRepository, PaperInputRecord, EdgeRecord, SummaryInputRecord } from "../../src/ingest/ingest.repository";

export function fixtureId(i: number): string {
  return `test/p${String(i).padStart(4, "0")}`;
}

/**
 * `n` papers; paper i cites the next `refs` papers (wrapping around), has two authors, and every third paper
 * has two summaries. Deterministic, so tests can compute the expected answers themselves.
 */
export async function seedPapers(ingest: IngestRepository, n: number, refs = 12): Promise<void> {
  const papers: PaperInputRecord[] = [];
  const citations: EdgeRecord[] = [];
  const summaries: SummaryInputRecord[] = [];
  for (let i = 0; i < n; i++) {
    papers.push({ id: fixtureId(i), title: `Paper ${i}`, year: 2000 + (i % 20), authors: [`Author ${i % 7}`, `Author ${(i + 3) % 7}`] });
    for (let k = 1; k <= refs; k++) citations.push({ from: fixtureId(i), to: fixtureId((i + k) % n) });
    if (i % 3 === 0) {
      for (const s of [0, 1]) {
        summaries.push({
          id: `test/s${i}-${s}`,
          paperId: fixtureId(i),
          body: `Summary ${s} of paper ${i}`,
          createdAt: new Date(Date.UTC(2020, 0, 1, 0, 0, s)).toISOString(),
          votes: s,
          author: `Writer ${s}`,
          mentions: [fixtureId((i + 1) % n)],
        });
      }
    }
  }
  await ingest.upsertPapers(papers);
  await ingest.upsertCitations(citations);
  await ingest.upsertSummaries(summaries);
}
