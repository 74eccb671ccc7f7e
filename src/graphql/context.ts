// The per-request context: who asks, and the request's reads (a round-trip counter, the repositories counting into
// it, and fresh loaders that the request's database handle empties after every write). The subscribers of one
// subscription event share one set of reads (src/http/subscriptions.ts).
import { randomUUID } from "node:crypto";
import type { Database } from "../neo4j/database";
import { RequestBookmarks, RoundTripCounter } from "../neo4j/database";
import { createRepositories, Repositories } from "../repositories";
import { createLoaders, Loaders } from "../loaders/create-loaders";
import { LoaderOptions, LoaderRegistry } from "../loaders/loader";
import type { Logger } from "../logger";
import { ANONYMOUS, Viewer } from "../auth/viewer";
import { DEFAULT_SUMMARY_MAX_LINKS } from "../summaries/summary-links";
import { DEFAULT_RELATED_MAX_EXPANSIONS } from "../graph/graph.repository";
import { createSummaryEvents, SummaryEvents } from "../summaries/summary-events";

export interface Context {
  requestId: string;
  roundTrips: RoundTripCounter;
  repositories: Repositories;
  loaders: Loaders;
  logger: Logger;
  /** Who is asking, from the request's Authorization header (src/auth/authenticator.ts). */
  viewer: Viewer;
  settings: RequestSettings;
  /** The process's bus: mutations publish to it after their transaction commits, subscriptions listen. */
  events: SummaryEvents;
  /** Where the request's reads start (the client's Neo4j-Bookmark) and, once it wrote, the bookmark it hands back. */
  bookmarks: RequestBookmarks;
  /** An operation of the warm-up at start (src/graphql/warm-up.ts), not a client's: metrics leave it out. */
  warmUp: boolean;
}

/** Server settings that resolvers read. */
export interface RequestSettings {
  /** Paper.related's work budget, see DEFAULT_RELATED_MAX_EXPANSIONS. */
  relatedMaxExpansions: number;
  /** The most papers one summary may link to (SUMMARY_MAX_LINKS). */
  summaryMaxLinks: number;
}

const DEFAULT_SETTINGS: RequestSettings = { relatedMaxExpansions: DEFAULT_RELATED_MAX_EXPANSIONS, summaryMaxLinks: DEFAULT_SUMMARY_MAX_LINKS };

/** What one request's context is made of; everything but the database and the logger has a default (a test's context). */
export interface ContextParts {
  requestId?: string;
  /** Date.now() ms when the request's time budget runs out; no database work starts or goes on after it. */
  deadline?: number;
  loaderOptions?: LoaderOptions;
  viewer?: Viewer;
  settings?: RequestSettings;
  /** The process's bus; by default one of its own, which nobody listens to (a test running graphql()). */
  events?: SummaryEvents;
  /** The client's Neo4j-Bookmark: the request's reads see at least that state. */
  bookmarks?: readonly string[];
  warmUp?: boolean;
  /** Reads made beforehand (createReads), shared with other contexts; then deadline, loaderOptions and bookmarks are theirs. */
  reads?: RequestReads;
}

/**
 * What a context reads the store with. Shared only for reading (a subscription event's subscribers): every
 * viewer-specific load keys on the viewer, but a write through shared reads would empty every sharer's loaders.
 */
export type RequestReads = Pick<Context, "roundTrips" | "repositories" | "loaders" | "bookmarks">;

/** Fresh loaders and repositories under one time budget, reading at least the given bookmarks' state. */
export function createReads(db: Database, parts: Pick<ContextParts, "deadline" | "loaderOptions" | "bookmarks"> = {}): RequestReads {
  const roundTrips = new RoundTripCounter();
  const registry = new LoaderRegistry(parts.loaderOptions);
  const bookmarks = new RequestBookmarks(parts.bookmarks ?? []);
  const repositories = createRepositories(
    db.forRequest({ counter: roundTrips, deadline: parts.deadline, afterWrite: () => registry.clearAll(), bookmarks }),
  );
  return { roundTrips, repositories, loaders: createLoaders(repositories, registry), bookmarks };
}

export function createContext(db: Database, logger: Logger, parts: ContextParts = {}): Context {
  const requestId = parts.requestId ?? randomUUID();
  const { roundTrips, repositories, loaders, bookmarks } = parts.reads ?? createReads(db, parts);
  return {
    requestId,
    roundTrips,
    repositories,
    loaders,
    logger: logger.child({ requestId }),
    viewer: parts.viewer ?? ANONYMOUS,
    settings: parts.settings ?? DEFAULT_SETTINGS,
    events: parts.events ?? createSummaryEvents(),
    bookmarks,
    warmUp: parts.warmUp ?? false,
  };
}
