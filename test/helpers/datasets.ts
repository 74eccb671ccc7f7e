// The real datasets of ../shared/data, read straight from their gzip files and written through IngestRepository,
// with ids namespaced `<dataset>:<id>` as the importer does (hepth:9201001).
import { gunzipSync } from "node:zlib";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { EdgeRecord, IngestRepository, PaperInputRecord } from "../../src/ingest/ingest.repository";

function projectRoot(dir = __dirname): string {
  return existsSync(path.join(dir, "package.json")) ? dir : projectRoot(path.dirname(dir));
}

/** The shared data sits beside the project (a fresh clone links it there, see STYLE.md). */
export const DATA_DIR = path.resolve(projectRoot(), "..", "shared", "data");

export interface DatasetGraph {
  papers: PaperInputRecord[];
  citations: EdgeRecord[];
}

/** The non-empty lines of a gzip file. */
export function lines(file: string): string[] {
  return gunzipSync(readFileSync(file)).toString("utf8").split("\n").filter((l) => l.length > 0);
}

/** `citing_id<TAB>cited_id` with a header line, as every dataset's citations.tsv.gz is. */
function readCitations(dataset: string): EdgeRecord[] {
  return lines(path.join(DATA_DIR, dataset, "citations.tsv.gz"))
    .slice(1)
    .map((l) => {
      const [from, to] = l.split("\t");
      return { from: `${dataset}:${from}`, to: `${dataset}:${to}` };
    });
}

/**
 * hep-th: 29,555 papers, 352,807 citations. Abstracts are left out unless asked for: they are 90% of the bytes
 * and no graph query reads them.
 */
export function readHepTh({ abstracts = false } = {}): DatasetGraph {
  const papers = lines(path.join(DATA_DIR, "hepth", "papers.jsonl.gz")).map((l) => {
    const r = JSON.parse(l) as { id: string; arxiv_id: string; title: string; authors_list: string[]; year: number; abstract: string };
    return {
      id: `hepth:${r.id}`,
      title: r.title,
      year: r.year,
      arxivId: r.arxiv_id,
      authors: abstracts ? r.authors_list : [],
      abstract: abstracts ? r.abstract : null,
    };
  });
  return { papers, citations: readCitations("hepth") };
}

/** Writes a dataset in batches: papers first, since citations only MATCH their endpoints. */
export async function loadDataset(ingest: IngestRepository, graph: DatasetGraph, batchSize = 10_000): Promise<void> {
  for (let i = 0; i < graph.papers.length; i += batchSize) await ingest.upsertPapers(graph.papers.slice(i, i + batchSize));
  for (let i = 0; i < graph.citations.length; i += batchSize) await ingest.upsertCitations(graph.citations.slice(i, i + batchSize));
}
