// Arguments of the summary queries.
import { ArgsType, Field, ID } from "type-graphql";
import { Length } from "class-validator";

@ArgsType()
export class SummaryArgs {
  @Field(() => ID)
  @Length(1, 300)
  id: string;
}
