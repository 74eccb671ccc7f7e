// Live updates of what a front page shows: new, edited and deleted summaries, and vote changes. A subscription is set up with the
// subscriber's context (its arguments are resolved to ids once, here), and each event is then resolved like a request
// of its own, with fresh loaders that the event's subscribers share (src/graphql/subscriptions.ts), so every field
// resolver of Summary works and a count is read from the store as it is after the write.
import type { GraphQLResolveInfo } from "graphql";
import { Args, ArgsType, Authorized, Ctx, Field, ID, Info, Resolver, Root, Subscription } from "type-graphql";
import { IsOptional, Length } from "class-validator";
import { identityKey } from "../auth/viewer";
import type { Context } from "../graphql/context";
import { badUserInput } from "../graphql/errors";
import { endingIterator } from "../graphql/subscriptions";
import { validateArgs } from "../graphql/validation";
import { selectedSummaryProps } from "../graphql/selection";
import { resolvePaperIds } from "../papers/resolve-paper-ids";
import type { SelectedPaper } from "../papers/paper.record";
import type { SelectedSummary } from "./summary.record";
import { SUMMARY_ADDED, SUMMARY_DELETED, SUMMARY_EDITED, SUMMARY_VOTES_CHANGED, SummaryEvent, summaryEvent, SummaryTopics } from "./summary-events";
import { FEED_CURSORS, SummaryOrder } from "./summary.args";
import { DeletedSummary, Summary } from "./summary.type";

/** A subscription to one paper's summaries, or to all. */
@ArgsType()
export class OfPaperArgs {
  @Field(() => ID, { nullable: true, description: "Only summaries of this paper: a paper id, an arXiv id or a DOI, as paper(id:) takes." })
  @IsOptional()
  @Length(1, 300)
  paperId?: string | null;
}

/** The most summaries summaryAdded(after:) sends from before the subscription; more refuse it. */
export const MAX_ADDED_SINCE = 100;
/** A subscription to new summaries, of one paper or all, optionally from a point of the feed on. */
@ArgsType()
export class SummaryAddedArgs extends OfPaperArgs {
  @Field(() => String, {
    nullable: true,
    description:
      "A cursor of `summaries(orderBy: NEWEST)`, the newest summary the client read: the summaries added since are sent first, " +
      `oldest first, then each one added from now on. Some the client has may come again (that one, and those added shortly ` +
      `before it, at most ${MAX_ADDED_SINCE}): key summaries by id. More than ${MAX_ADDED_SINCE} added since refuse the ` +
      "subscription with BAD_USER_INPUT.",
  })
  @IsOptional()
  @Length(1, 1000)
  after?: string | null;
}

/** A subscription to one summary, one paper's, or all. */
@ArgsType()
export class OfSummaryOrPaperArgs extends OfPaperArgs {
  @Field(() => ID, { nullable: true, description: "Only this summary." })
  @IsOptional()
  @Length(1, 300)
  summaryId?: string | null;
}

/**
 * The arguments checked against their bounds, as a query's are. type-graphql checks a subscription's arguments only
 * when it resolves an event, so without this a subscription with arguments out of bounds would be accepted, its
 * values used to set it up, and every event then answered with the refusal.
 */
async function checked<T extends object>(type: new () => T, args: object): Promise<T> {
  const value = Object.assign(new type(), args);
  await validateArgs(value, type, undefined as never);
  return value;
}

/** The paper's id, or a BAD_USER_INPUT that refuses the subscription before it starts. */
async function paperIdOf(ctx: Context, name: string): Promise<string> {
  const [id] = await resolvePaperIds(ctx.loaders, [name]);
  if (id === null) throw badUserInput(`paperId must name an existing paper: no paper has id, arXiv id or DOI "${name.slice(0, 100)}".`);
  return id;
}

/** The events of `topic` that `keep` lets through; the subscriber's iterator, ended when the client completes. */
function events(ctx: Context, topic: keyof SummaryTopics, keep: (event: SummaryEvent) => boolean): AsyncIterable<SummaryEvent> {
  return ctx.events.subscribeWhere(topic, keep);
}

/** The events of `topic` about one summary, one paper's, or all; an unknown summary or paper refuses the subscription. */
async function eventsAbout(context: Context, topic: keyof SummaryTopics, raw: OfSummaryOrPaperArgs): Promise<AsyncIterable<SummaryEvent>> {
  const args = await checked(OfSummaryOrPaperArgs, raw);
  const paperId = args.paperId == null ? null : await paperIdOf(context, args.paperId);
  const summaryId = args.summaryId ?? null;
  if (summaryId !== null && (await context.loaders.summaryById.load(summaryId, { props: ["id"] })) === null) {
    throw badUserInput(`summaryId must name an existing summary: no summary has id "${summaryId.slice(0, 100)}".`);
  }
  return events(context, topic, (e) => (paperId === null || e.paperId === paperId) && (summaryId === null || e.summaryId === summaryId));
}

/**
 * summaryAdded's events: with `after`, first the summaries the client may have missed since its read of the feed
 * (SummaryRepository.listAddedSince), then the bus's. The bus is listened to before the store is read, so a summary
 * committed in between is in one or both; one in both is sent once.
 */
async function addedEvents(context: Context, raw: SummaryAddedArgs): Promise<AsyncIterable<SummaryEvent>> {
  const args = await checked(SummaryAddedArgs, raw);
  // Decoded first: a foreign or forged cursor is refused before anything is read. Its filter digest is not compared:
  // here a NEWEST cursor is a point in time, whatever filter the feed was read with, and paperId filters what is sent.
  const newest = FEED_CURSORS[SummaryOrder.NEWEST].decodeAfter(args.after);
  const paperId = args.paperId == null ? null : await paperIdOf(context, args.paperId);
  const keep = (e: SummaryEvent) => paperId === null || e.paperId === paperId;
  if (newest === null) return events(context, SUMMARY_ADDED, keep);
  const live = context.events.subscribeWhere(SUMMARY_ADDED, keep);
  // The pubsub adds its listener on the first next(), synchronously: from here on no event is missed.
  let first: Promise<IteratorResult<SummaryEvent>> | undefined = live.next();
  let missed: SummaryEvent[];
  try {
    const { newer, earlier, bookmarks } = await context.repositories.summaries.listAddedSince(newest, paperId, MAX_ADDED_SINCE);
    if (newer.length > MAX_ADDED_SINCE) {
      throw badUserInput(
        `More than ${MAX_ADDED_SINCE} summaries were added since the cursor given as after: ` +
          "read the feed again, and subscribe from its newest summary.",
      );
    }
    // Each is read as a live event is, waiting for the state the list was read from wherever a cluster routes it.
    missed = [...earlier, ...newer].map((s) => summaryEvent({ id: s.id, paperId: s.paperId, createdBy: s.createdBy ?? null }, bookmarks));
  } catch (err) {
    await live.return?.();
    throw err;
  }
  const sent = new Set(missed.map((e) => e.summaryId));
  // The bus's listener is already there: the client completing must remove it, even before its first next().
  return endingIterator(
    async () => {
      const replayed = missed.shift();
      if (replayed) return { value: replayed, done: false };
      for (;;) {
        const heard = await (first ?? live.next());
        first = undefined;
        // One committed before the store was read and published after it is sent already.
        if (heard.done || !sent.delete(heard.value.summaryId)) return heard;
      }
    },
    async () => live.return?.(),
  );
}

@Resolver()
export class SummarySubscriptionResolver {
  @Subscription(() => Summary, {
    nullable: true,
    description:
      "Each summary added from now on (all, or of one paper), as it is when read; null if it was deleted before. With `after`, " +
      "first those added since the client read the feed.",
    subscribe: ({ args, context }: { args: SummaryAddedArgs; context: Context }) => addedEvents(context, args),
  })
  summaryAdded(@Root() event: SummaryEvent, @Args() _args: SummaryAddedArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
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
