// Keyset pages for batched list queries: every such query takes $ids, $after and $limit and returns (key, items).
import type { Database } from "./database";
import { int, Row } from "./values";

/** A keyset page: `after` is the sort key of the last item already seen, "" for the first page. */
export interface Page {
  first: number;
  after: string;
}

export interface Group<T> {
  key: string;
  items: T[];
}

/** Runs one grouped list query for many parents at once and maps each item; `params` are the query's others. */
export async function readGroups<T, I = Row>(
  db: Database,
  cypher: string,
  keys: readonly string[],
  page: Page,
  map: (item: I) => T,
  params: Record<string, unknown> = {},
): Promise<Group<T>[]> {
  const rows = await db.read(cypher, { ...params, ids: [...keys], after: page.after, limit: int(page.first) });
  return rows.map((r) => ({ key: r.key as string, items: (r.items as I[]).map(map) }));
}
