// Arguments of the paper queries.
import { ArgsType, Field, ID } from "type-graphql";
import { ArrayMaxSize, ArrayMinSize, Length } from "class-validator";
import { ConnectionArgs, MAX_PAGE_SIZE } from "../graphql/page.args";

@ArgsType()
export class PaperArgs {
  @Field(() => ID, { description: "A paper id, an arXiv id (1512.03385, arXiv:1512.03385v2) or a DOI." })
  @Length(1, 300)
  id: string;
}

@ArgsType()
export class PapersArgs extends ConnectionArgs {
  @Field(() => [ID], { nullable: true, description: `Restrict the list to these paper ids (at most ${MAX_PAGE_SIZE}).` })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_PAGE_SIZE)
  @Length(1, 300, { each: true })
  ids?: string[];
}
