// The client's side of causal consistency: the Neo4j-Bookmark header in (checked for shape), and out after a write.
import { GraphQLError } from "graphql";

/** Request and response header (HTTP headers are case-insensitive; node hands them over lower-case). */
export const BOOKMARK_HEADER = "neo4j-bookmark";

// Neo4j 5 bookmarks read "FB:" and then base64 of a few dozen bytes per database (docs/deployment.md#
// reading-your-writes). A cluster with many databases makes them longer, never this long; the bounds keep a client
// from making the driver carry an arbitrary amount.
const MAX_BOOKMARKS = 16;
const MAX_BOOKMARK_LENGTH = 1024;
const SHAPE = /^[A-Za-z]{1,16}:[A-Za-z0-9+/_-]+={0,2}$/;

function malformed(why: string): GraphQLError {
  return new GraphQLError(`The ${BOOKMARK_HEADER} header is malformed: ${why}. Send back the value a response of this API gave, unchanged.`, {
    extensions: { code: "BAD_USER_INPUT", http: { status: 400 } },
  });
}

/** The bookmarks a request names (comma-separated; a repeated header is joined with commas): none when absent. */
export function parseBookmarkHeader(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  const items = (Array.isArray(value) ? value.join(",") : value).split(",").map((item) => item.trim());
  if (items.length > MAX_BOOKMARKS) throw malformed(`at most ${MAX_BOOKMARKS} bookmarks`);
  for (const item of items) {
    if (item.length === 0) throw malformed("an empty bookmark");
    if (item.length > MAX_BOOKMARK_LENGTH) throw malformed(`a bookmark longer than ${MAX_BOOKMARK_LENGTH} characters`);
    if (!SHAPE.test(item)) throw malformed("not a Neo4j bookmark");
  }
  return [...new Set(items)];
}

/** One header value (and `extensions.bookmark`) for a response: the bookmarks joined by commas. */
export function formatBookmarks(bookmarks: readonly string[]): string {
  return bookmarks.join(",");
}
