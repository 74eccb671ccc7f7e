// Arguments of the summary mutations, with their bounds as decorators.
import { ArgsType, Field, ID } from "type-graphql";
import { IsOptional, Length, MaxLength } from "class-validator";
import { IsNotBlank, IsPaperName, IsSummaryId } from "../graphql/validators";

export const MAX_BODY_LENGTH = 100_000;

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

  @Field(() => String, { nullable: true, description: "Who wrote the summary (a person's name), if known." })
  @IsOptional()
  @Length(1, 300)
  @IsNotBlank()
  author?: string | null;

  @Field({ description: `Markdown, at most ${MAX_BODY_LENGTH.toLocaleString("en")} characters; LaTeX between $...$.` })
  @MaxLength(MAX_BODY_LENGTH)
  @IsNotBlank()
  body: string;
}

@ArgsType()
export class EditSummaryArgs extends SummaryIdArgs {
  @Field({ description: `The new markdown, at most ${MAX_BODY_LENGTH.toLocaleString("en")} characters.` })
  @MaxLength(MAX_BODY_LENGTH)
  @IsNotBlank()
  body: string;
}

@ArgsType()
export class VoteSummaryArgs extends SummaryIdArgs {
  @Field({ description: "true adds a vote, false takes one away." })
  up: boolean;
}
