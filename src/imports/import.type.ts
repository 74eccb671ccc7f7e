// GraphQL types of an import's report: the same counts `npm run import` prints.
import { Field, Float, Int, ObjectType } from "type-graphql";
import type { CorpusImportReport, ImportProblem } from "../ingest/corpus-import";
import { ImportFormatArg } from "./import.args";

@ObjectType("ImportProblem", { description: "A record that was not imported (problems), or a value of one that was left out (notes), and where it is in the content." })
export class ImportProblemType implements ImportProblem {
  @Field({ description: "\"content\" for the mutation's content." })
  file: string;

  @Field({ description: "Line, entry key or array index: `line 12`, `@gemici2016 (line 2242)`, `results[3]`." })
  location: string;

  @Field()
  message: string;
}

@ObjectType("ImportReport", { description: "What an import did. Papers are merged by their identifiers: docs/importing.md." })
export class ImportReport implements Omit<CorpusImportReport, "format" | "problems" | "notes" | "interrupted"> {
  @Field() file: string;
  @Field(() => ImportFormatArg) format: ImportFormatArg;
  @Field(() => Int, { description: "Paper records read." }) papers: number;
  @Field(() => Int, { description: "New papers made from them." }) created: number;
  @Field(() => Int, { description: "Paper records that reached a stored paper or another record of the content." }) merged: number;
  @Field(() => Int, { description: "Stubs that records filled in." }) filledStubs: number;
  @Field(() => Int, { description: "Records whose identifiers named two stored papers (merged into the best-ranked)." }) conflicts: number;
  @Field(() => Int, { description: "Citations read (reference lists and citation rows)." }) citations: number;
  @Field(() => Int) selfCitations: number;
  @Field(() => Int, { description: "CITES edges that did not exist before." }) citationsCreated: number;
  @Field(() => Int, { description: "New stubs for cited works outside the content and the database." }) stubs: number;
  @Field(() => Int, { description: "Well-formed records with nothing to import." }) skipped: number;
  @Field(() => Int, { description: "Malformed records, skipped." }) errors: number;
  @Field(() => [ImportProblemType], { description: "The first 50 of them." }) problems: ImportProblemType[];
  @Field(() => Int, { description: "Values of imported records left out or cut: a BibTeX field naming an undefined @string, a value beyond upsertPaper's bounds." }) warnings: number;
  @Field(() => [ImportProblemType], { description: "The first 50 warnings." }) notes: ImportProblemType[];
  @Field(() => Float) seconds: number;
  @Field(() => Int) recordsPerSecond: number;
}
