// Reads and validates the environment once; the only reader of process.env.
import { isIPv6 } from "node:net";
import { domainToASCII } from "node:url";
import { z } from "zod";
import { StartupError } from "./startup-error";
import { ROLES } from "./auth/viewer";
import { DEFAULT_SUMMARY_MAX_LINKS } from "./summaries/summary-links";
import { DEFAULT_RELATED_MAX_EXPANSIONS } from "./graph/graph.repository";
import { DEFAULT_BOOKMARK_READY_TIMEOUT_MS } from "./neo4j/managed/neo4j-conf";
import { DEFAULT_NEO4J_NICE } from "./neo4j/managed/process";

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

// Digits only: a number coerced by JavaScript would read " " as 0 (a random port) and "0x10" or "1e3" as numbers.
const whole = (min: number, max: number) => {
  const range = `must be a whole number from ${min} to ${max}, in digits`;
  return z.string().trim().regex(/^\d+$/, range).transform(Number).pipe(z.number().int().min(min, range).max(max, range));
};
const port = whole(0, 65535);
const count = (min: number, max: number) => whole(min, max);
// At least one unit: Neo4j refuses a heap or page cache of 0 with an error that reads like a damaged store.
const memory = z.string().regex(/^0*[1-9]\d*[kmg]$/i, "must look like 512m or 2g, more than 0");
const list = z.string().transform((s) => s.split(",").map((item) => item.trim()).filter(Boolean));
// A dotted path into the token's claims ("realm_access.roles"), or a claim name that holds dots (docs/identity.md).
const claimPath = z.string().regex(/^[^.\s][^\s]*$/, "must be a claim name or a dotted path like realm_access.roles");
// The keys of a JWKS are fetched over the network: plain http only to this machine, where nobody sits in between.
const jwksUrl = z.url({ protocol: /^https?$/ }).refine((u) => {
  const { protocol, hostname } = new URL(u);
  return protocol === "https:" || ["localhost", "127.0.0.1", "[::1]"].includes(hostname);
}, "must be an https:// URL (http:// only for localhost)");
// NEO4J_URI as neo4j-driver 6 reads it (neo4j-driver-core's internal/url-util.js): what it refuses is refused here,
// and so is what it would misread, each with the form it takes. Its parser takes a port of 99999, "abc" (as 7687) or
// "12ab" (as 12) and a host with a space in it, failing only when it connects: WHATWG URL parsing refuses those. It
// looks a host up as written, so one with %-escapes or Unicode in it is refused with the form DNS knows. It ignores
// credentials, a path and a #fragment; messages show the URI, so credentials never belong there.
// test/unit/config.test.ts feeds a table of URIs to this and to the installed driver.
const URI_START = /^(neo4j|bolt)(\+s|\+ssc)?:\/\//;
// An IPv6 literal with a zone id, which WHATWG URL parsing refuses. The driver hands the zone to Node's net.connect as
// written, so RFC 6874's percent-encoded form, [fe80::1%25eth0], would name an interface "25eth0".
const ZONED_IPV6 = /^([^:]+:\/\/)\[([^\]%]*)%([^\]]*)\]/;
const UNPARSABLE = "is not a URI the driver can use: a host, then at most a :port of 1-65535, and no spaces";

/** The driver's rule for a neo4j:// query (extractQuery): key=value pairs joined by &, each side trimmed and not empty, no key twice. */
function routingParametersProblem(query: string): string | undefined {
  const keys = new Set<string>();
  // The driver drops one ? at the start: neo4j://host??a=b is a=b to it.
  for (const pair of query.trim().replace(/^\?/, "").split("&")) {
    if (!pair.trim()) return "has an empty ?routing parameter (a ? or & with nothing after it): write ?key=value&key2=value2, or no ?";
    const parts = pair.split("=").map((part) => part.trim());
    if (parts.length !== 2 || !parts[0] || !parts[1]) return `has the ?routing parameter "${pair}": each must be one key=value, neither side empty, with & between them`;
    if (keys.has(parts[0])) return `names the ?routing parameter ${parts[0]} twice: the driver refuses that`;
    keys.add(parts[0]);
  }
  return undefined;
}

const neo4jUri = z
  .string()
  .trim()
  .superRefine((uri, ctx) => {
    const problem = (message: string) => ctx.addIssue({ code: "custom", message });
    if (!URI_START.test(uri)) return problem("must be a bolt:// or neo4j:// URI");
    const queryAt = uri.indexOf("?");
    // WHATWG parsing drops tabs and line breaks anywhere; the driver would keep them in the host.
    if (/\s/.test(queryAt < 0 ? uri : uri.slice(0, queryAt))) return problem(UNPARSABLE);
    let parsable = uri;
    const zoned = ZONED_IPV6.exec(uri);
    if (zoned) {
      const [literal, scheme, address, zone] = zoned;
      if (/^25./.test(zone)) return problem(`must give the zone id of [${address}%${zone}] unencoded, as the driver reads it: [${address}%${zone.slice(2)}]`);
      if (!isIPv6(`${address}%${zone}`)) return problem(`has [${address}%${zone}], which is not an IPv6 address with a zone id, as in [fe80::1%eth0]`);
      parsable = `${scheme}[${address}]${uri.slice(literal.length)}`;
    }
    if (!URL.canParse(parsable)) return problem(UNPARSABLE);
    const url = new URL(parsable);
    if (url.username || url.password) return problem("must not hold a user or password (the driver ignores them): set NEO4J_USER and NEO4J_PASSWORD");
    if (!url.hostname) return problem("must name a host, as in bolt://localhost:7687");
    const host = zoned || url.hostname.startsWith("[") ? "" : url.hostname;
    if (/%|[^\x00-\x7f]/.test(host)) {
      const ascii = domainToASCII(host);
      return problem(`must name its host as DNS knows it, without %-escapes or Unicode${ascii ? `: ${ascii}` : ""} (the driver looks it up as written)`);
    }
    if (url.port === "0") return problem("must have a port of 1-65535, or none for 7687");
    if (url.pathname !== "" && url.pathname !== "/") return problem("must have no path: name the database in NEO4J_DATABASE");
    if (uri.includes("#")) return problem("must have no #fragment");
    if (queryAt < 0) return;
    if (url.protocol.startsWith("bolt")) return problem("may have ?routing parameters only with neo4j://, not bolt:// (the driver refuses them)");
    const routing = routingParametersProblem(uri.slice(queryAt + 1));
    if (routing) return problem(routing);
  });
const ASYMMETRIC_ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"] as const;

// The variables, each with its default and bounds; docs/configuration.md lists them all (a unit test keeps it so).
const fields = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  HOST: z.string().min(1).default("127.0.0.1"),
  PORT: port.default(4000),
  // Worker processes serving PORT together (node's cluster), each with its own Neo4j driver (docs/deployment.md).
  WEB_CONCURRENCY: count(1, 64).default(1),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  // External Neo4j: when NEO4J_URI is set nothing is started locally.
  NEO4J_URI: neo4jUri.optional(),
  NEO4J_USER: z.string().default("neo4j"),
  NEO4J_PASSWORD: z.string().default(""),
  NEO4J_DATABASE: z.string().min(1).default("neo4j"),
  // Managed Neo4j (used when NEO4J_URI is not set).
  NEO4J_BOLT_PORT: port.default(0),
  NEO4J_HEAP: memory.default("1g"),
  NEO4J_PAGECACHE: memory.default("512m"),
  NEO4J_DATA_DIR: z.string().min(1).optional(),
  // The Java that runs the managed Neo4j; `java` on the PATH when unset.
  JAVA_HOME: z.string().min(1).optional(),
  NEO4J_START_TIMEOUT_MS: whole(1000, 600_000).default(120_000),
  // Its CPU priority below the server's (managed/process.ts, setNice); 0: the same.
  NEO4J_NICE: whole(0, 19).default(DEFAULT_NEO4J_NICE),
  // When the managed Neo4j exits unexpectedly: restarts tried before the server exits non-zero, and the wait before
  // the first (doubling each time, at most a minute; docs/operations.md#when-the-managed-neo4j-exits).
  NEO4J_RESTART_ATTEMPTS: count(0, 100).default(5),
  NEO4J_RESTART_BACKOFF_MS: count(0, 600_000).default(1000),
  // How long the managed Neo4j lets a request wait for a client's bookmark (docs/deployment.md#reading-your-writes).
  NEO4J_BOOKMARK_TIMEOUT_MS: count(100, 600_000).default(DEFAULT_BOOKMARK_READY_TIMEOUT_MS),
  SEED_ON_START: bool.default(true),
  // Puts the number of Cypher round-trips of each request into the response's `extensions`.
  EXPOSE_ROUND_TRIPS: bool.optional(),
  // false: every DataLoader calls its repository once per parent (the benchmark's ablation); never in production use.
  DATALOADER_BATCHING: bool.default(true),
  // Paper.related's work budget: edges each 2-hop signal may expand per paper (docs/graph-queries.md#bounded-work).
  RELATED_MAX_EXPANSIONS: count(1, 100_000_000).default(DEFAULT_RELATED_MAX_EXPANSIONS),
  // The self-hosted GraphQL IDE (GET /graphql from a browser) and the explorer (/explore).
  ENABLE_BROWSER_UI: bool.optional(),
  // Limits on one operation, checked before anything runs (src/graphql/limits.ts; docs/security-and-limits.md).
  MAX_QUERY_DEPTH: count(1, 100).default(8),
  MAX_ALIASES: count(0, 1000).default(15),
  MAX_DIRECTIVES: count(0, 1000).default(10),
  MAX_TOKENS: count(100, 1_000_000).default(2000),
  MAX_QUERY_COST: count(1, 100_000_000).default(150_000),
  // A summary body may hold 100,000 UTF-16 code units (up to 3 bytes each in UTF-8), an abstract as many.
  MAX_BODY_BYTES: count(1024, 100 * 1024 * 1024).default(1024 * 1024),
  // The most papers (mentions, see-also links, stubs) one summary may link to; more is refused.
  SUMMARY_MAX_LINKS: count(1, 100_000).default(DEFAULT_SUMMARY_MAX_LINKS),
  // Requests and mutations per caller (verified identity, else IP) per window, counted in this process; a count of 0 = off.
  RATE_LIMIT_WINDOW_MS: count(1000, 86_400_000).default(60_000),
  RATE_LIMIT_REQUESTS: count(0, 10_000_000).default(3000),
  RATE_LIMIT_MUTATIONS: count(0, 10_000_000).default(300),
  // GET /metrics listens here, never on PORT: loopback by default; METRICS_PORT=0 turns it off.
  METRICS_PORT: port.default(9464),
  METRICS_HOST: z.string().min(1).default("127.0.0.1"),
  // The time budget of one request, and Neo4j's timeout for each of its transactions.
  REQUEST_TIMEOUT_MS: count(100, 600_000).default(10_000),
  NEO4J_TX_TIMEOUT_MS: count(100, 600_000).default(5_000),
  // On SIGTERM: how long in-flight requests may take to finish before their connections are closed.
  SHUTDOWN_GRACE_MS: count(0, 600_000).default(10_000),
  // GraphQL subscriptions over WebSocket at /graphql (docs/subscriptions.md): caps, heartbeats, allowed origins.
  SUBSCRIPTIONS_PER_CONNECTION: count(1, 1000).default(10),
  SUBSCRIPTIONS_PER_IDENTITY: count(1, 100_000).default(50),
  SUBSCRIPTION_KEEPALIVE_MS: count(1000, 600_000).default(12_000),
  SUBSCRIPTION_INIT_TIMEOUT_MS: count(100, 60_000).default(3_000),
  // Schema introspection, and "Did you mean ...?" suggestions in errors: off in production unless set.
  INTROSPECTION: bool.optional(),
  FIELD_SUGGESTIONS: bool.optional(),
  // Sign-in (src/auth, docs/identity.md). Tokens come from an OIDC provider's JWKS, or are HS256 with a shared
  // secret; with neither, a local secret is created on first start and `npm run token` signs with it.
  AUTH_JWKS_URL: jwksUrl.optional(),
  AUTH_JWKS_ALGORITHMS: list.pipe(z.array(z.enum(ASYMMETRIC_ALGORITHMS)).min(1)).default(["RS256"]),
  AUTH_HS256_SECRET: z.string().min(32, "must hold at least 32 characters (256 bits)").optional(),
  // Required with AUTH_JWKS_URL; for HS256 tokens both default to "papers-graph".
  AUTH_ISSUER: z.string().min(1).optional(),
  AUTH_AUDIENCE: z.string().min(1).optional(),
  AUTH_CLOCK_TOLERANCE_SECONDS: count(0, 600).default(30),
  // The display name is the first of these claims holding a non-empty string, else `sub`.
  AUTH_NAME_CLAIMS: list.pipe(z.array(claimPath).min(1)).default(["name", "preferred_username"]),
  AUTH_ROLES_CLAIM: claimPath.default("roles"),
  // A claim that is true when the provider vouches that the person is the author of that name.
  AUTH_AUTHOR_CLAIM: claimPath.default("papers_author"),
  // Roles every signed-in person holds, for providers that grant none (Google).
  AUTH_DEFAULT_ROLES: list.pipe(z.array(z.enum(ROLES))).default([]),
  // Where the local secret lives; neo4j-runtime/data (git-ignored, beside the managed store) when unset.
  AUTH_LOCAL_SECRET_DIR: z.string().min(1).optional(),
  // Browser pages on other origins that may call the API (docs/frontends.md#cors); none by default.
  CORS_ORIGINS: list.pipe(z.array(z.union([z.literal("*"), z.url({ protocol: /^https?$/ }).transform((u) => new URL(u).origin)]))).default([]),
  CORS_ALLOW_CREDENTIALS: bool.default(false),
  // How long a browser may reuse a preflight's answer (Chromium caps it at 7200).
  CORS_MAX_AGE_SECONDS: count(0, 86_400).default(600),
  // Answers of anonymous GET queries kept in this process for their maxAge (docs/frontends.md#caching); 0 = off.
  RESPONSE_CACHE_MB: count(0, 4096).default(32),
  // An operation manifest (npm run documents): when set, only its operations run (docs/frontends.md#trusted-documents).
  TRUSTED_DOCUMENTS: z.string().min(1).optional(),
  // Before it listens, the server runs the manifest's queries once, starting none after this long (docs/operations.md#warm-up); 0 = off.
  WARM_UP_MS: count(0, 600_000).default(30_000),
});

/** Every variable loadConfig reads, by name (for the test that keeps docs/configuration.md true). */
export const CONFIG_FIELDS = fields.shape;

const schema = fields
  .superRefine((env, ctx) => {
    const problem = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    if (env.AUTH_JWKS_URL && env.AUTH_HS256_SECRET) problem("AUTH_HS256_SECRET", "set either AUTH_JWKS_URL or AUTH_HS256_SECRET, not both");
    if (env.AUTH_JWKS_URL && !env.AUTH_ISSUER) problem("AUTH_ISSUER", "required with AUTH_JWKS_URL (the provider's issuer, its `iss` claim)");
    if (env.CORS_ALLOW_CREDENTIALS && env.CORS_ORIGINS.includes("*")) problem("CORS_ORIGINS", "must list origins, not *, when CORS_ALLOW_CREDENTIALS is true");
    if (env.AUTH_JWKS_URL && !env.AUTH_AUDIENCE) problem("AUTH_AUDIENCE", "required with AUTH_JWKS_URL (the `aud` your provider puts in tokens for this server)");
  })
  .transform((env) => ({
    ...env,
    EXPOSE_ROUND_TRIPS: env.EXPOSE_ROUND_TRIPS ?? env.NODE_ENV !== "production",
    ENABLE_BROWSER_UI: env.ENABLE_BROWSER_UI ?? env.NODE_ENV !== "production",
    INTROSPECTION: env.INTROSPECTION ?? env.NODE_ENV !== "production",
    FIELD_SUGGESTIONS: env.FIELD_SUGGESTIONS ?? env.NODE_ENV !== "production",
  }));

export type Config = z.infer<typeof schema>;

export class ConfigError extends StartupError {}

/** Parses the environment; a bad value throws one error naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return parsed.data;
}
