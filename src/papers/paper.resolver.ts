// Resolvers for papers: root lookups and the list, and every Paper field that follows an edge.
import { Args, Ctx, FieldResolver, Int, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../graphql/context";
import { ConnectionValue, toConnection } from "../graphql/connection";
import { decodeCursor } from "../graphql/cursor";
import { ListArgs } from "../graphql/page.args";
import { Person } from "../people/person.type";
import { Summary } from "../summaries/summary.type";
import type { PaperRecord, PaperStatsRecord } from "./paper.repository";
import { PaperArgs, PapersArgs } from "./paper.args";
import { normalizePaperKey } from "./paper-key";
import { Paper, PaperConnection, SeeAlso } from "./paper.type";

@Resolver(() => Paper)
export class PaperResolver {
  @Query(() => Paper, { nullable: true, description: "A paper by id, arXiv id or DOI; null when unknown." })
  paper(@Args() { id }: PaperArgs, @Ctx() { loaders }: Context): Promise<PaperRecord | null> {
    return loaders.paperByKey.load(normalizePaperKey(id));
  }

  @Query(() => PaperConnection, { description: "All papers (or the given ids) in id order, as a Relay connection." })
  async papers(@Args() args: PapersArgs, @Ctx() { repositories, loaders }: Context): Promise<ConnectionValue<PaperRecord>> {
    const ids = args.ids ? [...new Set(args.ids)] : undefined;
    const after = args.after === undefined ? "" : decodeCursor(args.after);
    const items = await repositories.papers.list({ ids, after, limit: args.first + 1 });
    loaders.primePapers(items);
    return toConnection(items, args.first, args.after !== undefined, (p) => p.id, () => repositories.papers.count(ids));
  }

  @FieldResolver(() => [Person], { description: "Authors in byline order; `after` takes an author's name." })
  authors(@Root() paper: PaperRecord, @Args() args: ListArgs, @Ctx() { loaders }: Context) {
    return loaders.authorsByPaperId(args.toPage()).load(paper.id);
  }

  @FieldResolver(() => [Summary], { description: "Summaries of this paper, oldest first; `after` takes a summary id." })
  summaries(@Root() paper: PaperRecord, @Args() args: ListArgs, @Ctx() { loaders }: Context) {
    return loaders.summariesByPaperId(args.toPage()).load(paper.id);
  }

  @FieldResolver(() => [SeeAlso], { description: "Curated 'see also' links from this paper, by the linked paper's id." })
  seeAlso(@Root() paper: PaperRecord, @Args() args: ListArgs, @Ctx() { loaders }: Context) {
    return loaders.seeAlsoByPaperId(args.toPage()).load(paper.id);
  }

  @FieldResolver(() => [Paper], { description: "Papers this paper cites (outgoing CITES), in id order." })
  async references(@Root() paper: PaperRecord, @Args() args: ListArgs, @Ctx() { loaders }: Context) {
    const papers = await loaders.referencesByPaperId(args.toPage()).load(paper.id);
    loaders.primePapers(papers);
    return papers;
  }

  @FieldResolver(() => [Paper], { description: "Papers that cite this paper (incoming CITES), in id order." })
  async citedBy(@Root() paper: PaperRecord, @Args() args: ListArgs, @Ctx() { loaders }: Context) {
    const papers = await loaders.citedByByPaperId(args.toPage()).load(paper.id);
    loaders.primePapers(papers);
    return papers;
  }

  @FieldResolver(() => Int, { description: "How many papers cite this one." })
  citationCount(@Root() paper: PaperRecord, @Ctx() ctx: Context) {
    return stat(paper, ctx, "citationCount");
  }

  @FieldResolver(() => Int, { description: "How many papers this one cites." })
  referenceCount(@Root() paper: PaperRecord, @Ctx() ctx: Context) {
    return stat(paper, ctx, "referenceCount");
  }

  @FieldResolver(() => Int, { description: "How many 'see also' links touch this paper, in either direction." })
  seeAlsoCount(@Root() paper: PaperRecord, @Ctx() ctx: Context) {
    return stat(paper, ctx, "seeAlsoCount");
  }

  @FieldResolver(() => Int, { description: "How many summaries this paper has." })
  summaryCount(@Root() paper: PaperRecord, @Ctx() ctx: Context) {
    return stat(paper, ctx, "summaryCount");
  }
}

/** All four counts come from one batched query, whichever of them a request selects. */
async function stat(paper: PaperRecord, { loaders }: Context, name: keyof PaperStatsRecord): Promise<number> {
  const stats = await loaders.statsByPaperId.load(paper.id);
  return stats?.[name] ?? 0;
}
