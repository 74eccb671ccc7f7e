// Paging arguments, with their bounds as validation decorators, and the one check of a nested list's `after`.
import { ArgsType, Field, ID, Int } from "type-graphql";
import { Length, Max, Min } from "class-validator";
import type { Page } from "../neo4j/page";
import { badUserInput } from "./errors";

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

/**
 * Refuses a nested list's page that came back empty after an item no longer in the list. The item `after` names gives
 * the page its place (by its id, its sort key or its byline position); once the item has left the list (deleted, or
 * taken off a byline, since the client read it) it has none, and every page after it would read as an empty end
 * whatever follows. So an empty page after an item asks `listed` whether the item is still in the list, and if not the
 * client is told to read the list again rather than shown an end that is not there. `what` names the list's items
 * ("a summary of this paper"), `gone` what became of this one ("is none (deleted since it was read?)").
 */
export async function expectListedAfter(
  page: readonly unknown[],
  after: string,
  listed: (after: string) => Promise<boolean>,
  what: string,
  gone: string,
): Promise<void> {
  if (page.length > 0 || after === "" || (await listed(after))) return;
  throw badUserInput(`after must name ${what}: "${after.slice(0, 100)}" ${gone}. Read the list again from its start.`);
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
