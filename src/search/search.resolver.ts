// The search query: full-text hits over titles, abstracts and summaries, most relevant first, as a connection.
import type { GraphQLResolveInfo } from "graphql";
import { Args, Ctx, Info, Query, Resolver } from "type-graphql";
import { z } from "zod";
import type { Context } from "../graphql/context";
import { ConnectionValue, toConnection } from "../graphql/connection";
import { cursorCodec } from "../graphql/cursor";
import { selectedPaperProps, selectedSummaryProps } from "../graphql/selection";
import { primeFirstPages, selectedFirstPages } from "../papers/first-pages";
import { ALL_SEARCH_FIELDS, SearchField, SearchHitRecord, SearchProjection } from "./search.repository";
import { SearchArgs } from "./search.args";
import { SearchHitConnection } from "./search.type";
import { toLuceneQuery } from "./lucene-query";

// A hit's keyset (see SearchKeyset): score descending, then field, then key.
const SEARCH_CURSOR = cursorCodec("s", "search", { score: z.number(), field: z.enum(ALL_SEARCH_FIELDS), key: z.string() });

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
    const after = SEARCH_CURSOR.decodeAfter(args.after);
    const fields: SearchField[] = args.fields ? [...new Set(args.fields)] : ALL_SEARCH_FIELDS;
    const props: SearchProjection = {
      paper: selectedPaperProps(info, ["edges", "node", "paper"]),
      summary: selectedSummaryProps(info, ["edges", "node", "summary"]),
      // A search result showing each paper's first summaries (or citations) reads them with the hits.
      pages: selectedFirstPages(info, ["edges", "node", "paper"]),
    };
    const items = query === null ? [] : await repositories.search.search(query, fields, after, args.first + 1, props);
    loaders.paperById.prime(items.map((h) => h.paper), (p) => p.id, { props: props.paper });
    primeFirstPages(loaders, props.pages, items);
    return toConnection(items, args, SEARCH_CURSOR, (hit) => hit, async () =>
      query === null ? 0 : repositories.search.count(query, fields),
    );
  }
}
