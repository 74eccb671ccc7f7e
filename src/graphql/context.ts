// The per-request context: a round-trip counter, the repositories counting into it, and fresh loaders that the
// request's database handle empties after every write.
import { randomUUID } from "node:crypto";
import type { Database } from "../neo4j/database";
import { RoundTripCounter } from "../neo4j/database";
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
  // A bus of its own, which nobody listens to, for a context made outside a server (a test running graphql()).
  events: SummaryEvents = createSummaryEvents(),
): Context {
  const roundTrips = new RoundTripCounter();
  const registry = new LoaderRegistry(loaderOptions);
  const repositories = createRepositories(db.forRequest({ counter: roundTrips, deadline, afterWrite: () => registry.clearAll() }));
  return { requestId, roundTrips, repositories, loaders: createLoaders(repositories, registry), logger: logger.child({ requestId }), viewer, settings, events };
}
