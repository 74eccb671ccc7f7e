// Arguments of the importPapers mutation: the content and, optionally, its format.
import { ArgsType, Field, registerEnumType } from "type-graphql";
import { IsOptional, Length } from "class-validator";
import type { ImportFormat } from "../ingest/formats";

export enum ImportFormatArg {
  OPENALEX = "openalex",
  S2_GRAPH = "s2-graph",
  S2AG = "s2ag",
  BIBTEX = "bibtex",
  CSL_JSON = "csl-json",
}
registerEnumType(ImportFormatArg, { name: "ImportFormat", description: "A file format the importer reads (docs/importing-formats.md)." });

/**
 * The largest content the mutation takes, in characters: a few thousand records, well inside the request body
 * limit (MAX_BODY_BYTES) once JSON-escaped. Bigger corpora go through `npm run import`.
 */
export const MAX_IMPORT_CONTENT = 500_000;
/** Records (papers and citations) one call writes, all in one transaction. */
export const MAX_IMPORT_RECORDS = 10_000;

@ArgsType()
export class ImportPapersArgs {
  @Field(() => String, { description: `The file's text (not gzipped), at most ${MAX_IMPORT_CONTENT} characters.` })
  @Length(1, MAX_IMPORT_CONTENT)
  content: string;

  @Field(() => ImportFormatArg, { nullable: true, description: "Read the content as this format; detected from the content when absent." })
  @IsOptional()
  format?: ImportFormatArg;
}

/** The enum value as the formats layer names it. */
export function importFormatOf(arg: ImportFormatArg | undefined): ImportFormat | undefined {
  return arg;
}
