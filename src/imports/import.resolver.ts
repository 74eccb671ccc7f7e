// The importPapers mutation: a curator sends a modest corpus as text; it goes through the same importer as
// `npm run import`, in one transaction, and answers with the same report. A curator's (docs/identity.md#permissions).
import { Args, Authorized, Ctx, Mutation, Resolver } from "type-graphql";
import type { Role } from "../auth/viewer";
import type { Context } from "../graphql/context";
import { badUserInput } from "../graphql/errors";
import { ImportFormatError } from "../ingest/formats";
import { ImportPapersArgs, importFormatOf, MAX_IMPORT_RECORDS } from "./import.args";
import { ImportReport } from "./import.type";
import { ImportTooLargeError } from "../ingest/corpus-import";

@Resolver()
export class ImportResolver {
  @Authorized<Role>("curator")
  @Mutation(() => ImportReport, {
    description:
      "Imports papers and citations from a file's text (OpenAlex, Semantic Scholar, S2AG, BibTeX or CSL-JSON), merging " +
      "them with the papers already known by any of their identifiers. All or nothing: one transaction.",
  })
  async importPapers(@Args() { content, format }: ImportPapersArgs, @Ctx() { repositories }: Context): Promise<ImportReport> {
    try {
      const report = await repositories.imports.importText(content, { format: importFormatOf(format), maxRecords: MAX_IMPORT_RECORDS });
      return report as ImportReport;
    } catch (err) {
      if (err instanceof ImportFormatError) throw badUserInput(err.message);
      if (err instanceof ImportTooLargeError) throw badUserInput(err.message);
      throw err;
    }
  }
}
