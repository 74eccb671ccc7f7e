// GraphQL types of graph exploration: related papers with their evidence, subgraphs, paths and rankings.
import { Field, Float, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { ConnectionType } from "../graphql/connection";
import { Paper } from "../papers/paper.type";
import type { SelectedPaper } from "../papers/paper.record";
import type { DirectionName, EdgeKindName } from "./graph.record";

export enum EdgeKind {
  CITES = "CITES",
  SEE_ALSO = "SEE_ALSO",
}
registerEnumType(EdgeKind, { name: "EdgeKind", description: "The kinds of edge between papers a traversal may follow." });

export enum Direction {
  OUT = "OUT",
  IN = "IN",
  BOTH = "BOTH",
}
registerEnumType(Direction, {
  name: "Direction",
  description: "OUT follows edges as stored (towards cited papers), IN against them (towards citing papers), BOTH either way.",
});

// The enums' values are the repository's allow-listed names; these checks keep the two in step at compile time.
export const edgeKindName = (k: EdgeKind): EdgeKindName => k;
export const directionName = (d: Direction): DirectionName => d;

const READ_DESCRIPTION =
  "False when this signal's weight is 0: it was not read at all, so its count, normalized value and examples are 0 " +
  "and empty for that reason, not because the papers share nothing.";
const TEXT_READ_DESCRIPTION =
  "False when the text weight is 0: the words were not compared at all, so count, normalized value and terms are 0 " +
  "and empty for that reason, not because the papers share no words.";

@ObjectType({ description: "One signal behind a related paper: how strong it is and which papers produced it." })
export class SignalEvidence {
  @Field(() => Int, {
    description:
      "Raw count: see-also links or citations between the two papers (0-2, 0-1, 0-1), or the papers citing both " +
      "(coCitation) or the references both cite (coupling): exact when the connection is `complete` and `read` is true.",
  })
  count: number;

  @Field({ description: READ_DESCRIPTION })
  read: boolean;

  @Field(() => Float, { description: "The signal on a 0..1 scale, before weighting (docs/graph-queries.md#score gives the formula)." })
  normalized: number;

  @Field(() => Float, { description: "weight x normalized: this signal's share of the score." })
  contribution: number;

  /** Resolved to papers only when asked for. */
  exampleIds: string[];
}

@ObjectType({
  description:
    "The similar-wording signal: how strong it is and which words produced it. A stub (a paper known only as a " +
    "reference) has no words, its title being an identifier or a link's text: it queries nothing, shares nothing and " +
    "is never a text hit.",
})
export class TextEvidence {
  @Field(() => Int, {
    description:
      "How many of this paper's query words (its most frequent, stop words left out) the related one uses, counted " +
      "for every related paper, whether or not it is among the text hits that `normalized` scores.",
  })
  count: number;

  @Field({ description: TEXT_READ_DESCRIPTION })
  read: boolean;

  @Field(() => Float, {
    description:
      "The related paper's full-text score for those words over the best score (usually this paper's own), 0..1. " +
      "Only the text hits are scored, the best 50 hits of each full-text index (title, abstract) less any stubs " +
      "among them: a paper outside them, listed for its edges, has 0 here even when it shares words (count, terms).",
  })
  normalized: number;

  @Field(() => Float, { description: "weight x normalized: this signal's share of the score." })
  contribution: number;

  @Field(() => [String], { description: "Up to 10 shared words, this paper's most frequent first (for every related paper, as count)." })
  terms: string[];
}

@ObjectType({ description: "Why a paper is related, signal by signal. score = the sum of the contributions." })
export class RelatedEvidence {
  @Field(() => SignalEvidence, { description: "Human 'see also' links, either direction." })
  seeAlso: SignalEvidence;

  @Field(() => SignalEvidence, { description: "This paper cites the related one." })
  cites: SignalEvidence;

  @Field(() => SignalEvidence, { description: "The related paper cites this one." })
  citedBy: SignalEvidence;

  @Field(() => SignalEvidence, { description: "Papers citing both (co-citation); examples are the shared citers." })
  coCitation: SignalEvidence;

  @Field(() => SignalEvidence, { description: "References both cite (bibliographic coupling); examples are those references." })
  coupling: SignalEvidence;

  @Field(() => TextEvidence, { description: "Similar wording of title and abstract, for papers with or without edges." })
  text: TextEvidence;
}

@ObjectType({ description: "A paper related to another, its score and the evidence for it." })
export class RelatedPaper {
  @Field(() => Paper)
  paper: SelectedPaper;

  @Field(() => Float)
  score: number;

  @Field(() => RelatedEvidence)
  evidence: RelatedEvidence;
}

@ObjectType({
  description:
    "Related papers: every paper joined to this one by a see-also link, a citation, a shared citer or a shared " +
    "reference, and of the papers with similar wording the text hits only, the best 50 hits of each full-text index " +
    "(title, abstract) less any stubs among them, not every paper that shares a word; totalCount counts those with a " +
    "score above 0. The co-citation and coupling counts are exact when `complete` is true; otherwise the work budget " +
    "(docs/graph-queries.md#bounded-work) stopped the second hop early and they are exact counts over the " +
    "`intermediatesExamined` intermediates only, so lower bounds.",
})
export class RelatedPaperConnection extends ConnectionType(RelatedPaper) {
  @Field({
    description:
      "True when every shared citer and shared reference was counted: every count is exact. It says nothing of the " +
      "text signal, whose candidates are the text hits (the best 50 of each full-text index) whatever the budget.",
  })
  complete: boolean;

  @Field(() => Int, { description: "Edges the second hop of co-citation and coupling expanded." })
  edgesExpanded: number;

  @Field(() => Int, { description: "The paper's citers and references whose edges were expanded (those of switched-off signals are not)." })
  intermediatesExamined: number;

  @Field(() => Int, { description: "All of the paper's citers and references the two 2-hop signals would expand." })
  intermediatesTotal: number;
}

@ObjectType()
export class YearCount {
  @Field(() => Int)
  year: number;

  @Field(() => Int)
  count: number;
}

@ObjectType()
export class DepthCount {
  @Field(() => Int)
  depth: number;

  @Field(() => Int)
  count: number;
}

@ObjectType({ description: "A paper and the count that ranks it in a list." })
export class RankedPaper {
  /** Resolved through the by-id loader, so a list of ids costs one batched lookup. */
  paperId: string;

  @Field(() => Int)
  count: number;
}

@ObjectType()
export class SubgraphNode {
  id: string;

  @Field(() => Int, { description: "Hops from the nearest seed; seeds have depth 0." })
  depth: number;
}

@ObjectType({ description: "A stored edge, always in its own direction (from cites to, from links to)." })
export class GraphEdge {
  @Field(() => ID)
  from: string;

  @Field(() => ID)
  to: string;

  @Field(() => EdgeKind)
  kind: EdgeKind;
}

@ObjectType()
export class SubgraphStats {
  @Field(() => Int)
  nodeCount: number;

  @Field(() => Int)
  edgeCount: number;

  @Field(() => [DepthCount], { description: "Nodes at each depth, from 0 (the seeds)." })
  nodesByDepth: DepthCount[];

  @Field(() => [YearCount], {
    description: "CITES edges inside the subgraph, by the citing paper's year; edges from a paper with no year are not counted.",
  })
  citationsByYear: YearCount[];

  @Field(() => [RankedPaper], { description: "The 10 papers cited most from inside the subgraph; count = those citations." })
  topCited: RankedPaper[];
}

@ObjectType({ description: "The papers around some seeds and the edges among them (the induced subgraph)." })
export class Subgraph {
  @Field(() => [SubgraphNode], { description: "By depth, then most-cited first, then id." })
  nodes: SubgraphNode[];

  @Field(() => [GraphEdge], { description: "Every edge of the chosen kinds between two nodes, by from, to, kind." })
  edges: GraphEdge[];

  @Field({ description: "True when the node limit cut the last level short (its most-cited nodes were kept)." })
  truncated: boolean;

  @Field(() => SubgraphStats)
  stats: SubgraphStats;
}

@ObjectType({ description: "One shortest path: papers from `from` to `to`, and the edge between each pair." })
export class CitationPath {
  paperIds: string[];

  @Field(() => Int, { description: "Number of edges." })
  length: number;

  @Field(() => [GraphEdge], { description: "The edges in path order, each in its stored direction." })
  edges: GraphEdge[];
}
