// Paper fields of graph exploration: ranked related papers with their evidence, and citations per year.
import { Args, Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { z } from "zod";
import type { Context } from "../graphql/context";
import { ConnectionValue, toConnection } from "../graphql/connection";
import { cursorCodec } from "../graphql/cursor";
import { Paper } from "../papers/paper.type";
import type { PaperRecord } from "../papers/paper.repository";
import { RelatedRecord, RelatedWeights, Signal, SIGNALS } from "./graph.repository";
import { RelatedArgs, RelatedWeightsInput } from "./graph.args";
import { RelatedEvidence, RelatedPaper, RelatedPaperConnection, YearCount } from "./graph.type";

// A related paper's place in the ranking: score descending, then id.
const RELATED_CURSOR = cursorCodec("r", "Paper.related", { score: z.number(), id: z.string() });

@Resolver(() => Paper)
export class PaperGraphResolver {
  @FieldResolver(() => RelatedPaperConnection, {
    description:
      "Papers related to this one, best first (ties by id), with the evidence per signal. score = the sum over " +
      "signals of weight x normalized signal; see the README for the formula and the default weights.",
  })
  async related(@Root() paper: PaperRecord, @Args() args: RelatedArgs, @Ctx() { loaders }: Context): Promise<ConnectionValue<RelatedPaper>> {
    const weights = toWeights(args.weights ?? new RelatedWeightsInput());
    const after = RELATED_CURSOR.decodeAfter(args.after);
    const group = await loaders.relatedByPaperId({ first: args.first + 1, after, weights }).load(paper.id);
    const items = group.items.map((r) => toRelatedPaper(r, weights));
    loaders.primePapers(group.items.map((r) => r.paper));
    return toConnection(items, args, RELATED_CURSOR, (r) => ({ score: r.score, id: r.paper.id }), async () => group.total);
  }

  @FieldResolver(() => [YearCount], { description: "Citations of this paper per year of the citing paper, oldest first." })
  citationsByYear(@Root() paper: PaperRecord, @Ctx() { loaders }: Context) {
    return loaders.citationsByYearByPaperId.load(paper.id);
  }
}

function toWeights(input: RelatedWeightsInput): RelatedWeights {
  return Object.fromEntries(SIGNALS.map((s) => [s, input[s]])) as RelatedWeights;
}

function toRelatedPaper(r: RelatedRecord, weights: RelatedWeights): RelatedPaper {
  const evidence = Object.fromEntries(
    SIGNALS.map((s: Signal) => [s, { ...r.evidence[s], contribution: weights[s] * r.evidence[s].normalized }]),
  ) as unknown as RelatedEvidence;
  return { paper: r.paper, score: r.score, evidence };
}
