// Resolvers for summaries: lookup by id, the feed, and the author, paper and mentions of each.
import type { GraphQLResolveInfo } from "graphql";
import { Args, Ctx, FieldResolver, Info, Int, Query, Resolver, Root } from "type-graphql";
import { identityKey } from "../auth/viewer";
import type { PersonRecord } from "../people/person.record";
import type { Context } from "../graphql/context";
import { ConnectionValue, toConnection } from "../graphql/connection";
import { afterInScope, CursorCodec, cursorDigest, lazyScope } from "../graphql/cursor";
import { ListArgs } from "../graphql/page.args";
import { selectedPaperProps, selectedSummaryProps } from "../graphql/selection";
import { normalizePaperKey } from "../papers/paper-ids";
import { resolvePaperIds } from "../papers/resolve-paper-ids";
import { Paper } from "../papers/paper.type";
import { Person } from "../people/person.type";
import type { SelectedSummary } from "./summary.record";
import type { SummaryFeedFilter, SummaryFeedKeys } from "./summary.repository";
import { FEED_CURSORS, SummariesArgs, SummaryArgs, SummaryFeedScope, SummaryOrder } from "./summary.args";
import { Summary, SummaryConnection } from "./summary.type";
import { renderSummaryHtml } from "./summary-html";

/** Whose feed a cursor of another scope is. */
const FEED_ELSEWHERE = { filter: "the summaries feed under another filter" };

@Resolver(() => Summary)
export class SummaryResolver {
  @Query(() => Summary, { nullable: true, description: "A summary by id; null when unknown." })
  summary(@Args() { id }: SummaryArgs, @Ctx() { loaders }: Context, @Info() info: GraphQLResolveInfo) {
    return loaders.summaryById.load(id, { props: selectedSummaryProps(info) });
  }

  @Query(() => SummaryConnection, {
    description:
      "All summaries, optionally filtered, newest first (the front page) or by votes, as a Relay connection. A cursor is " +
      "this feed's: one of the other order or read under another filter is refused with BAD_USER_INPUT.",
  })
  async summaries(
    @Args() args: SummariesArgs,
    @Ctx() { repositories, loaders }: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ConnectionValue<SelectedSummary>> {
    const codec = FEED_CURSORS[args.orderBy] as CursorCodec<SummaryFeedScope & SummaryFeedKeys[SummaryOrder]>;
    const { paperId, authorName, since } = args.filter ?? {};
    // The paper as named (normalised as paper(id:) reads it), not as looked up: the cursor is checked before any read.
    const scope = lazyScope(
      (): SummaryFeedScope => ({
        filter: cursorDigest([paperId == null ? null : normalizePaperKey(paperId), authorName ?? null, since?.toISOString() ?? null]),
      }),
    );
    // Decoded first, so a foreign cursor is refused even when the filter leaves nothing to page through.
    const after = afterInScope(codec, args.after, scope, FEED_ELSEWHERE);
    const filter: SummaryFeedFilter = { authorName, since };
    let paperKnown = true;
    if (paperId != null) {
      // The same id forms as paper(id:): resolved to the paper's id once, so the feed's filter is an id match.
      const [id] = await resolvePaperIds(loaders, [paperId]);
      paperKnown = id !== null;
      filter.paperId = id ?? undefined;
    }
    const props = selectedSummaryProps(info, ["edges", "node"]);
    const rows = paperKnown ? await repositories.summaries.listFeed({ filter, orderBy: args.orderBy, after, limit: args.first + 1 }, props) : [];
    const keysets = new Map(rows.map((r) => [r.summary.id, r.keyset]));
    const items = rows.map((r) => r.summary);
    loaders.summaryById.prime(items, (s) => s.id, { props });
    return toConnection(items, args, codec, (s) => ({ ...scope(), ...keysets.get(s.id)! }), async () => (paperKnown ? repositories.summaries.countFeed(filter) : 0));
  }

  @FieldResolver(() => String, { description: "The markdown as sanitised HTML; $...$ LaTeX is left for the client to typeset." })
  bodyHtml(@Root() summary: SelectedSummary): string {
    // summaryProjection reads the body whenever bodyHtml is selected; without it there is nothing honest to render.
    if (summary.body === undefined) throw new Error("Summary.bodyHtml resolved from a read without the body (see summaryProjection)");
    return renderSummaryHtml(summary.body);
  }

  @FieldResolver(() => Person, { nullable: true, description: "Who wrote it; null when the source names nobody." })
  author(@Root() summary: SelectedSummary): PersonRecord | null {
    // The writer comes with the summary itself, so the author costs no further round-trip.
    return summary.author;
  }

  @FieldResolver(() => Person, { nullable: true, description: "Who added it through the API (may differ from the author a curator named); null for seeded or imported summaries." })
  createdBy(@Root() summary: SelectedSummary, @Ctx() { loaders }: Context): Promise<PersonRecord | null> | null {
    return summary.createdBy ? loaders.personByIdentity.load(summary.createdBy) : null;
  }

  @FieldResolver(() => Person, { nullable: true, description: "Who last edited its text; null when never edited." })
  updatedBy(@Root() summary: SelectedSummary, @Ctx() { loaders }: Context): Promise<PersonRecord | null> | null {
    return summary.updatedBy ? loaders.personByIdentity.load(summary.updatedBy) : null;
  }

  @FieldResolver(() => Int, { nullable: true, description: "The caller's own vote: 1, -1, 0 (none); null for an anonymous reader." })
  viewerVote(@Root() summary: SelectedSummary, @Ctx() { loaders, viewer }: Context): Promise<number> | null {
    return viewer.kind === "person" ? loaders.voteBySummaryId.load(summary.id, { page: identityKey(viewer) }) : null;
  }

  @FieldResolver(() => Paper, { description: "The paper this summary summarizes." })
  async paper(@Root() summary: SelectedSummary, @Ctx() { loaders }: Context, @Info() info: GraphQLResolveInfo) {
    return loaders.paperById.load(summary.paperId, { props: selectedPaperProps(info) });
  }

  @FieldResolver(() => [Paper], { description: "Papers the summary links to, in id order; `after` takes a paper id." })
  mentions(@Root() summary: SelectedSummary, @Args() args: ListArgs, @Ctx() { loaders }: Context, @Info() info: GraphQLResolveInfo) {
    return loaders.mentionsBySummaryId.load(summary.id, { props: selectedPaperProps(info), page: args.toPage() });
  }
}
