// Resolvers for papers: root lookups and the list, and every Paper field that follows an edge.
import type { GraphQLResolveInfo } from "graphql";
import { Args, Ctx, FieldResolver, Info, Int, Query, Resolver, Root } from "type-graphql";
import { z } from "zod";
import type { Context } from "../graphql/context";
import { ConnectionValue, toConnection } from "../graphql/connection";
import { afterInScope, CursorCodec, cursorCodec, cursorDigest, lazyScope } from "../graphql/cursor";
import { expectListedAfter, listPage, ListArgs } from "../graphql/page.args";
import { selectedPaperProps, selectedSummaryProps } from "../graphql/selection";
import { Person } from "../people/person.type";
import { Summary } from "../summaries/summary.type";
import { expectSummaryAfter } from "../summaries/summary-list-after";
import type { PaperStatsRecord, SeeAlsoLinkRecord, SelectedPaper } from "./paper.record";
import { citationKey, NO_PAGES, PaperKeyset } from "./paper.repository";
import { relatedReadAhead } from "../graph/paper-graph.resolver";
import { PaperArgs, PaperOrder, PapersArgs } from "./paper.args";
import { normalizePaperKey } from "./paper-ids";
import { resolvePaperIds } from "./resolve-paper-ids";
import { primeFirstPages, selectedFirstPages } from "./first-pages";
import { ExternalId, Paper, PaperConnection, SeeAlso } from "./paper.type";

// The cursors of `papers`, one per ordering, so a cursor of one ordering is refused by another. Each starts with
// the list's scope (PapersScope), so a cursor of other ids or another filter is refused too. In id order, filtered or
// not, the cursor holds the id alone, which is its sort value too; otherwise the sort value and the id.
const SCOPE = { ids: z.string(), filter: z.string() };
const ID_CURSOR = cursorCodec("p", "papers ordered by ID", { ...SCOPE, id: z.string() });
const SORTED_CURSORS: Record<Exclude<PaperOrder, PaperOrder.ID>, CursorCodec<PapersScope & PaperKeyset>> = {
  [PaperOrder.CITATIONS]: cursorCodec("pc", "papers ordered by CITATIONS", { ...SCOPE, value: z.int(), id: z.string() }),
  [PaperOrder.YEAR]: cursorCodec("py", "papers ordered by YEAR", { ...SCOPE, value: z.int(), id: z.string() }),
  [PaperOrder.TITLE]: cursorCodec("pt", "papers ordered by TITLE", { ...SCOPE, value: z.string(), id: z.string() }),
};

/**
 * Which papers a `papers` list holds besides its order, as its cursors carry it: digests of the given ids (each as
 * paper(id:) reads it, as a set) and of the effective filter (a condition given as null is no condition).
 */
interface PapersScope {
  ids: string;
  filter: string;
}

/** Whose list a cursor of another scope is, per field of PapersScope. */
const PAPERS_ELSEWHERE = { ids: "the papers list of other ids", filter: "the papers list under another filter" };

/** More names than any byline holds (the longest real ones have a few thousand). */
const WHOLE_BYLINE = 1_000_000;

@Resolver(() => Paper)
export class PaperResolver {
  @Query(() => Paper, { nullable: true, description: "A paper by id, arXiv id or DOI; null when unknown." })
  async paper(@Args() { id }: PaperArgs, @Ctx() { loaders, settings }: Context, @Info() info: GraphQLResolveInfo): Promise<SelectedPaper | null> {
    // The paper's first summaries, references and citers, when asked, come with it (docs/api.md#batching).
    const pages = selectedFirstPages(info, []);
    const props = selectedPaperProps(info);
    // So does the first page of its related papers: the lookup is then the first statement of related's own.
    const related = await relatedReadAhead(info, [], settings);
    if (related) {
      const found = await loaders.paperWithRelatedByKey.load(normalizePaperKey(id), { props, page: { pages: pages ?? NO_PAGES, related } });
      if (!found) return null;
      primeFirstPages(loaders, pages, [found.listed]);
      loaders.relatedByPaperId.primeKeyed([[found.listed.paper.id, found.related]], { page: related });
      return found.listed.paper;
    }
    const found = await loaders.paperByKey.load(normalizePaperKey(id), { props, page: pages });
    if (found) primeFirstPages(loaders, pages, [found]);
    return found?.paper ?? null;
  }

  @Query(() => PaperConnection, {
    description:
      "All papers (or the given ids), optionally filtered, in the given order (id by default), as a Relay connection. A " +
      "cursor is this list's: one of another ordering, of other ids or under another filter is refused with BAD_USER_INPUT.",
  })
  async papers(
    @Args() args: PapersArgs,
    @Ctx() { repositories, loaders }: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ConnectionValue<SelectedPaper>> {
    const props = selectedPaperProps(info, ["edges", "node"]);
    // Each listed paper's first summaries, references and citers, when asked, come with the list (docs/api.md#batching).
    const pages = selectedFirstPages(info, ["edges", "node"]);
    const filter = args.filter ?? {};
    const filtered = Object.values(filter).some((v) => v != null);
    const keys = args.ids && [...new Set(args.ids.map(normalizePaperKey))];
    const scope = lazyScope(
      (): PapersScope => ({
        ids: cursorDigest(keys ? [...keys].sort() : null),
        filter: cursorDigest([filter.yearFrom ?? null, filter.yearTo ?? null, filter.hasSummary ?? null, filter.authorName ?? null]),
      }),
    );
    const after = decodeKeyset(args.orderBy, args.after, scope);
    if (!filtered && args.orderBy === PaperOrder.ID) {
      // The plain id-ordered list: an index range seek that stops after `first`; given ids (any id form) are
      // resolved in the same statement.
      const listed = await repositories.papers.list({ keys, after: after?.id ?? "", limit: args.first + 1 }, props, pages);
      const items = listed.map((l) => l.paper);
      loaders.paperById.prime(items, (p) => p.id, { props });
      primeFirstPages(loaders, pages, listed);
      return toConnection(items, args, ID_CURSOR, (p) => ({ ...scope(), id: p.id }), () => repositories.papers.count(keys));
    }
    // Any id form; a name no paper has is simply not listed, as an id no paper has never was.
    const ids = args.ids ? [...new Set((await resolvePaperIds(loaders, args.ids)).filter((id): id is string => id !== null))] : undefined;
    const rows = await repositories.papers.listOrdered({ ids, filter, orderBy: args.orderBy, after, limit: args.first + 1 }, props, pages);
    const items = rows.map((r) => r.paper);
    loaders.paperById.prime(items, (p) => p.id, { props });
    primeFirstPages(loaders, pages, rows);
    const count = () => repositories.papers.countFiltered(ids, filter);
    if (args.orderBy === PaperOrder.ID) return toConnection(items, args, ID_CURSOR, (p) => ({ ...scope(), id: p.id }), count);
    const sortKeys = new Map(rows.map((r) => [r.paper.id, r.sortKey]));
    const keyOf = (p: SelectedPaper) => ({ ...scope(), value: sortKeys.get(p.id) as string | number, id: p.id });
    return toConnection(items, args, SORTED_CURSORS[args.orderBy], keyOf, count);
  }

  @FieldResolver(() => [ExternalId], { description: "Every identifier the paper is known by besides its id (DOI, arXiv, OpenAlex, ...)." })
  externalIds(@Root() paper: SelectedPaper, @Ctx() { loaders }: Context) {
    return loaders.externalIdsByPaperId.load(paper.id);
  }

  @FieldResolver(() => [Person], { description: "Authors in byline order; `after` takes an author's name." })
  async authors(@Root() paper: SelectedPaper, @Args() args: ListArgs, @Ctx() { loaders }: Context) {
    const page = args.toPage();
    const authors = await loaders.authorsByPaperId.load(paper.id, { page });
    // The name's byline position is the keyset: a name no longer on the byline (replaced since it was read) has none.
    // Looked for, when the page is empty, on the whole byline.
    const listed = async (name: string) => (await loaders.authorsByPaperId.load(paper.id, { page: listPage(WHOLE_BYLINE, "") })).some((a) => a.name === name);
    await expectListedAfter(authors, page.after, listed, "an author of this paper", "is not on its byline (changed since it was read?)");
    return authors;
  }

  @FieldResolver(() => [Summary], { description: "Summaries of this paper, oldest first; `after` takes a summary id." })
  async summaries(@Root() paper: SelectedPaper, @Args() args: ListArgs, @Ctx() { loaders }: Context, @Info() info: GraphQLResolveInfo) {
    const page = args.toPage();
    const items = await loaders.summariesByPaperId.load(paper.id, { props: selectedSummaryProps(info), page });
    await expectSummaryAfter(loaders, items, page.after, (s) => s.paperId === paper.id, "a summary of this paper");
    return items;
  }

  @FieldResolver(() => Person, { nullable: true, description: "Who created it through the API (upsertPaper, or a summary's link for a stub); null for seeded or imported papers." })
  createdBy(@Root() paper: SelectedPaper, @Ctx() { loaders }: Context) {
    return paper.createdBy ? loaders.personByIdentity.load(paper.createdBy) : null;
  }

  @FieldResolver(() => Person, { nullable: true, description: "Who last changed it with upsertPaper; null when never." })
  updatedBy(@Root() paper: SelectedPaper, @Ctx() { loaders }: Context) {
    return paper.updatedBy ? loaders.personByIdentity.load(paper.updatedBy) : null;
  }

  @FieldResolver(() => [SeeAlso], { description: "Curated 'see also' links from this paper, by the linked paper's id." })
  seeAlso(@Root() paper: SelectedPaper, @Args() args: ListArgs, @Ctx() { loaders }: Context, @Info() info: GraphQLResolveInfo) {
    return loaders.seeAlsoByPaperId.load(paper.id, { props: selectedPaperProps(info, ["paper"]), page: args.toPage() });
  }

  @FieldResolver(() => [Paper], { description: "Papers this paper cites (outgoing CITES), in id order." })
  references(@Root() paper: SelectedPaper, @Args() args: ListArgs, @Ctx() { loaders }: Context, @Info() info: GraphQLResolveInfo) {
    // Not primed into paperById: hundreds of papers per level, and a later by-id read of one with the same
    // projection is rare (measured: bench/README.md#second-round-the-cpu-split).
    return loaders.citationsByPaperKey.load(citationKey("references", paper.id), { props: selectedPaperProps(info), page: args.toPage() });
  }

  @FieldResolver(() => [Paper], { description: "Papers that cite this paper (incoming CITES), in id order." })
  citedBy(@Root() paper: SelectedPaper, @Args() args: ListArgs, @Ctx() { loaders }: Context, @Info() info: GraphQLResolveInfo) {
    // Not primed into paperById: hundreds of papers per level, and a later by-id read of one with the same
    // projection is rare (measured: bench/README.md#second-round-the-cpu-split).
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

/** Where a page of `papers` in this order starts, from its `after` cursor; null for the first page. A cursor of another scope is refused. */
function decodeKeyset(order: PaperOrder, after: string | null | undefined, scope: () => PapersScope): PaperKeyset | null {
  if (order !== PaperOrder.ID) return afterInScope(SORTED_CURSORS[order], after, scope, PAPERS_ELSEWHERE);
  const key = afterInScope(ID_CURSOR, after, scope, PAPERS_ELSEWHERE);
  return key && { value: key.id, id: key.id };
}

/** All four counts come from one batched query, whichever of them a request selects. */
async function stat(paper: SelectedPaper, { loaders }: Context, name: keyof PaperStatsRecord): Promise<number> {
  const stats = await loaders.statsByPaperId.load(paper.id);
  return stats?.[name] ?? 0;
}

@Resolver(() => SeeAlso)
export class SeeAlsoResolver {
  @FieldResolver(() => Person, { nullable: true, description: "Who made the link through the API: the curator, or the writer of the summary it came from." })
  createdBy(@Root() link: SeeAlsoLinkRecord, @Ctx() { loaders }: Context) {
    return link.createdBy ? loaders.personByIdentity.load(link.createdBy) : null;
  }
}
