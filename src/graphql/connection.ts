// Relay connection types: PageInfo and a factory for <Node>Connection / <Node>Edge.
import { ClassType, Field, Int, ObjectType } from "type-graphql";
import { encodeCursor } from "./cursor";

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
 * Builds a connection page from `first + 1` fetched items (the extra one only tells whether a next page exists).
 */
export function toConnection<T>(
  items: T[],
  first: number,
  hadCursor: boolean,
  keyOf: (item: T) => string,
  totalCount: () => Promise<number>,
): ConnectionValue<T> {
  const page = items.slice(0, first);
  const edges = page.map((node) => ({ cursor: encodeCursor(keyOf(node)), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: items.length > first,
      hasPreviousPage: hadCursor,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    get totalCount() {
      return totalCount();
    },
  };
}
