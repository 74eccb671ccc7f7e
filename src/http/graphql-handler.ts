// Apollo behind express: the request as Apollo's HTTPGraphQLRequest, its answer back onto the response. What
// @as-integrations/express5's expressMiddleware does, but a POST's answer is written as it is: express's res.send
// hashes every answer into an ETag, which only a GET can use (no cache keeps a POST's answer, no client revalidates
// one), and on the benchmark's one-statement operations that hash and res.send cost about 8% of the server's CPU
// per request (bench/README.md#eighth-round-the-request-path).
import { ApolloServer, HeaderMap, HTTPGraphQLRequest } from "@apollo/server";
import type { RequestHandler } from "express";
import type { ContextRequest } from "../graphql/apollo";
import { requestIdOf } from "./request-id";

export function graphqlHandler<C extends object>(apollo: ApolloServer<C>, context: (request: ContextRequest) => Promise<C>): RequestHandler {
  apollo.assertStarted("graphqlHandler()");
  return async (req, res) => {
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(", ") : value);
    }
    const request: HTTPGraphQLRequest = {
      method: req.method.toUpperCase(),
      headers,
      search: searchOf(req.url),
      // http-guards.ts sets it: JSON, or undefined when the body is not JSON (Apollo then answers 400).
      body: req.body,
    };
    const answer = await apollo.executeHTTPGraphQLRequest({ httpGraphQLRequest: request, context: () => context({ req, requestId: requestIdOf(req) }) });
    // Vary is added to, never replaced: the CORS middleware has already put Origin in it.
    for (const [key, value] of answer.headers) {
      if (key === "vary") res.vary(value);
      else res.setHeader(key, value);
    }
    res.statusCode = answer.status ?? 200;
    if (answer.body.kind === "complete") {
      if (req.method === "POST") {
        res.setHeader("content-length", Buffer.byteLength(answer.body.string));
        res.end(answer.body.string);
      } else {
        // A GET's answer (and Apollo's 405 to other methods): express's ETag, and a 304 when the client's
        // If-None-Match holds it (http-caching.ts). Only an anonymous GET without a bookmark may be public, so a
        // browser's or a CDN's cache must key a GET's answer on those two headers too: else a signed-in request,
        // or one that must see the client's own write, would be answered with a copy kept for an anonymous one.
        // And on Accept, from which Apollo chooses the Content-Type (application/graphql-response+json or JSON).
        res.vary("Accept").vary("Authorization").vary("Neo4j-Bookmark");
        res.send(answer.body.string);
      }
      return;
    }
    // Incremental delivery: each part as it comes, pushed past a compressing middleware if one is ever mounted.
    for await (const chunk of answer.body.asyncIterator) {
      res.write(chunk);
      (res as { flush?: () => void }).flush?.();
    }
    res.end();
  };
}

/** The query string of a request's URL, "?" included; "" when it has none. */
function searchOf(url: string): string {
  const at = url.indexOf("?");
  return at < 0 ? "" : url.slice(at);
}
