// Request budgets per caller (express-rate-limit, counters in this process's memory, or in the cluster primary's for
// WEB_CONCURRENCY workers): one for every GraphQL request and a stricter one for mutations, keyed by the verified
// identity, or by the IP address for anonymous callers.
import type { Request, RequestHandler } from "express";
import { ipKeyGenerator, MemoryStore, rateLimit, Store } from "express-rate-limit";
import { ClusterMemoryStoreWorker } from "@express-rate-limit/cluster-memory-store";
import { DocumentNode, FragmentDefinitionNode, Kind, OperationTypeNode, SelectionSetNode, getOperationAST, parse } from "graphql";
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
 * How many mutations the request runs: the root fields of its selected operation when that is a mutation (each alias
 * one; fragments spread at the root count their fields), else 0. Read from its `query` text, or, for a request that
 * sends only a persisted document's id, from the document Apollo will run (`documents`: APQ's registrations or the
 * trusted list). A field under @skip or @include counts whether it runs or not. Fields with one response key are one
 * field (graphql-js merges them, and refuses them unless they are the same call). A document that does not parse, or
 * an id that names none, is left to Apollo, which refuses it: 0.
 */
export async function mutationCount(req: Request, documents?: PersistedDocuments): Promise<number> {
  const body = req.body as { query?: unknown; operationName?: unknown; extensions?: unknown } | undefined;
  let query = body?.query ?? req.query.query;
  if (query === undefined && documents) {
    const id = persistedQueryId(body?.extensions ?? req.query.extensions);
    if (id !== undefined) query = await documents.text(id);
  }
  if (typeof query !== "string" || !MENTIONS_MUTATION.test(query)) return 0;
  const operationName = body?.operationName ?? req.query.operationName;
  let document: DocumentNode;
  try {
    document = parse(query, { noLocation: true });
  } catch {
    return 0;
  }
  const operation = getOperationAST(document, typeof operationName === "string" ? operationName : undefined);
  if (operation?.operation !== OperationTypeNode.MUTATION) return 0;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const keys = new Set<string>();
  const spread = new Set<string>();
  const collect = (selections: SelectionSetNode) => {
    for (const s of selections.selections) {
      if (s.kind === Kind.FIELD) {
        // `__typename` asks for the type's name and runs nothing.
        if (s.name.value !== "__typename") keys.add((s.alias ?? s.name).value);
      } else if (s.kind === Kind.INLINE_FRAGMENT) {
        collect(s.selectionSet);
      } else if (!spread.has(s.name.value)) {
        // Once per fragment: a fragment spread twice runs its fields once, and a cycle (refused by Apollo) ends here.
        spread.add(s.name.value);
        const fragment = fragments.get(s.name.value);
        if (fragment) collect(fragment.selectionSet);
      }
    }
  };
  collect(operation.selectionSet);
  return keys.size;
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
  const storeFor = (identifier: string): Store =>
    limits.sharedWithPrimary ? new ClusterMemoryStoreWorker({ prefix: identifier }) : new MemoryStore();
  interface LimiterOptions {
    store?: Store;
    skip?: (req: Request) => Promise<boolean>;
    /** Run before a refusal is sent. */
    refused?: (req: Request) => Promise<void>;
  }
  const limiter = (identifier: string, limit: number, { store, skip, refused }: LimiterOptions = {}) =>
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
      store: store ?? storeFor(identifier),
      handler: async (req, res, _next, options) => {
        await refused?.(req);
        res.status(options.statusCode).json(refusal(identifier));
      },
    });
  const handlers: RequestHandler[] = [];
  if (limits.requests > 0) handlers.push(limiter("requests", limits.requests));
  if (limits.mutations > 0) {
    // The mutation budget counts mutations, not requests: a request of n mutation fields takes n, and is refused whole,
    // taking nothing, when n do not fit. express-rate-limit takes one per request and refuses past the limit, so the
    // other n - 1 are taken from its store just before, and all n given back when it refuses.
    const store = storeFor("mutations");
    const counts = new WeakMap<Request, number>();
    const repeat = async (req: Request, times: number, step: (key: string) => unknown) => {
      if (times <= 0) return;
      const key = await keyGenerator(req);
      for (let i = 0; i < times; i++) await step(key);
    };
    const count: RequestHandler = async (req, _res, next) => {
      const n = await mutationCount(req, documents);
      counts.set(req, n);
      await repeat(req, n - 1, (key) => store.increment(key));
      next();
    };
    handlers.push(
      count,
      limiter("mutations", limits.mutations, {
        store,
        skip: async (req) => !counts.get(req),
        refused: (req) => repeat(req, counts.get(req) ?? 0, (key) => store.decrement(key)),
      }),
    );
  }
  return handlers;
}
