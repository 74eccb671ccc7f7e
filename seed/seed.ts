// The ShortScience front-page seed: reads seed/shortscience.json (+ summaries/*.md) and writes it idempotently.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type {
  IngestRepository,
  PaperInputRecord,
  SeeAlsoRecord,
  EdgeRecord,
  SummaryInputRecord,
} from "../src/ingest/ingest.repository";

export interface SeedData {
  papers: PaperInputRecord[];
  citations: EdgeRecord[];
  seeAlso: SeeAlsoRecord[];
  summaries: SummaryInputRecord[];
}

// Compiled code runs from dist/seed, ts-jest from seed/: the data files stay in seed/ either way.
const SEED_DIR = [__dirname, path.resolve(__dirname, "..", "..", "seed")].find((d) =>
  existsSync(path.join(d, "shortscience.json")),
) as string;

export function readSeed(): SeedData {
  const raw = JSON.parse(readFileSync(path.join(SEED_DIR, "shortscience.json"), "utf8"));
  const summaries = (raw.summaries as Array<Omit<SummaryInputRecord, "body"> & { bodyFile: string }>).map(
    ({ bodyFile, ...s }) => ({ ...s, body: readFileSync(path.join(SEED_DIR, bodyFile), "utf8").trimEnd() }),
  );
  return { papers: raw.papers, citations: raw.citations, seeAlso: raw.seeAlso, summaries };
}

/** Writes the seed; MERGE throughout, so a second run leaves the same nodes and edges. */
export async function loadSeed(ingest: IngestRepository, seed: SeedData = readSeed()): Promise<void> {
  await ingest.upsertPapers(seed.papers);
  await ingest.upsertCitations(seed.citations);
  await ingest.upsertSeeAlso(seed.seeAlso);
  await ingest.upsertSummaries(seed.summaries);
}
