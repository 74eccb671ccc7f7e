// The per-request context: a round-trip counter, the repositories counting into it, and fresh loaders that the
// request's database handle empties after every write.
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

export interface Context {
  requestId: string;
  roundTrips: RoundTripCounter;
  repositories: Repositories;
  loaders: Loaders;
  logger: Logger;
  /** Who is asking, from the request's Authorization header (src/auth/authenticator.ts). */
  viewer: Viewer;
  settings: RequestSettings;
  /** Where the request's reads start (the client's Neo4j-Bookmark) and, once it wrote, the bookmark it hands back. */
  bookmarks: RequestBookmarks;
}

/** Server settings that resolvers read. */
export interface RequestSettings {
  /** Paper.related's work budget, see DEFAULT_RELATED_MAX_EXPANSIONS. */
  relatedMaxExpansions: number;
  /** The most papers one summary may link to (SUMMARY_MAX_LINKS). */
  summaryMaxLinks: number;
}

const DEFAULT_SETTINGS: RequestSettings = { relatedMaxExpansions: DEFAULT_RELATED_MAX_EXPANSIONS, summaryMaxLinks: DEFAULT_SUMMARY_MAX_LINKS };

/** `deadline` (Date.now() ms): when the request's time budget runs out; no database work starts or goes on after it. */
export function createContext(
  db: Database,
  logger: Logger,
  requestId: string = randomUUID(),
  deadline?: number,
  loaderOptions?: LoaderOptions,
  viewer: Viewer = ANONYMOUS,
  settings: RequestSettings = DEFAULT_SETTINGS,
  bookmarks: readonly string[] = [],
): Context {
  const roundTrips = new RoundTripCounter();
  const registry = new LoaderRegistry(loaderOptions);
  const causal = new RequestBookmarks(bookmarks);
  const repositories = createRepositories(db.forRequest({ counter: roundTrips, deadline, afterWrite: () => registry.clearAll(), bookmarks: causal }));
  return { requestId, roundTrips, repositories, loaders: createLoaders(repositories, registry), logger: logger.child({ requestId }), viewer, settings, bookmarks: causal };
}
