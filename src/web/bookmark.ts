// The browser's causal token: the last Neo4j-Bookmark a response gave, kept for the tab (sessionStorage, shared by
// GraphiQL and the explorer) and sent with every later request, so a reload on another server instance still shows
// what this tab wrote (docs/deployment.md#reading-your-writes).
const HEADER = "Neo4j-Bookmark";
const KEY = "papers-graph.neo4j-bookmark";

/** The header to send: the last bookmark this tab received, if any. */
export function bookmarkHeaders(): Record<string, string> {
  const bookmark = sessionStorage.getItem(KEY);
  return bookmark ? { [HEADER]: bookmark } : {};
}

/** Keeps the bookmark of a response to a write; a read's response carries none and leaves the kept one. */
export function keepBookmark(res: Response): void {
  const bookmark = res.headers.get(HEADER);
  if (bookmark) sessionStorage.setItem(KEY, bookmark);
}
