// Arguments of the search query.
import { ArgsType, Field } from "type-graphql";
import { ArrayMaxSize, ArrayMinSize, Length } from "class-validator";
import { SearchFieldEnum } from "./search.type";
import { ConnectionArgs } from "../graphql/page.args";

@ArgsType()
export class SearchArgs extends ConnectionArgs {
  @Field({ description: "Plain words, 1 to 500 characters; any Lucene syntax in them is searched as text." })
  @Length(1, 500)
  query: string;

  @Field(() => [SearchFieldEnum], { nullable: true, description: "Search only these fields; all three when omitted." })
  @ArrayMinSize(1)
  @ArrayMaxSize(3)
  fields?: SearchFieldEnum[];
}
