// The search query: full-text hits over titles, abstracts and summaries, most relevant first, as a connection.
import type { GraphQLResolveInfo } from "graphql";
import { Args, Ctx, Info, Query, Resolver } from "type-graphql";
import { z } from "zod";
import type { Context } from "../graphql/context";
import { ConnectionValue, toConnection } from "../graphql/connection";
import { afterInScope, cursorCodec, cursorDigest, lazyScope } from "../graphql/cursor";
import { selectedPaperProps, selectedSummaryProps } from "../graphql/selection";
import { primeFirstPages, selectedFirstPages } from "../papers/first-pages";
import { ALL_SEARCH_FIELDS, SearchField, SearchHitRecord, SearchProjection } from "./search.repository";
import { SearchArgs } from "./search.args";
import { SearchHitConnection } from "./search.type";
import { toLuceneQuery } from "./lucene-query";

// A hit's keyset (see SearchKeyset): score descending, then field, then key. The scores are this search's, so the
// cursor carries a digest of the words searched and of the fields (SearchScope): another search refuses it.
const SEARCH_CURSOR = cursorCodec("s", "search", {
  words: z.string(),
  fields: z.string(),
  score: z.number(),
  field: z.enum(ALL_SEARCH_FIELDS),
  key: z.string(),
});

/**
 * What a search's hits and their order depend on, as its cursors carry it: digests of the words as searched (the
 * Lucene query, so two spellings of the same words are one search) and of the set of fields, in a fixed order.
 */
interface SearchScope {
  words: string;
  fields: string;
}

/** Whose list a cursor of another scope is, per field of SearchScope. */
const SEARCH_ELSEWHERE = { words: "a search for other words", fields: "a search of other fields" };

@Resolver()
export class SearchResolver {
  @Query(() => SearchHitConnection, {
    description:
      "Full-text search over paper titles, abstracts and summary bodies; one hit per matching field, best first. A cursor " +
      "is this search's: one from a search for other words or of other fields is refused with BAD_USER_INPUT.",
  })
  async search(
    @Args() args: SearchArgs,
    @Ctx() { repositories, loaders }: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ConnectionValue<SearchHitRecord>> {
    const query = toLuceneQuery(args.query);
    const fields: SearchField[] = args.fields ? [...new Set(args.fields)] : ALL_SEARCH_FIELDS;
    const scope = lazyScope((): SearchScope => ({ words: cursorDigest(query), fields: cursorDigest(ALL_SEARCH_FIELDS.filter((f) => fields.includes(f))) }));
    // Checked even when no word is left to search, so a cursor of another search is refused whatever the words.
    const after = afterInScope(SEARCH_CURSOR, args.after, scope, SEARCH_ELSEWHERE);
    const props: SearchProjection = {
      paper: selectedPaperProps(info, ["edges", "node", "paper"]),
      summary: selectedSummaryProps(info, ["edges", "node", "summary"]),
      // A search result showing each paper's first summaries (or citations) reads them with the hits.
      pages: selectedFirstPages(info, ["edges", "node", "paper"]),
    };
    const items = query === null ? [] : await repositories.search.search(query, fields, after, args.first + 1, props);
    loaders.paperById.prime(items.map((h) => h.paper), (p) => p.id, { props: props.paper });
    primeFirstPages(loaders, props.pages, items);
    return toConnection(items, args, SEARCH_CURSOR, (hit) => ({ ...scope(), score: hit.score, field: hit.field, key: hit.key }), async () =>
      query === null ? 0 : repositories.search.count(query, fields),
    );
  }
}
