// Cache-Control for every answer, and the in-process response cache that lets an anonymous GET be answered (and a
// matching ETag be answered 304 by express) without a Cypher round-trip. Depth: docs/frontends.md#caching.
import type { ApolloServerPlugin, GraphQLRequestContext } from "@apollo/server";
import ApolloServerPluginResponseCache from "@apollo/server-plugin-response-cache";
import { InMemoryLRUCache } from "@apollo/utils.keyvaluecache";
import type { GraphQLSchema } from "graphql";
import { cachePolicies } from "./cache-policy";
import { BOOKMARK_HEADER } from "./bookmark";

/** May a shared cache (and this server's) keep the answer to this request? Anonymous GET queries only. */
function sharable(rc: GraphQLRequestContext<object>): boolean {
  const http = rc.request.http;
  return (
    http?.method === "GET" &&
    !http.headers.has("authorization") &&
    !http.headers.has(BOOKMARK_HEADER) &&
    rc.operation?.operation === "query" &&
    rc.overallCachePolicy.policyIfCacheable()?.scope === "PUBLIC"
  );
}

export interface HttpCachingOptions {
  /** The response cache's size; 0: no response cache, Cache-Control headers only. */
  responseCacheBytes: number;
}

/**
 * The operation's policy comes from the cache hints once per document (cache-policy.ts), not from per-field hooks, so
 * Apollo's cache-control plugin stays off (bench/README.md). Must come before the round-trips plugin, which leaves its
 * count out of public answers so that a cached and a computed answer have the same bytes (and ETag).
 */
export function httpCachingPlugins<T extends object>(schema: GraphQLSchema, { responseCacheBytes }: HttpCachingOptions): ApolloServerPlugin<T>[] {
  const policyOf = cachePolicies(schema);
  const cache = responseCacheBytes > 0 ? new InMemoryLRUCache<string>({ maxSize: responseCacheBytes }) : undefined;
  const policy: ApolloServerPlugin<T> = {
    async requestDidStart() {
      return {
        async didResolveOperation(rc) {
          const { maxAge, scope } = policyOf(rc.document, rc.operationName);
          rc.overallCachePolicy.replace({ maxAge, scope });
        },
        async willSendResponse(rc) {
          const { response, request } = rc;
          const errors = response.body.kind === "single" ? response.body.singleResult.errors : undefined;
          // This instance's cached answers go with any write it makes; other instances' stay until their maxAge.
          if (rc.operation?.operation === "mutation") cache?.clear();
          let value = "no-store";
          if (rc.operation && sharable(rc) && !errors?.length) value = `public, max-age=${rc.overallCachePolicy.maxAge}`;
          else if (request.http?.headers.has("authorization") || rc.overallCachePolicy.scope === "PRIVATE") value = "private, no-store";
          response.http.headers.set("cache-control", value);
        },
      };
    },
  };
  if (!cache) return [policy];
  return [policy, ApolloServerPluginResponseCache({ cache, shouldReadFromCache: async (rc) => sharable(rc), shouldWriteToCache: async (rc) => sharable(rc) })];
}
