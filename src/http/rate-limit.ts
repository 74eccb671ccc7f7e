// Request budgets per caller (express-rate-limit, counters in this process's memory, or in the cluster primary's for
// WEB_CONCURRENCY workers): one for every GraphQL request and a stricter one for mutations, keyed by the verified
// identity, or by the IP address for anonymous callers.
import type { Request, RequestHandler } from "express";
import { ipKeyGenerator, rateLimit } from "express-rate-limit";
import { ClusterMemoryStoreWorker } from "@express-rate-limit/cluster-memory-store";
import { OperationTypeNode, getOperationAST, parse } from "graphql";
import type { RequestAuthenticator } from "../auth/authenticator";
import type { Viewer } from "../auth/viewer";
import type { PersistedDocuments } from "../graphql/trusted-documents";

export interface RateLimits {
  /** How long a budget lasts, in ms. */
  windowMs: number;
  /** GraphQL requests per caller per window, mutations included; 0 = unlimited. */
  requests: number;
  /** Mutations per caller per window; 0 = unlimited. */
  mutations: number;
  /**
   * A cluster worker's counters live in the primary (which runs ClusterMemoryStorePrimary), so a caller has one
   * budget per instance whichever worker serves it, not one per worker.
   */
  sharedWithPrimary?: boolean;
}

/**
 * The caller a budget belongs to: the verified identity (`sub:<issuer> <subject>`) when the Authorization header
 * holds a token that verifies, else the client's IP address (`ip:<address>`, IPv6 by /56 subnet). An invalid token
 * is counted against its IP: it cannot buy a fresh budget, and the request is refused as UNAUTHENTICATED later.
 */
export function rateLimitKey(viewerOf: RequestAuthenticator): (req: Request) => Promise<string> {
  return async (req) => callerKey(await viewerOf(req).catch(() => undefined), req.ip ?? req.socket.remoteAddress);
}

/** The caller (see rateLimitKey) of a verified viewer (undefined: none) from an address; also the key of subscription caps. */
export function callerKey(viewer: Viewer | undefined, address: string | undefined): string {
  if (viewer?.kind === "person") return `sub:${viewer.issuer} ${viewer.subject}`;
  return `ip:${ipKeyGenerator(address ?? "unknown")}`;
}

// Only a document that holds the word can hold a mutation: every other request is never parsed here.
const MENTIONS_MUTATION = /\bmutation\b/;

/** The id of a request that names its document by id (`extensions.persistedQuery.sha256Hash`; a GET sends it as JSON). */
function persistedQueryId(extensions: unknown): string | undefined {
  if (typeof extensions === "string") {
    try {
      return persistedQueryId(JSON.parse(extensions));
    } catch {
      return undefined;
    }
  }
  const hash = (extensions as { persistedQuery?: { sha256Hash?: unknown } } | null | undefined)?.persistedQuery?.sha256Hash;
  return typeof hash === "string" ? hash : undefined;
}

/**
 * True when the request's selected operation is a mutation: of its `query` text, or, for a request that sends only
 * a persisted document's id, of the document Apollo will run (`documents`: APQ's registrations or the trusted list).
 * A document that does not parse, or an id that names none, is left to Apollo, which refuses it.
 */
export async function isMutationRequest(req: Request, documents?: PersistedDocuments): Promise<boolean> {
  const body = req.body as { query?: unknown; operationName?: unknown; extensions?: unknown } | undefined;
  let query = body?.query ?? req.query.query;
  if (query === undefined && documents) {
    const id = persistedQueryId(body?.extensions ?? req.query.extensions);
    if (id !== undefined) query = await documents.text(id);
  }
  if (typeof query !== "string" || !MENTIONS_MUTATION.test(query)) return false;
  const operationName = body?.operationName ?? req.query.operationName;
  try {
    const document = parse(query, { noLocation: true });
    return getOperationAST(document, typeof operationName === "string" ? operationName : undefined)?.operation === OperationTypeNode.MUTATION;
  } catch {
    return false;
  }
}

/** A 429 in the shape of a GraphQL response, so clients read it like any other error. */
function refusal(what: string) {
  return {
    errors: [
      {
        message: `Too many ${what}: the budget of this caller is used up; retry after the number of seconds in Retry-After.`,
        extensions: { code: "RATE_LIMITED" },
      },
    ],
  };
}

/**
 * The limiters to mount before Apollo on /graphql (after the body parser: the mutation check reads the body).
 * IETF draft-8 headers: `RateLimit` and `RateLimit-Policy` name each policy ("requests", "mutations"); a refusal
 * also carries `Retry-After`.
 */
export function rateLimiters(limits: RateLimits, viewerOf: RequestAuthenticator, documents?: PersistedDocuments): RequestHandler[] {
  // viewerOf verifies a request's token once, for both limiters and the context.
  const keyGenerator = rateLimitKey(viewerOf);
  const limiter = (identifier: string, limit: number, skip?: (req: Request) => Promise<boolean>) =>
    rateLimit({
      windowMs: limits.windowMs,
      limit,
      identifier,
      standardHeaders: "draft-8",
      legacyHeaders: false,
      keyGenerator,
      // The check reads the generator's source for `req.ip`; callerKey does pass addresses through ipKeyGenerator.
      validate: { keyGeneratorIpFallback: false },
      skip,
      requestPropertyName: `rateLimit_${identifier}`,
      store: limits.sharedWithPrimary ? new ClusterMemoryStoreWorker({ prefix: identifier }) : undefined,
      handler: (_req, res, _next, options) => res.status(options.statusCode).json(refusal(identifier)),
    });
  const handlers: RequestHandler[] = [];
  if (limits.requests > 0) handlers.push(limiter("requests", limits.requests));
  if (limits.mutations > 0) handlers.push(limiter("mutations", limits.mutations, async (req) => !(await isMutationRequest(req, documents))));
  return handlers;
}
