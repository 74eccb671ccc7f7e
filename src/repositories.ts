// The repositories of one request, all counting into that request's round-trip counter.
import type { Database } from "./neo4j/database";
import { PaperRepository } from "./papers/paper.repository";
import { SummaryRepository } from "./summaries/summary.repository";
import { PersonRepository } from "./people/person.repository";
import { IngestRepository } from "./ingest/ingest.repository";
import { GraphRepository } from "./graph/graph.repository";
import { PaperWriteRepository } from "./papers/paper-write.repository";
import { SummaryWriteRepository } from "./summaries/summary-write.repository";
import { SearchRepository } from "./search/search.repository";
import { CorpusImporter } from "./ingest/corpus-import";

export function createRepositories(db: Database) {
  return {
    papers: new PaperRepository(db),
    summaries: new SummaryRepository(db),
    people: new PersonRepository(db),
    ingest: new IngestRepository(db),
    graph: new GraphRepository(db),
    paperWrites: new PaperWriteRepository(db),
    summaryWrites: new SummaryWriteRepository(db),
    search: new SearchRepository(db),
    imports: new CorpusImporter(db),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;
