// The project's own dataset folders (papers.jsonl.gz + citations.tsv.gz, see src/ingest/datasets.ts) behind the
// import-item interface. Each line goes through the dataset's toPaper; the folder name picks the dataset and its id
// namespace, as `npm run import` does today.
import { existsSync } from "node:fs";
import path from "node:path";
import { datasetPaperId } from "../../papers/paper-ids";
import { DATASETS, DatasetDefinition } from "../datasets";
import { externalIds } from "./external-ids";
import { ExternalIds, ImportFormatError, ImportItem, ImportPaper } from "./import-record";
import { lines } from "./input";
import { compact } from "./values";

export const DATASET_PAPERS = "papers.jsonl.gz";
export const DATASET_CITATIONS = "citations.tsv.gz";

export function isDatasetFolder(folder: string): boolean {
  return existsSync(path.join(folder, DATASET_PAPERS));
}

/** The folder's files that exist: papers, and citations when there are any. */
export function datasetFiles(folder: string): string[] {
  return [DATASET_PAPERS, DATASET_CITATIONS].map((name) => path.join(folder, name)).filter((file) => existsSync(file));
}

export function datasetOf(folder: string): DatasetDefinition {
  const name = path.basename(path.resolve(folder));
  const dataset = DATASETS[name];
  if (!dataset) throw new ImportFormatError(folder, `unknown dataset "${name}"; known: ${Object.keys(DATASETS).join(", ")}`);
  return dataset;
}

/**
 * A dataset paper's ids, the same in its record and in citation rows: the namespaced id, and the original id too
 * when that is a public identifier (`idKind`), so a citation row's stub can be found by it as well.
 */
function datasetIds(dataset: DatasetDefinition, originalId: string): ExternalIds {
  const ids: ExternalIds = { datasetId: datasetPaperId(dataset.name, originalId) };
  if (dataset.idKind) ids[dataset.idKind] = originalId;
  return ids;
}

function toImportPaper(dataset: DatasetDefinition, raw: Record<string, unknown>): ImportPaper {
  const p = dataset.toPaper(raw);
  return compact({
    ids: externalIds({ datasetId: p.id, arxiv: p.arxivId, doi: p.doi }, datasetIds(dataset, String(raw.id))),
    title: p.title ?? null,
    abstract: p.abstract ?? undefined,
    year: p.year ?? undefined,
    venue: p.venue ?? undefined,
    url: p.url ?? undefined,
    authors: p.authors ?? [],
  });
}

export async function* datasetItems(folder: string): AsyncGenerator<ImportItem> {
  const dataset = datasetOf(folder);
  const papers = path.join(folder, DATASET_PAPERS);
  for await (const line of lines(papers)) {
    const location = `line ${line.number}`;
    try {
      yield { kind: "paper", file: papers, location, paper: toImportPaper(dataset, JSON.parse(line.text)) };
    } catch (err) {
      yield { kind: "error", file: papers, location, message: (err as Error).message };
    }
  }
  const citations = path.join(folder, DATASET_CITATIONS);
  if (!existsSync(citations)) return;
  let header = true;
  for await (const line of lines(citations)) {
    if (header) {
      header = false;
      continue;
    }
    const location = `line ${line.number}`;
    const [citing, cited, ...rest] = line.text.split("\t");
    if (!cited || rest.length > 0) {
      yield { kind: "error", file: citations, location, message: `expected 2 tab-separated ids, got ${rest.length + (cited ? 2 : 1)}` };
      continue;
    }
    const citation = { from: datasetIds(dataset, citing), to: datasetIds(dataset, cited) };
    yield { kind: "citation", file: citations, location, citation };
  }
}
