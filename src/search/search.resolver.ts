// The search query: full-text hits over titles, abstracts and summaries, most relevant first, as a connection.
import type { GraphQLResolveInfo } from "graphql";
import { Args, Ctx, Info, Query, Resolver } from "type-graphql";
import { z } from "zod";
import type { Context } from "../graphql/context";
import { ConnectionValue, toConnection } from "../graphql/connection";
import { cursorCodec } from "../graphql/cursor";
import { listPage, MAX_PAGE_SIZE } from "../graphql/page.args";
import { selectedFieldArgs, selectedPaperProps, selectedSummaryProps } from "../graphql/selection";
import { ALL_SEARCH_FIELDS, SearchField, SearchHitRecord, SearchProjection } from "./search.repository";
import { SearchArgs } from "./search.args";
import { SearchHitConnection } from "./search.type";
import { toLuceneQuery } from "./lucene-query";

// A hit's keyset (see SearchKeyset): score descending, then field, then key.
const SEARCH_CURSOR = cursorCodec("s", "search", { score: z.number(), field: z.enum(ALL_SEARCH_FIELDS), key: z.string() });

const HIT_SUMMARIES = ["edges", "node", "paper", "summaries"];

/**
 * The hits' Paper.summaries when selected once for a first page (a search result showing each paper's first
 * summary): read with the hits, one statement instead of two. Anything else (an alias twice, a later page, a size
 * out of bounds, which the field's own validation refuses) is left to Paper.summaries and its loader.
 */
function hitSummaries(info: GraphQLResolveInfo): SearchProjection["paperSummaries"] {
  const asked = selectedFieldArgs(info, HIT_SUMMARIES);
  if (asked.length !== 1) return undefined;
  const { first, after } = asked[0];
  if (after != null || !Number.isInteger(first) || (first as number) < 1 || (first as number) > MAX_PAGE_SIZE) return undefined;
  return { first: first as number, props: selectedSummaryProps(info, HIT_SUMMARIES) };
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
    const after = SEARCH_CURSOR.decodeAfter(args.after);
    const fields: SearchField[] = args.fields ? [...new Set(args.fields)] : ALL_SEARCH_FIELDS;
    const props: SearchProjection = {
      paper: selectedPaperProps(info, ["edges", "node", "paper"]),
      summary: selectedSummaryProps(info, ["edges", "node", "summary"]),
      paperSummaries: hitSummaries(info),
    };
    const items = query === null ? [] : await repositories.search.search(query, fields, after, args.first + 1, props);
    loaders.paperById.prime(items.map((h) => h.paper), (p) => p.id, { props: props.paper });
    const read = props.paperSummaries;
    if (read) {
      const lists = items.map((h) => [h.paper.id, h.paperSummaries ?? []] as const);
      loaders.summariesByPaperId.primeKeyed(lists, { props: read.props, page: listPage(read.first) });
    }
    return toConnection(items, args, SEARCH_CURSOR, (hit) => hit, async () =>
      query === null ? 0 : repositories.search.count(query, fields),
    );
  }
}
