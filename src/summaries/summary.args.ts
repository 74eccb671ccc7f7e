// Arguments of the summary queries.
import { ArgsType, Field, ID, InputType, registerEnumType } from "type-graphql";
import { IsOptional, Length, ValidateNested } from "class-validator";
import { GraphQLDateTime } from "graphql-scalars";
import { z } from "zod";
import { ConnectionArgs } from "../graphql/page.args";
import { CursorCodec, cursorCodec } from "../graphql/cursor";
import type { SummaryFeedKeys } from "./summary.repository";

@ArgsType()
export class SummaryArgs {
  @Field(() => ID)
  @Length(1, 300)
  id: string;
}

export enum SummaryOrder {
  NEWEST = "NEWEST",
  TOP = "TOP",
}

registerEnumType(SummaryOrder, {
  name: "SummaryOrder",
  description:
    "Order of the summaries feed; ties are broken by id, so each ordering pages without skipping or repeating while nothing is written. " +
    "Votes change: a summary voted on between two pages of TOP can move across the cursor, and is then seen twice or not at all; " +
    "NEWEST, whose sort value never changes, is the order to page by.",
  valuesConfig: {
    NEWEST: { description: "Most recently written first (the front page; the default)." },
    TOP: { description: "Most votes first; votes cast between two pages can repeat or skip a summary (see SummaryOrder)." },
  },
});

/** Which summaries a feed holds besides its order, as its cursors carry it: a digest of the effective filter. */
export interface SummaryFeedScope {
  filter: string;
}

// The cursors of `summaries`, one per ordering, so a cursor of one ordering is refused by another; each starts with
// the feed's scope, so a cursor read under another filter is refused too.
export const FEED_CURSORS: { [O in SummaryOrder]: CursorCodec<SummaryFeedScope & SummaryFeedKeys[O]> } = {
  [SummaryOrder.NEWEST]: cursorCodec("sn", "summaries ordered by NEWEST", {
    filter: z.string(),
    // Years 1 to 9999, as RFC 3339 writes them: a forged cursor outside gets BAD_USER_INPUT, not a database error.
    seconds: z.int().min(-62_135_596_800).max(253_402_300_799),
    nanos: z.int().min(0).max(999_999_999),
    id: z.string(),
  }),
  [SummaryOrder.TOP]: cursorCodec("sv", "summaries ordered by TOP", { filter: z.string(), votes: z.int(), id: z.string() }),
};

@InputType({ description: "Conditions a summary in the feed meets; all given ones must hold." })
export class SummaryFilterInput {
  @Field(() => ID, { nullable: true, description: "Only summaries of this paper: a paper id, an arXiv id or a DOI, as paper(id:) takes." })
  @IsOptional()
  @Length(1, 300)
  paperId?: string;

  @Field({
    nullable: true,
    description: "Only summaries whose author has this exact name, as Summary.author shows it: an author's name, or a signed-in writer's display name.",
  })
  @IsOptional()
  @Length(1, 300)
  authorName?: string;

  @Field(() => GraphQLDateTime, { nullable: true, description: "Only summaries written at or after this time." })
  since?: Date;
}

@ArgsType()
export class SummariesArgs extends ConnectionArgs {
  @Field(() => SummaryFilterInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  filter?: SummaryFilterInput;

  @Field(() => SummaryOrder, { defaultValue: SummaryOrder.NEWEST })
  orderBy: SummaryOrder = SummaryOrder.NEWEST;
}
