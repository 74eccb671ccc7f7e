// The per-request context: a round-trip counter, the repositories counting into it, and fresh loaders.
import { randomUUID } from "node:crypto";
import type { Database } from "../neo4j/database";
import { RoundTripCounter } from "../neo4j/database";
import { createRepositories, Repositories } from "../repositories";
import { createLoaders, Loaders } from "../loaders/create-loaders";
import type { Logger } from "../logger";

export interface Context {
  requestId: string;
  roundTrips: RoundTripCounter;
  repositories: Repositories;
  loaders: Loaders;
  logger: Logger;
}

export function createContext(db: Database, logger: Logger, requestId: string = randomUUID()): Context {
  const roundTrips = new RoundTripCounter();
  const repositories = createRepositories(db.withCounter(roundTrips));
  return { requestId, roundTrips, repositories, loaders: createLoaders(repositories), logger: logger.child({ requestId }) };
}
