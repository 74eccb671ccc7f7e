// What the first process of an instance does to the database before anyone is served: the one process, or the
// primary of WEB_CONCURRENCY workers (src/primary.ts), which forks its workers only afterwards.
import type { Config } from "./config";
import type { Logger } from "./logger";
import type { Connection } from "./neo4j/connect";
import { ensureSchema, SharedIdentifier } from "./neo4j/schema-setup";
import { IngestRepository } from "./ingest/ingest.repository";
import { loadSeed } from "../seed/seed";
import { AuthSettings, localSecretDir } from "./auth/auth-settings";
import { ensureLocalSecretShared } from "./auth/shared-secret";

/**
 * The local secret claimed in an external Neo4j (a managed one needs no claim), the schema, the seed into an empty
 * store. Its failures are told as the connection's (Connection.startupFailure): these are the first writes.
 */
export async function prepareDatabase(connection: Connection, auth: AuthSettings, config: Config, logger: Logger): Promise<void> {
  // Not a request: the schema's indexes and the migrations may take longer than a request's bound on a large store.
  const db = connection.db.withoutTimeout();
  try {
    if (!connection.managed) await ensureLocalSecretShared(db, auth, localSecretDir(config));
    warnOfSharedIdentifiers(logger, await ensureSchema(db));
    const ingest = new IngestRepository(db);
    if (config.SEED_ON_START && (await ingest.counts()).papers === 0) {
      await loadSeed(ingest);
      logger.info(await ingest.counts(), "database was empty: loaded the ShortScience seed");
    }
  } catch (err) {
    throw connection.startupFailure(err);
  }
}

/**
 * The schema (ensureSchema), a warning for identifiers two papers hold, a failure told as the connection's: what the
 * command-line writers (npm run import, seed) do first, as prepareDatabase does for the server.
 */
export async function prepareSchema(connection: Connection, logger: Logger): Promise<void> {
  let shared: SharedIdentifier[];
  try {
    shared = await ensureSchema(connection.db);
  } catch (err) {
    throw connection.startupFailure(err);
  }
  warnOfSharedIdentifiers(logger, shared);
}

/** A store from before the constraints: the server runs, the operator resolves them. */
function warnOfSharedIdentifiers(logger: Logger, shared: SharedIdentifier[]): void {
  if (shared.length === 0) return;
  logger.warn(
    { shared },
    `${[...new Set(shared.map((s) => s.property))].join(" and ")}: some values are held by two or more papers, so their uniqueness ` +
      "constraint is not made yet (lookups use a plain index); give each value to one paper (docs/operations.md#shared-identifiers) and restart",
  );
}

/** The URL the server announces for `port`: localhost when it listens on every interface. */
export function graphqlUrl(config: Pick<Config, "HOST">, port: number): string {
  return `http://${config.HOST === "0.0.0.0" ? "localhost" : config.HOST}:${port}/graphql`;
}
