// Mutations on summaries. Adding or editing one extracts the papers its markdown links to and rewrites its
// MENTIONS and SEE_ALSO edges in the same transaction as the text. The request's loaders are emptied by the write
// itself (src/graphql/context.ts), so what follows reads it.
import { Args, Ctx, Mutation, Resolver } from "type-graphql";
import type { Context } from "../graphql/context";
import { invalidInput } from "../graphql/errors";
import { newSummaryId } from "../papers/paper-ids";
import { resolvePaperIds } from "../papers/resolve-paper-ids";
import type { SelectedPaper } from "../papers/paper.record";
import type { SummaryRecord } from "./summary.record";
import type { SummaryWrite } from "./summary-write.repository";
import { extractSummaryLinks } from "./summary-links";
import { AddSummaryArgs, EditSummaryArgs, SummaryIdArgs, VoteSummaryArgs } from "./summary.input";
import { DeletedSummary, Summary } from "./summary.type";

const MISSING: Record<string, (args: Record<string, unknown>) => string> = {
  paperId: (a) => `paperId must name an existing paper: no paper has id, arXiv id or DOI "${a.paperId}"`,
  id: (a) => `id must name an existing summary: no summary has id "${a.id}"`,
};

@Resolver()
export class SummaryMutationResolver {
  @Mutation(() => Summary, { description: "Adds a summary to a paper; papers its text links to become mentions (stubs if unknown)." })
  async addSummary(@Args() args: AddSummaryArgs, @Ctx() ctx: Context): Promise<SummaryRecord> {
    // The id is chosen before the transaction, so a retried transaction writes the same summary.
    const id = newSummaryId();
    const [paperId] = await resolvePaperIds(ctx.loaders, [args.paperId]);
    const write = ctx.repositories.summaryWrites.addSummary({
      id,
      // An unknown paper is reported by the write, which checks under its lock.
      paperId: paperId ?? args.paperId,
      author: args.author?.trim() ?? null,
      body: args.body,
      links: extractSummaryLinks(args.body),
    });
    return written(args, write);
  }

  @Mutation(() => Summary, { description: "Replaces a summary's text and re-extracts its links." })
  editSummary(@Args() args: EditSummaryArgs, @Ctx() ctx: Context): Promise<SummaryRecord> {
    return written(args, ctx.repositories.summaryWrites.editSummary(args.id, args.body, extractSummaryLinks(args.body)));
  }

  @Mutation(() => Summary, { description: "Adds (up: true) or takes away (up: false) one vote." })
  voteSummary(@Args() args: VoteSummaryArgs, @Ctx() ctx: Context): Promise<SummaryRecord> {
    return written(args, ctx.repositories.summaryWrites.voteSummary(args.id, args.up ? 1 : -1));
  }

  @Mutation(() => DeletedSummary, { description: "Deletes a summary with its mentions and the 'see also' links its text made." })
  async deleteSummary(@Args() args: SummaryIdArgs, @Ctx() ctx: Context): Promise<{ id: string; paper: SelectedPaper }> {
    const summary = await written(args, ctx.repositories.summaryWrites.deleteSummary(args.id));
    return { id: summary.id, paper: (await ctx.loaders.paperById.load(summary.paperId)) as SelectedPaper };
  }
}

async function written(args: object, write: Promise<SummaryWrite>): Promise<SummaryRecord> {
  const result = await write;
  if (!("summary" in result)) throw invalidInput(result.missing.map((field) => MISSING[field](args as Record<string, unknown>)));
  return result.summary;
}
