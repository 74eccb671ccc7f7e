// Which GraphQL documents the server runs: any (with automatic persisted queries), or only those of an operation
// manifest in Apollo's persisted-query-manifest format (docs/frontends.md#trusted-documents).
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { ApolloServerOptions, ApolloServerPlugin } from "@apollo/server";
import type { KeyValueCache } from "@apollo/utils.keyvaluecache";
import { InMemoryLRUCache, PrefixingKeyValueCache } from "@apollo/utils.keyvaluecache";
import { GraphQLError, getOperationAST, parse } from "graphql";
import { z } from "zod";
import { StartupError } from "../startup-error";
import { PROJECT_ROOT } from "../project-root";

/** The manifest of this repository's own clients (`npm run documents` writes it); the warm-up's documents by default. */
export const REPOSITORY_MANIFEST = path.join(PROJECT_ROOT, "schema", "persisted-query-manifest.json");

const operationSchema = z.object({
  id: z.string().regex(/^[0-9a-f]{64}$/, "must be the sha256 of the body, in lower-case hex"),
  body: z.string().min(1),
  name: z.string().min(1),
  type: z.enum(["query", "mutation", "subscription"]),
});

const manifestSchema = z.object({
  format: z.literal("apollo-persisted-query-manifest"),
  version: z.literal(1),
  operations: z.array(operationSchema),
});

export type OperationManifest = z.infer<typeof manifestSchema>;

/** The id APQ and the manifest give a document: the sha256 of its exact text. */
export const documentId = (body: string): string => createHash("sha256").update(body).digest("hex");

/** The manifest of `documents`, each named by its one operation; the same document twice is listed once. */
export function manifestOf(documents: string[]): OperationManifest {
  const operations = new Map<string, OperationManifest["operations"][number]>();
  for (const body of documents) {
    const operation = getOperationAST(parse(body));
    if (!operation?.name) throw new Error(`A trusted document needs exactly one named operation:\n${body}`);
    operations.set(documentId(body), { id: documentId(body), body, name: operation.name.value, type: operation.operation });
  }
  return { format: "apollo-persisted-query-manifest", version: 1, operations: [...operations.values()] };
}

export class TrustedDocumentsError extends StartupError {}

/**
 * The queries the warm-up runs (src/graphql/warm-up.ts): the trusted documents' when they are set, else those of the
 * repository's manifest; none when that file is missing or broken (a build deployed without it starts, cold).
 */
export function warmUpDocuments(trusted: TrustedDocuments | undefined): readonly string[] {
  if (trusted) return trusted.queries;
  try {
    return TrustedDocuments.load(REPOSITORY_MANIFEST).queries;
  } catch {
    return [];
  }
}

/** The operations a server in trusted mode runs, by id. */
export class TrustedDocuments {
  private readonly bodies: ReadonlyMap<string, string>;
  /** The bodies of the manifest's queries, in its order. */
  readonly queries: readonly string[];

  constructor(manifest: OperationManifest) {
    this.bodies = new Map(manifest.operations.map((o) => [o.id, o.body]));
    this.queries = manifest.operations.filter((o) => o.type === "query").map((o) => o.body);
  }

  /** Reads and checks a manifest file once, at start; a bad one stops the server with a sentence naming the file. */
  static load(file: string): TrustedDocuments {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(file, "utf8"));
    } catch (err) {
      throw new TrustedDocumentsError(`TRUSTED_DOCUMENTS: cannot read ${file}: ${(err as Error).message}`);
    }
    const parsed = manifestSchema.safeParse(json);
    if (!parsed.success) throw new TrustedDocumentsError(`TRUSTED_DOCUMENTS: ${file} is not an operation manifest: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
    const wrong = parsed.data.operations.find((o) => o.id !== documentId(o.body));
    if (wrong) throw new TrustedDocumentsError(`TRUSTED_DOCUMENTS: in ${file}, operation ${wrong.name} has an id that is not the sha256 of its body`);
    return new TrustedDocuments(parsed.data);
  }

  has(id: string): boolean {
    return this.bodies.has(id);
  }

  /** The APQ store of trusted mode: a listed id resolves to its document, and nothing is ever registered. */
  asPersistedQueryCache(): KeyValueCache<string> {
    const cache: KeyValueCache<string> = {
      get: async (id) => this.bodies.get(id),
      set: async () => undefined,
      delete: async () => false,
    };
    // Apollo prefixes APQ keys unless told the store holds nothing else.
    return PrefixingKeyValueCache.cacheDangerouslyDoesNotNeedPrefixesForIsolation(cache);
  }
}

export function notInList(): GraphQLError {
  return new GraphQLError("This server runs only the operations of its trusted-documents list, and this one is not in it (docs/frontends.md#trusted-documents).", {
    extensions: { code: "PERSISTED_QUERY_NOT_IN_LIST", http: { status: 400 } },
  });
}

/**
 * The documents a request may name by id alone (`extensions.persistedQuery`): APQ's registrations, or the trusted
 * list. Apollo reads a request's document from `cache`; the mutation budget (src/http/rate-limit.ts), which runs
 * before Apollo, reads it through `text`, so the mutations of a document sent by id are counted as if sent as text.
 */
export interface PersistedDocuments {
  /** The store Apollo's `persistedQueries` option is given, keyed by the bare id. */
  readonly cache: KeyValueCache<string>;
  /** The text of the document with this id, when one is registered or listed. */
  text(id: string): Promise<string | undefined>;
}

/** APQ's store (in memory, bounded as Apollo's default), or the trusted list's documents in trusted mode. */
export function persistedDocuments(trusted: TrustedDocuments | undefined): PersistedDocuments {
  const cache = trusted ? trusted.asPersistedQueryCache() : PrefixingKeyValueCache.cacheDangerouslyDoesNotNeedPrefixesForIsolation(new InMemoryLRUCache<string>());
  return { cache, text: async (id) => (await cache.get(id)) ?? undefined };
}

/** Apollo's `persistedQueries` option: APQ for any client, or only the manifest's ids in trusted mode. */
export function persistedQueries(documents: PersistedDocuments): ApolloServerOptions<never>["persistedQueries"] {
  return { cache: documents.cache };
}

/**
 * Trusted mode refuses any document not in the list, sent as text or as an APQ registration, before it runs and before
 * APQ would register it (Apollo registers only after didResolveOperation).
 */
export function trustedDocumentsPlugin<T extends object>(trusted: TrustedDocuments): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ queryHash }) {
          if (!trusted.has(queryHash)) throw notInList();
        },
      };
    },
  };
}
