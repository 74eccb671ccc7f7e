// Arguments of the person queries.
import { ArgsType, Field } from "type-graphql";
import { Length } from "class-validator";

@ArgsType()
export class PersonArgs {
  @Field()
  @Length(1, 300)
  name: string;
}
