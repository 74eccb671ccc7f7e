// Arguments of the summary mutations, with their bounds as decorators.
import { ArgsType, Field, ID, Int } from "type-graphql";
import { IsIn, IsOptional, Length } from "class-validator";
import type { VoteValue } from "./summary-write.repository";
import { IsNotBlank, IsPaperName, IsSummaryId, MaxCodeUnits } from "../graphql/validators";

/** In UTF-16 code units (MaxCodeUnits), so at most 300 kB of UTF-8 (docs/security-and-limits.md). */
export const MAX_BODY_LENGTH = 100_000;
const BODY_BOUND = `at most ${MAX_BODY_LENGTH.toLocaleString("en")} characters (UTF-16 code units: an emoji counts 2 or more)`;

@ArgsType()
export class SummaryIdArgs {
  @Field(() => ID)
  @Length(1, 300)
  @IsSummaryId()
  id: string;
}

@ArgsType()
export class AddSummaryArgs {
  @Field(() => ID, { description: "The paper summarized, by paper id, arXiv id or DOI; it must exist." })
  @Length(1, 300)
  @IsPaperName()
  paperId: string;

  @Field(() => String, { nullable: true, description: "A curator importing someone else's text names its author here; for a contributor only their own name (or nothing)." })
  @IsOptional()
  @Length(1, 300)
  @IsNotBlank()
  author?: string | null;

  @Field({ description: `Markdown, ${BODY_BOUND}; LaTeX between $...$.` })
  @MaxCodeUnits(MAX_BODY_LENGTH)
  @IsNotBlank()
  body: string;
}

@ArgsType()
export class EditSummaryArgs extends SummaryIdArgs {
  @Field({ description: `The new markdown, ${BODY_BOUND}.` })
  @MaxCodeUnits(MAX_BODY_LENGTH)
  @IsNotBlank()
  body: string;
}

@ArgsType()
export class VoteSummaryArgs extends SummaryIdArgs {
  @Field(() => Int, { description: "1 votes up, -1 down, 0 withdraws the vote; voting the same again changes nothing." })
  @IsIn([-1, 0, 1])
  value: VoteValue;
}
