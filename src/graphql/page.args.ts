// Paging arguments, with their bounds as validation decorators.
import { ArgsType, Field, ID, Int } from "type-graphql";
import { Length, Max, Min } from "class-validator";
import type { Page } from "../neo4j/page";

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

/** Arguments of a nested list: `after` is the id (or name) of the last item of the previous page. */
@ArgsType()
export class ListArgs {
  @Field(() => Int, { description: `How many items, 1 to ${MAX_PAGE_SIZE}.` })
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first: number = DEFAULT_PAGE_SIZE;

  @Field(() => ID, {
    nullable: true,
    description: "The id of the last item already seen; the list continues after it (keyset paging).",
  })
  @Length(1, 300)
  after?: string;

  toPage(): Page {
    return listPage(this.first, this.after);
  }
}

/** The page of a nested list, as its loaders key it: ListArgs.toPage and the reads that look ahead build it here. */
export function listPage(first: number, after?: string | null): Page {
  return { first, after: after ?? "" };
}

/** Arguments of a Relay connection: `after` is an opaque cursor from `pageInfo.endCursor`. */
@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { description: `How many edges, 1 to ${MAX_PAGE_SIZE}.` })
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first: number = DEFAULT_PAGE_SIZE;

  @Field(() => String, { nullable: true, description: "A cursor from an earlier page's pageInfo.endCursor." })
  @Length(1, 1000)
  after?: string;
}
