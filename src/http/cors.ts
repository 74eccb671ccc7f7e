// Which other origins' pages may call /graphql, by the `cors` middleware (docs/frontends.md#cors).
import cors from "cors";
import type { RequestHandler } from "express";

export interface CorsSettings {
  /** Exact origins (scheme://host[:port]); "*" for any, which config.ts refuses together with credentials. */
  origins: string[];
  /** Let pages send cookies or HTTP auth along; bearer tokens in Authorization need no credentials. */
  credentials: boolean;
  /** How long a browser reuses a preflight's answer. */
  maxAgeSeconds: number;
}

// What a frontend sends: its token, JSON, Apollo's CSRF-prevention headers, a request id and a causal bookmark.
const ALLOWED_HEADERS = ["Authorization", "Content-Type", "apollo-require-preflight", "x-apollo-operation-name", "X-Request-Id", "Neo4j-Bookmark"];
// What a frontend's script may read: the bookmark to send back, the validators, and the rate-limit budget.
const EXPOSED_HEADERS = ["Neo4j-Bookmark", "X-Request-Id", "ETag", "Age", "RateLimit", "RateLimit-Policy", "Retry-After"];

export function corsMiddleware({ origins, credentials, maxAgeSeconds }: CorsSettings): RequestHandler {
  return cors({
    // An origin not listed gets no Access-Control-Allow-Origin, so the browser keeps the answer from the page; the
    // other headers are the same for every origin and grant nothing without it (docs/frontends.md#cors).
    origin: origins.includes("*") ? "*" : origins,
    credentials,
    methods: ["GET", "POST"],
    allowedHeaders: ALLOWED_HEADERS,
    exposedHeaders: EXPOSED_HEADERS,
    maxAge: maxAgeSeconds,
  });
}
