// Root queries of graph exploration, and the fields that turn ids into papers through the by-id loader.
import type { GraphQLResolveInfo } from "graphql";
import { Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../graphql/context";
import { badUserInput, invalidInput } from "../graphql/errors";
import { Paper } from "../papers/paper.type";
import type { SelectedPaper } from "../papers/paper.record";
import type { RankedPaperRecord } from "./graph.record";
import { listOfAtMost } from "../graphql/limits";
import { selectedPaperProps } from "../graphql/selection";
import { CitationPathArgs, MAX_PATH_DEPTH, NeighbourhoodArgs, RankedSeedArgs, TopCitedArgs } from "./graph.args";
import { CitationPath, directionName, edgeKindName, GraphEdge, RankedPaper, SignalEvidence, Subgraph, SubgraphNode } from "./graph.type";
import { toSubgraph } from "./subgraph";
import { MAX_PATHS_ENUMERATED } from "./graph.repository";
import { MAX_EXAMPLES } from "./related-ranking";
import { requirePaperIds } from "../papers/resolve-paper-ids";
import { PaperGraphResolver } from "./paper-graph.resolver";

@Resolver()
export class GraphResolver {
  @Query(() => Subgraph, {
    description:
      "The papers within `depth` hops of the seeds and the edges among them. The seeds are always kept and walked " +
      "from, whatever their year; any other paper outside the year window (a paper with no year is outside any " +
      "window) is neither returned nor walked through. Seeds are named by paper id, arXiv id or DOI; an unknown one " +
      "is a BAD_USER_INPUT error.",
  })
  async neighbourhood(@Args() args: NeighbourhoodArgs, @Ctx() { repositories, loaders }: Context): Promise<Subgraph> {
    const ids = [...new Set(await requirePaperIds(loaders, args.ids, "ids"))];
    // The seeds are always kept, so a smaller limit could not hold: refused rather than silently exceeded.
    if (args.limit < ids.length) {
      throw invalidInput([`limit (${args.limit}) must be at least the number of distinct seeds (${ids.length}), which are always kept`]);
    }
    const found = await repositories.graph.findNeighbourhood({
      ids,
      depth: args.depth,
      direction: directionName(args.direction),
      edges: args.edges.map(edgeKindName),
      yearFrom: args.yearFrom ?? null,
      yearTo: args.yearTo ?? null,
      limit: args.limit,
    });
    return toSubgraph(found);
  }

  @Query(() => [CitationPath], {
    description:
      "The shortest paths between two papers of at most `maxDepth` edges, in order of their paper ids, then of their " +
      `edges' kinds, then of the papers each edge starts from; empty when there is none. More than ${MAX_PATHS_ENUMERATED} ` +
      "equally short paths are too many to order: a BAD_USER_INPUT error says so, and fewer edge kinds or " +
      "`directed: true` may narrow them.",
  })
  async citationPath(@Args() args: CitationPathArgs, @Ctx() { repositories, loaders }: Context): Promise<CitationPath[]> {
    const [[from], [to]] = await Promise.all([requirePaperIds(loaders, [args.from], "from"), requirePaperIds(loaders, [args.to], "to")]);
    if (from === to) throw badUserInput("from and to are the same paper: a path needs two different papers.");
    const found = await repositories.graph.findShortestPaths({
      from,
      to,
      maxDepth: args.maxDepth,
      directed: args.directed,
      edges: args.edges.map(edgeKindName),
      first: args.first,
    });
    if (found.tooMany) {
      throw badUserInput(
        `More than ${MAX_PATHS_ENUMERATED} shortest paths of ${found.length} edges join from and to, too many to order ` +
          "and pick the first from: narrow the search (fewer edge kinds in edges, or directed: true).",
      );
    }
    return found.paths.map((p) => ({ paperIds: p.ids, length: p.edges.length, edges: p.edges as GraphEdge[] }));
  }

  @Query(() => [RankedPaper], {
    description: "The most-cited papers, optionally of some years (with a year window, papers with no year are left out); count = citations.",
  })
  async topCited(@Args() args: TopCitedArgs, @Ctx() { repositories, loaders }: Context): Promise<RankedPaper[]> {
    return ranked(await repositories.graph.findTopCited(args.first, args.yearFrom ?? null, args.yearTo ?? null), loaders);
  }

  @Query(() => [RankedPaper], {
    description: "Papers the seeds cite, most-cited by them first; count = how many seeds cite it. Seeds are left out.",
  })
  async priorWorks(@Args() args: RankedSeedArgs, @Ctx() ctx: Context): Promise<RankedPaper[]> {
    const ids = await knownSeeds(args.ids, ctx);
    return ranked(await ctx.repositories.graph.findPriorWorks(ids, args.first), ctx.loaders);
  }

  @Query(() => [RankedPaper], {
    description: "Papers citing the seeds, those citing most seeds first; count = how many seeds it cites. Seeds are left out.",
  })
  async derivativeWorks(@Args() args: RankedSeedArgs, @Ctx() ctx: Context): Promise<RankedPaper[]> {
    const ids = await knownSeeds(args.ids, ctx);
    return ranked(await ctx.repositories.graph.findDerivativeWorks(ids, args.first), ctx.loaders);
  }
}

@Resolver(() => SignalEvidence)
export class SignalEvidenceResolver {
  @FieldResolver(() => [Paper], {
    description: `Up to ${MAX_EXAMPLES} papers that produced the signal, by id (shared citers or references).`,
    complexity: listOfAtMost(MAX_EXAMPLES),
  })
  async examples(@Root() evidence: SignalEvidence, @Ctx() { loaders }: Context, @Info() info: GraphQLResolveInfo): Promise<SelectedPaper[]> {
    // The selected properties only: Paper.related primed the papers with them when it read its page.
    const props = selectedPaperProps(info);
    const papers = await Promise.all(evidence.exampleIds.map((id) => loaders.paperById.load(id, { props })));
    return papers.filter((p): p is SelectedPaper => p !== null);
  }
}

@Resolver(() => RankedPaper)
export class RankedPaperResolver {
  @FieldResolver(() => Paper)
  async paper(@Root() ranked: RankedPaper, @Ctx() { loaders }: Context): Promise<SelectedPaper> {
    return (await papersByIds([ranked.paperId], loaders))[0];
  }
}

@Resolver(() => SubgraphNode)
export class SubgraphNodeResolver {
  @FieldResolver(() => Paper)
  async paper(@Root() node: SubgraphNode, @Ctx() { loaders }: Context): Promise<SelectedPaper> {
    return (await papersByIds([node.id], loaders))[0];
  }
}

@Resolver(() => CitationPath)
export class CitationPathResolver {
  @FieldResolver(() => [Paper], { description: "The papers in path order, from `from` to `to`.", complexity: listOfAtMost(MAX_PATH_DEPTH + 1) })
  papers(@Root() path: CitationPath, @Ctx() { loaders }: Context): Promise<SelectedPaper[]> {
    return papersByIds(path.paperIds, loaders);
  }
}

type Loaders = Context["loaders"];

/** Papers for ids the graph just returned; one a concurrent delete removed is dropped, not an error. */
async function papersByIds(ids: string[], loaders: Loaders): Promise<SelectedPaper[]> {
  const papers = await loaders.paperById.loadMany(ids);
  return papers.filter((p): p is SelectedPaper => p !== null && !(p instanceof Error));
}

function ranked(records: RankedPaperRecord[], loaders: Loaders): RankedPaper[] {
  loaders.paperById.prime(records.map((r) => r.paper), (p) => p.id);
  return records.map((r) => ({ paperId: r.paper.id, count: r.count }));
}

async function knownSeeds(names: string[], { loaders }: Context): Promise<string[]> {
  return [...new Set(await requirePaperIds(loaders, names, "ids"))];
}

/** Everything src/graphql/schema.ts registers for graph exploration. */
export const GRAPH_RESOLVERS = [GraphResolver, PaperGraphResolver, SignalEvidenceResolver, RankedPaperResolver, SubgraphNodeResolver, CitationPathResolver] as const;
