// Mutations on summaries. Adding or editing one extracts the papers its markdown links to and rewrites its
// MENTIONS and SEE_ALSO edges in the same transaction as the text. Who writes is the signed-in person (the roles
// are on each field; the ownership rule is checked inside the write, summary-write.repository.ts). The request's
// loaders are emptied by the write itself (src/graphql/context.ts), so what follows reads it.
import { Args, Authorized, Ctx, Mutation, Resolver } from "type-graphql";
import { hasRole, Person, Role, Writer, writerOf } from "../auth/viewer";
import type { Context } from "../graphql/context";
import { badUserInput, forbidden, invalidInput } from "../graphql/errors";
import { newSummaryId } from "../papers/paper-ids";
import { resolvePaperIds } from "../papers/resolve-paper-ids";
import type { SelectedPaper } from "../papers/paper.record";
import type { SummaryRecord } from "./summary.record";
import type { SummaryChange, SummaryWrite } from "./summary-write.repository";
import { extractSummaryLinks, SummaryLink } from "./summary-links";
import { AddSummaryArgs, EditSummaryArgs, SummaryIdArgs, VoteSummaryArgs } from "./summary.input";
import { DeletedSummary, Summary } from "./summary.type";
import { SUMMARY_ADDED, SUMMARY_DELETED, SUMMARY_EDITED, SUMMARY_VOTES_CHANGED, summaryEvent, SummaryTopics } from "./summary-events";

const MISSING: Record<string, (args: Record<string, unknown>) => string> = {
  paperId: (a) => `paperId must name an existing paper: no paper has id, arXiv id or DOI "${a.paperId}"`,
  id: (a) => `id must name an existing summary: no summary has id "${a.id}"`,
};

/** The signed-in person: @Authorized on every field below has already refused anyone else. */
function signedIn({ viewer }: Context): Person {
  if (viewer.kind !== "person") throw new Error("a summary mutation ran without an identity; is its @Authorized missing?");
  return viewer;
}

/** Curators may change any summary, contributors their own (docs/identity.md, "Permissions"). */
function change(ctx: Context): SummaryChange {
  const person = signedIn(ctx);
  return { writer: writerOf(person), anySummary: hasRole(person, "curator") };
}

/**
 * A named author other than oneself is a curator's tool (importing someone else's text); for a contributor it is
 * refused, and their own name is the same as naming nobody.
 */
function namedAuthor(person: Person, author: string | null | undefined): string | null {
  const name = author?.trim();
  if (!name || name === person.name) return null;
  if (!hasRole(person, "curator")) {
    throw forbidden(`Naming another author ("${name}") needs the curator role; a contributor's summaries are their own, so leave author out.`);
  }
  return name;
}

@Resolver()
export class SummaryMutationResolver {
  @Authorized<Role>("contributor")
  @Mutation(() => Summary, {
    description: "Adds a summary to a paper as the signed-in person; papers its text links to become mentions (stubs if unknown).",
  })
  async addSummary(@Args() args: AddSummaryArgs, @Ctx() ctx: Context): Promise<SummaryRecord> {
    const person = signedIn(ctx);
    const writer: Writer = writerOf(person);
    // The id is chosen before the transaction, so a retried transaction writes the same summary.
    const id = newSummaryId();
    const [paperId] = await resolvePaperIds(ctx.loaders, [args.paperId]);
    const write = ctx.repositories.summaryWrites.addSummary({
      id,
      // An unknown paper is reported by the write, which checks under its lock.
      paperId: paperId ?? args.paperId,
      writer,
      author: namedAuthor(person, args.author),
      body: args.body,
      links: linksOf(args.body, ctx),
    });
    const summary = await written(args, write, "edit");
    await announce(ctx, SUMMARY_ADDED, summary);
    return summary;
  }

  @Authorized<Role>("contributor")
  @Mutation(() => Summary, { description: "Replaces a summary's text and re-extracts its links: one's own, or any for a curator." })
  async editSummary(@Args() args: EditSummaryArgs, @Ctx() ctx: Context): Promise<SummaryRecord> {
    const summary = await written(args, ctx.repositories.summaryWrites.editSummary(args.id, args.body, linksOf(args.body, ctx), change(ctx)), "edit");
    await announce(ctx, SUMMARY_EDITED, summary);
    return summary;
  }

  @Authorized<Role>("contributor")
  @Mutation(() => Summary, { description: "Sets the signed-in person's one vote on a summary: 1 up, -1 down, 0 withdraws it." })
  async voteSummary(@Args() args: VoteSummaryArgs, @Ctx() ctx: Context): Promise<SummaryRecord> {
    const summary = await written(args, ctx.repositories.summaryWrites.voteSummary(args.id, args.value, writerOf(signedIn(ctx))), "vote on");
    await announce(ctx, SUMMARY_VOTES_CHANGED, summary);
    return summary;
  }

  @Authorized<Role>("contributor")
  @Mutation(() => DeletedSummary, {
    description: "Deletes a summary (one's own, or any for a curator) with its votes, mentions and the 'see also' links its text made.",
  })
  async deleteSummary(@Args() args: SummaryIdArgs, @Ctx() ctx: Context): Promise<{ id: string; paper: SelectedPaper }> {
    const summary = await written(args, ctx.repositories.summaryWrites.deleteSummary(args.id, change(ctx)), "delete");
    await announce(ctx, SUMMARY_DELETED, summary);
    return { id: summary.id, paper: (await ctx.loaders.paperById.load(summary.paperId)) as SelectedPaper };
  }
}

/**
 * Tells the subscriptions of `topic` about the summary written. Called after the write has resolved, so after its
 * commit: a subscriber never hears of a write that did not happen.
 */
async function announce(ctx: Context, topic: keyof SummaryTopics, summary: SummaryRecord): Promise<void> {
  ctx.events.publish(topic, summaryEvent(summary, await ctx.bookmarks.afterWrites()));
}

/** The papers a body links to; over the cap the whole mutation is refused before anything is written. */
function linksOf(body: string, ctx: Context): SummaryLink[] {
  const links = extractSummaryLinks(body);
  if (links.length > ctx.settings.summaryMaxLinks) {
    throw badUserInput(`The summary links to ${links.length} papers; a summary may link to at most ${ctx.settings.summaryMaxLinks} (SUMMARY_MAX_LINKS).`);
  }
  return links;
}

async function written(args: object, write: Promise<SummaryWrite>, verb: string): Promise<SummaryRecord> {
  const result = await write;
  if ("summary" in result) return result.summary;
  if ("notYours" in result) {
    const whose = result.notYours.writerName ? `${result.notYours.writerName}'s` : "someone else's";
    throw forbidden(`Summary "${(args as { id?: string }).id}" is ${whose}, not yours: to ${verb} it needs the curator role.`);
  }
  throw invalidInput(result.missing.map((field) => MISSING[field](args as Record<string, unknown>)));
}
