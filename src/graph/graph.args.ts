// Arguments of graph exploration, with their bounds as validation decorators.
import { ArgsType, Field, Float, ID, InputType, Int } from "type-graphql";
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsIn, Length, Max, Min, ValidateNested } from "class-validator";
import { ConnectionArgs, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "../graphql/page.args";
import { IsNotAfter } from "../graphql/validators";
import type { RelatedWeights } from "./graph.record";
import { Direction, EdgeKind } from "./graph.type";

export const MAX_SEEDS = MAX_PAGE_SIZE;
export const MAX_DEPTH = 3;
export const MAX_PATH_DEPTH = 6;
export const DEFAULT_NODE_LIMIT = 500;
export const MAX_NODE_LIMIT = 5000;
const MAX_WEIGHT = 100;
const ALL_EDGE_KINDS = [EdgeKind.CITES, EdgeKind.SEE_ALSO];

@InputType({ description: `How much each signal counts in Paper.related, each 0 to ${MAX_WEIGHT}; 0 switches a signal off.` })
export class RelatedWeightsInput implements RelatedWeights {
  @Field(() => Float)
  @Min(0)
  @Max(MAX_WEIGHT)
  seeAlso: number = 1;

  @Field(() => Float)
  @Min(0)
  @Max(MAX_WEIGHT)
  cites: number = 0.5;

  @Field(() => Float)
  @Min(0)
  @Max(MAX_WEIGHT)
  citedBy: number = 0.5;

  @Field(() => Float)
  @Min(0)
  @Max(MAX_WEIGHT)
  coCitation: number = 1;

  @Field(() => Float)
  @Min(0)
  @Max(MAX_WEIGHT)
  coupling: number = 1;

  @Field(() => Float, { description: "Similar wording of title and abstract (docs/graph-queries.md#score)." })
  @Min(0)
  @Max(MAX_WEIGHT)
  text: number = 0.5;
}

@ArgsType()
export class RelatedArgs extends ConnectionArgs {
  @Field(() => RelatedWeightsInput, { nullable: true, description: "Signal weights; omitted fields keep their defaults." })
  @ValidateNested()
  weights?: RelatedWeightsInput;
}

/** Seed papers of a set query: 1 to 100 distinct paper ids. */
@ArgsType()
export class SeedArgs {
  @Field(() => [ID], { description: `The seed papers, 1 to ${MAX_SEEDS}, each by paper id, arXiv id or DOI.` })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_SEEDS)
  @Length(1, 300, { each: true })
  ids: string[];
}

@ArgsType()
export class RankedSeedArgs extends SeedArgs {
  @Field(() => Int, { description: `How many papers, 1 to ${MAX_PAGE_SIZE}.` })
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first: number = DEFAULT_PAGE_SIZE;
}

/** A window of publication years, either end open; every query that takes one inherits its bounds and their order. */
@ArgsType()
export class YearWindowArgs {
  @Field(() => Int, {
    nullable: true,
    description: "Only papers published in or after this year, not after yearTo; a paper with no year is outside any window.",
  })
  @Min(0)
  @Max(9999)
  @IsNotAfter("yearTo")
  yearFrom?: number;

  @Field(() => Int, {
    nullable: true,
    description: "Only papers published in or before this year, not before yearFrom; a paper with no year is outside any window.",
  })
  @Min(0)
  @Max(9999)
  yearTo?: number;
}

@ArgsType()
export class TopCitedArgs extends YearWindowArgs {
  @Field(() => Int, { description: `How many papers, 1 to ${MAX_PAGE_SIZE}.` })
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first: number = DEFAULT_PAGE_SIZE;
}

@ArgsType()
export class NeighbourhoodArgs extends YearWindowArgs {
  @Field(() => [ID], { description: `The seeds, 1 to ${MAX_SEEDS}, each by paper id, arXiv id or DOI.` })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_SEEDS)
  @Length(1, 300, { each: true })
  ids: string[];

  @Field(() => Int, { description: `Hops from the seeds, 1 to ${MAX_DEPTH}.` })
  @Min(1)
  @Max(MAX_DEPTH)
  depth: number = 1;

  @Field(() => Direction)
  @IsIn(Object.values(Direction))
  direction: Direction = Direction.BOTH;

  @Field(() => [EdgeKind], { description: "The edge kinds to follow and to return." })
  @ArrayMinSize(1)
  @ArrayUnique()
  edges: EdgeKind[] = ALL_EDGE_KINDS;

  @Field(() => Int, {
    description: `At most this many nodes, seeds included, 1 to ${MAX_NODE_LIMIT}, and at least the number of distinct seeds.`,
  })
  @Min(1)
  @Max(MAX_NODE_LIMIT)
  limit: number = DEFAULT_NODE_LIMIT;
}

@ArgsType()
export class CitationPathArgs {
  @Field(() => ID, { description: "A paper id, an arXiv id or a DOI." })
  @Length(1, 300)
  from: string;

  @Field(() => ID, { description: "A paper id, an arXiv id or a DOI." })
  @Length(1, 300)
  to: string;

  @Field(() => Int, { description: `The longest path looked for, in edges, 1 to ${MAX_PATH_DEPTH}.` })
  @Min(1)
  @Max(MAX_PATH_DEPTH)
  maxDepth: number = 4;

  @Field({ description: "True follows edges only in their direction, from `from` towards `to`." })
  directed: boolean = false;

  @Field(() => [EdgeKind])
  @ArrayMinSize(1)
  @ArrayUnique()
  edges: EdgeKind[] = ALL_EDGE_KINDS;

  @Field(() => Int, {
    description: `How many of the shortest paths, 1 to ${MAX_PAGE_SIZE}, in order of their paper ids, then edge kinds, then edge directions.`,
  })
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first: number = 10;
}
