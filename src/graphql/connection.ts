// Relay connection types: PageInfo and a factory for <Node>Connection / <Node>Edge.
import { ClassType, Field, Int, ObjectType } from "type-graphql";
import type { CursorCodec } from "./cursor";

@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage: boolean;

  @Field()
  hasPreviousPage: boolean;

  @Field(() => String, { nullable: true })
  startCursor: string | null;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

export interface ConnectionValue<T> {
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: PageInfo;
  /** A getter: counted only when the client selects totalCount. */
  readonly totalCount: Promise<number>;
}

export function ConnectionType<T extends object>(node: ClassType<T>) {
  @ObjectType(`${node.name}Edge`)
  class Edge {
    @Field()
    cursor: string;

    @Field(() => node)
    node: T;
  }

  @ObjectType()
  abstract class Connection {
    @Field(() => [Edge])
    edges: Edge[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;

    // ConnectionValue.totalCount is a getter, so the count query runs only when this field is selected.
    @Field(() => Int, { description: "How many items the whole list holds, across all pages." })
    totalCount: number;
  }
  return Connection;
}

/**
 * Builds a connection page from `first + 1` fetched items (the extra one only tells whether a next page exists);
 * each edge's cursor is the list's codec applied to the item's key.
 */
export function toConnection<T, K>(
  items: T[],
  args: { first: number; after?: string | null },
  cursor: CursorCodec<K>,
  keyOf: (item: T) => K,
  totalCount: () => Promise<number>,
): ConnectionValue<T> {
  const page = items.slice(0, args.first);
  // Cursors are made when a client reads them (graphql-js's default resolver reads the property), not for every edge
  // of every page: most pages are shown, not paged on.
  const edges = page.map((node) => ({
    node,
    get cursor() {
      return cursor.encode(keyOf(node));
    },
  }));
  return {
    edges,
    pageInfo: {
      hasNextPage: items.length > args.first,
      hasPreviousPage: args.after != null,
      get startCursor() {
        return edges[0]?.cursor ?? null;
      },
      get endCursor() {
        return edges[edges.length - 1]?.cursor ?? null;
      },
    },
    get totalCount() {
      return totalCount();
    },
  };
}
