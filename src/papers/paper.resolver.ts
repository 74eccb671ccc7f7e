// Resolvers for papers: root lookups and the list, and every Paper field that follows an edge.
import type { GraphQLResolveInfo } from "graphql";
import { Args, Ctx, FieldResolver, Info, Int, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../graphql/context";
import { ConnectionValue, toConnection } from "../graphql/connection";
import { decodeCursor } from "../graphql/cursor";
import { badUserInput, invalidInput } from "../graphql/errors";
import { ListArgs } from "../graphql/page.args";
import { selectedPaperProps, selectedSummaryProps } from "../graphql/selection";
import { Person } from "../people/person.type";
import { Summary } from "../summaries/summary.type";
import type { PaperStatsRecord, SelectedPaper } from "./paper.record";
import { citationKey, PaperKeyset } from "./paper.repository";
import { PaperArgs, PaperOrder, PapersArgs } from "./paper.args";
import { normalizePaperKey } from "./paper-key";
import { Paper, PaperConnection, SeeAlso } from "./paper.type";

@Resolver(() => Paper)
export class PaperResolver {
  @Query(() => Paper, { nullable: true, description: "A paper by id, arXiv id or DOI; null when unknown." })
  paper(@Args() { id }: PaperArgs, @Ctx() { loaders }: Context, @Info() info: GraphQLResolveInfo): Promise<SelectedPaper | null> {
    return loaders.paperByKey.load(normalizePaperKey(id), { props: selectedPaperProps(info) });
  }

  @Query(() => PaperConnection, {
    description: "All papers (or the given ids), optionally filtered, in the given order (id by default), as a Relay connection.",
  })
  async papers(
    @Args() args: PapersArgs,
    @Ctx() { repositories, loaders }: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ConnectionValue<SelectedPaper>> {
    const props = selectedPaperProps(info, ["edges", "node"]);
    const ids = args.ids ? [...new Set(args.ids)] : undefined;
    const filter = args.filter ?? {};
    if (filter.yearFrom != null && filter.yearTo != null && filter.yearFrom > filter.yearTo) {
      throw invalidInput([`filter.yearFrom (${filter.yearFrom}) must not be after filter.yearTo (${filter.yearTo})`]);
    }
    const filtered = Object.values(filter).some((v) => v != null);
    if (!filtered && args.orderBy === PaperOrder.ID) {
      // The plain id-ordered list: an index range seek that stops after `first`.
      const after = args.after == null ? "" : decodeOrderedCursor(PaperOrder.ID, args.after).id;
      const items = await repositories.papers.list({ ids, after, limit: args.first + 1 }, props);
      loaders.paperById.prime(items, (p) => p.id, { props });
      return toConnection(items, args.first, args.after != null, (p) => p.id, () => repositories.papers.count(ids));
    }
    const after = args.after == null ? null : decodeOrderedCursor(args.orderBy, args.after);
    const rows = await repositories.papers.listOrdered({ ids, filter, orderBy: args.orderBy, after, limit: args.first + 1 }, props);
    const sortKeys = new Map(rows.map((r) => [r.paper.id, r.sortKey]));
    const items = rows.map((r) => r.paper);
    loaders.paperById.prime(items, (p) => p.id, { props });
    return toConnection(
      items,
      args.first,
      args.after != null,
      (p) => orderedCursorKey(args.orderBy, sortKeys.get(p.id) as string | number, p.id),
      () => repositories.papers.countFiltered(ids, filter),
    );
  }

  @FieldResolver(() => [Person], { description: "Authors in byline order; `after` takes an author's name." })
  authors(@Root() paper: SelectedPaper, @Args() args: ListArgs, @Ctx() { loaders }: Context) {
    return loaders.authorsByPaperId.load(paper.id, { page: args.toPage() });
  }

  @FieldResolver(() => [Summary], { description: "Summaries of this paper, oldest first; `after` takes a summary id." })
  summaries(@Root() paper: SelectedPaper, @Args() args: ListArgs, @Ctx() { loaders }: Context, @Info() info: GraphQLResolveInfo) {
    return loaders.summariesByPaperId.load(paper.id, { props: selectedSummaryProps(info), page: args.toPage() });
  }

  @FieldResolver(() => [SeeAlso], { description: "Curated 'see also' links from this paper, by the linked paper's id." })
  seeAlso(@Root() paper: SelectedPaper, @Args() args: ListArgs, @Ctx() { loaders }: Context, @Info() info: GraphQLResolveInfo) {
    return loaders.seeAlsoByPaperId.load(paper.id, { props: selectedPaperProps(info, ["paper"]), page: args.toPage() });
  }

  @FieldResolver(() => [Paper], { description: "Papers this paper cites (outgoing CITES), in id order." })
  references(@Root() paper: SelectedPaper, @Args() args: ListArgs, @Ctx() { loaders }: Context, @Info() info: GraphQLResolveInfo) {
    // Not primed into paperById: hundreds of papers per level, and a later by-id read of one with the same
    // projection is rare (measured: priming took 1% of a nested query's CPU).
    return loaders.citationsByPaperKey.load(citationKey("references", paper.id), { props: selectedPaperProps(info), page: args.toPage() });
  }

  @FieldResolver(() => [Paper], { description: "Papers that cite this paper (incoming CITES), in id order." })
  citedBy(@Root() paper: SelectedPaper, @Args() args: ListArgs, @Ctx() { loaders }: Context, @Info() info: GraphQLResolveInfo) {
    // Not primed into paperById: hundreds of papers per level, and a later by-id read of one with the same
    // projection is rare (measured: priming took 1% of a nested query's CPU).
    return loaders.citationsByPaperKey.load(citationKey("citedBy", paper.id), { props: selectedPaperProps(info), page: args.toPage() });
  }

  @FieldResolver(() => Int, { description: "How many papers cite this one." })
  citationCount(@Root() paper: SelectedPaper, @Ctx() ctx: Context) {
    return stat(paper, ctx, "citationCount");
  }

  @FieldResolver(() => Int, { description: "How many papers this one cites." })
  referenceCount(@Root() paper: SelectedPaper, @Ctx() ctx: Context) {
    return stat(paper, ctx, "referenceCount");
  }

  @FieldResolver(() => Int, { description: "How many 'see also' links touch this paper, in either direction." })
  seeAlsoCount(@Root() paper: SelectedPaper, @Ctx() ctx: Context) {
    return stat(paper, ctx, "seeAlsoCount");
  }

  @FieldResolver(() => Int, { description: "How many summaries this paper has." })
  summaryCount(@Root() paper: SelectedPaper, @Ctx() ctx: Context) {
    return stat(paper, ctx, "summaryCount");
  }
}

/**
 * The key inside a papers cursor: the id alone in id order (so cursors from before orderBy existed still work),
 * otherwise [order, sort value, id] as JSON, which ties the cursor to its ordering.
 */
function orderedCursorKey(order: PaperOrder, value: string | number, id: string): string {
  return order === PaperOrder.ID ? id : JSON.stringify([order, value, id]);
}

function decodeOrderedCursor(order: PaperOrder, cursor: string): PaperKeyset {
  const key = decodeCursor(cursor);
  // No paper id starts with "[", which every other ordering's key does: such a cursor belongs to another list.
  if (order === PaperOrder.ID && !key.startsWith("[")) return { value: key, id: key };
  try {
    const [o, value, id] = JSON.parse(key) as unknown[];
    const valueType = order === PaperOrder.TITLE ? "string" : "number";
    if (o === order && typeof value === valueType && typeof id === "string") return { value: value as string | number, id };
  } catch {
    // fall through to the error below
  }
  throw badUserInput(`The cursor "${cursor.slice(0, 60)}" does not belong to a papers list ordered by ${order}: pass an endCursor from an earlier page of the same list.`);
}

/** All four counts come from one batched query, whichever of them a request selects. */
async function stat(paper: SelectedPaper, { loaders }: Context, name: keyof PaperStatsRecord): Promise<number> {
  const stats = await loaders.statsByPaperId.load(paper.id);
  return stats?.[name] ?? 0;
}
