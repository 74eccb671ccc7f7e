// The ShortScience front-page seed: reads seed/shortscience.json (+ summaries/*.md) and writes it idempotently.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { GraphRecords, IngestRepository, SummaryInputRecord } from "../src/ingest/ingest.repository";

// Compiled code runs from dist/seed, ts-jest from seed/: the data files stay in seed/ either way.
const SEED_DIR = [__dirname, path.resolve(__dirname, "..", "..", "seed")].find((d) =>
  existsSync(path.join(d, "shortscience.json")),
) as string;

export function readSeed(): GraphRecords {
  const raw = JSON.parse(readFileSync(path.join(SEED_DIR, "shortscience.json"), "utf8"));
  const summaries = (raw.summaries as Array<Omit<SummaryInputRecord, "body"> & { bodyFile: string }>).map(
    ({ bodyFile, ...s }) => ({ ...s, body: readFileSync(path.join(SEED_DIR, bodyFile), "utf8").trimEnd() }),
  );
  return { papers: raw.papers, citations: raw.citations, seeAlso: raw.seeAlso, summaries };
}

/**
 * Writes the seed in one transaction, MERGE throughout: a second run leaves the same nodes and edges, and a run cut
 * short (a start stopped by SIGTERM or Ctrl-C closes the connection) commits nothing, so the next start still finds
 * no paper and seeds again. Simpler than a marker written last, which the start would have to tell apart from a store
 * an import filled; the seed is small enough (docs/operations.md#which-neo4j).
 */
export async function loadSeed(ingest: IngestRepository, seed: GraphRecords = readSeed()): Promise<void> {
  await ingest.upsertGraph(seed);
}
