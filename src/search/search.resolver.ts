// The search query: full-text hits over titles, abstracts and summaries, most relevant first, as a connection.
import type { GraphQLResolveInfo } from "graphql";
import { Args, Ctx, Info, Query, Resolver } from "type-graphql";
import type { Context } from "../graphql/context";
import { ConnectionValue, toConnection } from "../graphql/connection";
import { decodeCursor } from "../graphql/cursor";
import { badUserInput } from "../graphql/errors";
import { selectedPaperProps, selectedSummaryProps } from "../graphql/selection";
import { ALL_SEARCH_FIELDS, SearchField, SearchHitRecord, SearchKeyset } from "./search.repository";
import { SearchArgs } from "./search.args";
import { SearchHitConnection } from "./search.type";
import { toLuceneQuery } from "./lucene-query";

const FIELDS = new Set(["TITLE", "ABSTRACT", "SUMMARY"]);

/** A search cursor holds the hit's keyset (score, field, key) as JSON inside the usual opaque cursor. */
function keysetOf(hit: SearchHitRecord): string {
  return JSON.stringify([hit.score, hit.field, hit.key]);
}

function decodeKeyset(cursor: string): SearchKeyset {
  const raw = decodeCursor(cursor);
  try {
    const [score, field, key] = JSON.parse(raw) as unknown[];
    if (typeof score === "number" && typeof field === "string" && FIELDS.has(field) && typeof key === "string") {
      return { score, field: field as SearchKeyset["field"], key };
    }
  } catch {
    // fall through to the error below
  }
  throw badUserInput(`The cursor "${cursor.slice(0, 60)}" is not a search cursor: pass an endCursor from an earlier search page.`);
}

@Resolver()
export class SearchResolver {
  @Query(() => SearchHitConnection, {
    description: "Full-text search over paper titles, abstracts and summary bodies; one hit per matching field, best first.",
  })
  async search(
    @Args() args: SearchArgs,
    @Ctx() { repositories, loaders }: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ConnectionValue<SearchHitRecord>> {
    const query = toLuceneQuery(args.query);
    const after = args.after == null ? null : decodeKeyset(args.after);
    const fields: SearchField[] = args.fields ? [...new Set(args.fields)] : ALL_SEARCH_FIELDS;
    const props = {
      paper: selectedPaperProps(info, ["edges", "node", "paper"]),
      summary: selectedSummaryProps(info, ["edges", "node", "summary"]),
    };
    const items = query === null ? [] : await repositories.search.search(query, fields, after, args.first + 1, props);
    loaders.paperById.prime(items.map((h) => h.paper), (p) => p.id, { props: props.paper });
    return toConnection(items, args.first, args.after != null, keysetOf, async () =>
      query === null ? 0 : repositories.search.count(query, fields),
    );
  }
}
