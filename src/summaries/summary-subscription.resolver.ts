// Live updates of what a front page shows: new, edited and deleted summaries, and vote changes. A subscription is set up with the
// subscriber's context (its arguments are resolved to ids once, here), and each event is then resolved like a request
// of its own, with fresh loaders that the event's subscribers share (src/graphql/subscriptions.ts), so every field
// resolver of Summary works and a count is read from the store as it is after the write.
import type { GraphQLResolveInfo } from "graphql";
import { Args, ArgsType, Authorized, Ctx, Field, ID, Info, Resolver, Root, Subscription } from "type-graphql";
import { filter, pipe } from "@graphql-yoga/subscription";
import { identityKey } from "../auth/viewer";
import type { Context } from "../graphql/context";
import { badUserInput } from "../graphql/errors";
import { selectedSummaryProps } from "../graphql/selection";
import { resolvePaperIds } from "../papers/resolve-paper-ids";
import type { SelectedPaper } from "../papers/paper.record";
import type { SelectedSummary } from "./summary.record";
import { SUMMARY_ADDED, SUMMARY_DELETED, SUMMARY_EDITED, SUMMARY_VOTES_CHANGED, SummaryEvent, SummaryTopics } from "./summary-events";
import { DeletedSummary, Summary } from "./summary.type";

/** A subscription to one paper's summaries, or to all. */
@ArgsType()
export class OfPaperArgs {
  @Field(() => ID, { nullable: true, description: "Only summaries of this paper: a paper id, an arXiv id or a DOI, as paper(id:) takes." })
  paperId?: string | null;
}

/** A subscription to one summary, one paper's, or all. */
@ArgsType()
export class OfSummaryOrPaperArgs extends OfPaperArgs {
  @Field(() => ID, { nullable: true, description: "Only this summary." })
  summaryId?: string | null;
}

/** The paper's id, or a BAD_USER_INPUT that refuses the subscription before it starts. */
async function paperIdOf(ctx: Context, name: string): Promise<string> {
  const [id] = await resolvePaperIds(ctx.loaders, [name]);
  if (id === null) throw badUserInput(`paperId must name an existing paper: no paper has id, arXiv id or DOI "${name.slice(0, 100)}".`);
  return id;
}

/** The events of `topic` that `keep` lets through; the subscriber's iterator, ended when the client completes. */
function events(ctx: Context, topic: keyof SummaryTopics, keep: (event: SummaryEvent) => boolean): AsyncIterable<SummaryEvent> {
  return pipe(ctx.events.subscribe(topic), filter(keep));
}

/** The events of `topic` about one summary, one paper's, or all; an unknown summary or paper refuses the subscription. */
async function eventsAbout(context: Context, topic: keyof SummaryTopics, args: OfSummaryOrPaperArgs): Promise<AsyncIterable<SummaryEvent>> {
  const paperId = args.paperId == null ? null : await paperIdOf(context, args.paperId);
  const summaryId = args.summaryId ?? null;
  if (summaryId !== null && (await context.loaders.summaryById.load(summaryId, { props: ["id"] })) === null) {
    throw badUserInput(`summaryId must name an existing summary: no summary has id "${summaryId.slice(0, 100)}".`);
  }
  return events(context, topic, (e) => (paperId === null || e.paperId === paperId) && (summaryId === null || e.summaryId === summaryId));
}

@Resolver()
export class SummarySubscriptionResolver {
  @Subscription(() => Summary, {
    nullable: true,
    description: "Each summary added from now on (all, or of one paper), as it is when read; null if it was deleted before.",
    subscribe: ({ args, context }: { args: OfPaperArgs; context: Context }) => eventsAbout(context, SUMMARY_ADDED, args),
  })
  summaryAdded(@Root() event: SummaryEvent, @Args() _args: OfPaperArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return summaryOf(event, ctx, info);
  }

  @Subscription(() => Summary, {
    nullable: true,
    description: "A summary each time a vote on it is cast, changed or withdrawn (all, of one paper, or one summary), with its votes as they are then.",
    subscribe: ({ args, context }: { args: OfSummaryOrPaperArgs; context: Context }) => eventsAbout(context, SUMMARY_VOTES_CHANGED, args),
  })
  summaryVotesChanged(@Root() event: SummaryEvent, @Args() _args: OfSummaryOrPaperArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return summaryOf(event, ctx, info);
  }

  @Subscription(() => Summary, {
    nullable: true,
    description: "A summary each time its text is replaced (editSummary; all, of one paper, or one summary), as it is when read; null if it was deleted before.",
    subscribe: ({ args, context }: { args: OfSummaryOrPaperArgs; context: Context }) => eventsAbout(context, SUMMARY_EDITED, args),
  })
  summaryEdited(@Root() event: SummaryEvent, @Args() _args: OfSummaryOrPaperArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return summaryOf(event, ctx, info);
  }

  @Subscription(() => DeletedSummary, {
    nullable: true,
    description: "Each summary deleted from now on (all, or of one paper): its id and its paper as it is now; null if the paper is gone too.",
    subscribe: ({ args, context }: { args: OfPaperArgs; context: Context }) => eventsAbout(context, SUMMARY_DELETED, args),
  })
  async summaryDeleted(@Root() event: SummaryEvent, @Args() _args: OfPaperArgs, @Ctx() ctx: Context): Promise<{ id: string; paper: SelectedPaper } | null> {
    // As deleteSummary answers it: the id, and the paper read now.
    const paper = await ctx.loaders.paperById.load(event.paperId);
    return paper === null ? null : { id: event.summaryId, paper: paper as SelectedPaper };
  }

  @Authorized()
  @Subscription(() => Summary, {
    nullable: true,
    description: "The signed-in person's own summaries (those they added) each time a vote on one changes.",
    subscribe: ({ context }: { context: Context }) => {
      const { viewer } = context;
      // @Authorized has refused anyone else before this runs.
      if (viewer.kind !== "person") throw new Error("viewerSummaryVotesChanged ran without an identity");
      const identity = identityKey(viewer);
      return events(context, SUMMARY_VOTES_CHANGED, (e) => e.createdBy === identity);
    },
  })
  viewerSummaryVotesChanged(@Root() event: SummaryEvent, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return summaryOf(event, ctx, info);
  }
}

function summaryOf(event: SummaryEvent, { loaders }: Context, info: GraphQLResolveInfo): Promise<SelectedSummary | null> {
  return loaders.summaryById.load(event.summaryId, { props: selectedSummaryProps(info) });
}
