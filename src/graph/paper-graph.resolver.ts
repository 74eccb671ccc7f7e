// Paper fields of graph exploration: ranked related papers with their evidence, and citations per year.
import type { GraphQLResolveInfo } from "graphql";
import { ArgumentValidationError, Args, Ctx, FieldResolver, Info, Resolver, Root } from "type-graphql";
import { z } from "zod";
import type { Context, RequestSettings } from "../graphql/context";
import { ConnectionValue, toConnection } from "../graphql/connection";
import { afterInScope, cursorCodec, cursorDigest, lazyScope } from "../graphql/cursor";
import { selectedFieldArgs, selectedFieldNames, selectedFirstPage, selectedPaperProps } from "../graphql/selection";
import { Paper } from "../papers/paper.type";
import { PAPER_PROPERTIES, PaperProjection, SelectedPaper } from "../papers/paper.record";
import { RelatedRecord, RelatedWeights, RelatedWork, Signal, SIGNALS } from "./graph.record";
import { RelatedArgs, RelatedWeightsInput } from "./graph.args";
import { validateArgs } from "../graphql/validation";
import { RelatedPage, relatedPaperProps } from "./graph.repository";
import { RelatedEvidence, RelatedPaper, RelatedPaperConnection, YearCount } from "./graph.type";

// A related paper's place in the ranking: score descending, then id. The ranking is this paper's under these weights,
// so the cursor carries a digest of each (RelatedScope) and another paper's list or other weights refuse it.
const RELATED_CURSOR = cursorCodec("r", "Paper.related", { paper: z.string(), weights: z.string(), score: z.number(), id: z.string() });

/** What a related list's order depends on, as its cursors carry it: digests of the paper's id and the effective weights. */
interface RelatedScope {
  paper: string;
  weights: string;
}

/** Whose list a cursor of another scope is, per field of RelatedScope. */
const RELATED_ELSEWHERE = { paper: "the related papers of another paper", weights: "the related papers under other weights" };

@Resolver(() => Paper)
export class PaperGraphResolver {
  @FieldResolver(() => RelatedPaperConnection, {
    description:
      "Papers related to this one, best first (ties by id), with the evidence per signal. score = the sum over " +
      "signals of weight x normalized signal; docs/graph-queries.md#score gives the formula and the default weights.",
  })
  async related(
    @Root() paper: SelectedPaper,
    @Args() args: RelatedArgs,
    @Ctx() { loaders, settings }: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ConnectionValue<RelatedPaper> & RelatedWork> {
    const weights = toWeights(args.weights ?? new RelatedWeightsInput());
    const scope = lazyScope((): RelatedScope => ({ paper: cursorDigest(paper.id), weights: cursorDigest(SIGNALS.map((s) => weights[s])) }));
    const after = afterInScope(RELATED_CURSOR, args.after, scope, RELATED_ELSEWHERE);
    // Evidence is read only when asked for: a list of titles and scores skips its examples and shared words.
    const page = relatedPage(args.first, after, weights, settings, info, []);
    const group = await loaders.relatedByPaperId.load(paper.id, { page });
    const items = group.items.map((r) => toRelatedPaper(r, weights));
    loaders.paperById.prime(group.items.map((r) => r.paper), (p) => p.id, { props: relatedPaperProps(page) });
    // The evidence's example papers came with the page: SignalEvidence.examples finds them here.
    if (page.exampleProps) loaders.paperById.prime(group.examples, (p) => p.id, { props: page.exampleProps });
    const connection = toConnection(items, args, RELATED_CURSOR, (r) => ({ ...scope(), score: r.score, id: r.paper.id }), async () => group.total);
    // Assigned, not spread: the connection's totalCount is a getter that must stay lazy.
    return Object.assign(connection, group.work);
  }

  @FieldResolver(() => [YearCount], { description: "Citations of this paper per year of the citing paper, oldest first; citers with no year are not counted." })
  citationsByYear(@Root() paper: SelectedPaper, @Ctx() { loaders }: Context) {
    return loaders.citationsByYearByPaperId.load(paper.id);
  }
}

/**
 * What relatedByPaperId loads a page of `first` with: one more item, to tell whether there is a next page; the
 * evidence only when it is selected (a list of titles and scores skips its examples and shared words), and the items'
 * papers with the properties selected, the related field being at `path` of `info`'s selection.
 */
function relatedPage(
  first: number,
  after: RelatedPage["after"],
  weights: RelatedWeights,
  settings: RequestSettings,
  info: GraphQLResolveInfo,
  path: readonly string[],
): RelatedPage {
  const node = [...path, "edges", "node"];
  const evidence = selectedFieldNames(info, node).has("evidence");
  const props = selectedPaperProps(info, [...node, "paper"]);
  const exampleProps = evidence ? selectedExampleProps(info, [...node, "evidence"]) : null;
  return { first: first + 1, after, weights, maxExpansions: settings.relatedMaxExpansions, evidence, props, exampleProps };
}

/** The signals whose evidence has example papers (RelatedRanking.examples). */
const EXAMPLE_SIGNALS: readonly Signal[] = ["coCitation", "coupling"];

/**
 * The properties of the example papers selected under the evidence at `path`: the union over the signals' `examples`
 * (a subsequence of PAPER_PROPERTIES, as a projection is), or null when no signal's examples are selected.
 */
function selectedExampleProps(info: GraphQLResolveInfo, path: readonly string[]): PaperProjection | null {
  const selected = EXAMPLE_SIGNALS.filter((s) => selectedFieldNames(info, [...path, s]).has("examples")).map((s) =>
    selectedPaperProps(info, [...path, s, "examples"]),
  );
  return selected.length === 0 ? null : PAPER_PROPERTIES.filter((p) => selected.some((props) => props.includes(p)));
}

/**
 * The page that Paper.related, selected at `path` under a paper being looked up, will load, when the lookup can read
 * it ahead (findPapersWithRelatedByKeys): a first page (selectedFirstPage) whose weights are in bounds. undefined
 * otherwise, and the field reads (or refuses) its arguments itself.
 */
export async function relatedReadAhead(info: GraphQLResolveInfo, path: readonly string[], settings: RequestSettings): Promise<RelatedPage | undefined> {
  const field = [...path, "related"];
  const first = selectedFirstPage(info, field);
  if (first === undefined) return undefined;
  const input = Object.assign(new RelatedWeightsInput(), selectedFieldArgs(info, field)[0].weights);
  // The field's own bounds (RelatedWeightsInput's decorators), through the arguments' shared check, which remembers
  // weights that passed (validation.ts): weights it would refuse are left to the field, which refuses them.
  try {
    await validateArgs(input, RelatedWeightsInput, undefined as never);
  } catch (err) {
    if (err instanceof ArgumentValidationError) return undefined;
    throw err;
  }
  return relatedPage(first, null, toWeights(input), settings, info, field);
}

function toWeights(input: RelatedWeights): RelatedWeights {
  return Object.fromEntries(SIGNALS.map((s) => [s, input[s]])) as RelatedWeights;
}

function toRelatedPaper(r: RelatedRecord, weights: RelatedWeights): RelatedPaper {
  const evidence = Object.fromEntries(
    // A signal of weight 0 is not read (graph.repository.ts): `read` says so next to its zeros.
    SIGNALS.map((s: Signal) => [s, { ...r.evidence[s], read: weights[s] > 0, contribution: weights[s] * r.evidence[s].normalized }]),
  ) as unknown as RelatedEvidence;
  return { paper: r.paper, score: r.score, evidence };
}
