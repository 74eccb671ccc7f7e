// What verifies a token, decided once from the configuration: a provider's JWKS, a shared secret, or the local one.
import path from "node:path";
import type { Config } from "../config";
import { RUNTIME_DIR } from "../neo4j/managed";
import type { ClaimNames } from "./claims";
import { loadOrCreateLocalSecret } from "./local-secret";
import { StartupError } from "../startup-error";
import type { Role } from "./viewer";

export type AuthConfig = Pick<
  Config,
  | "AUTH_JWKS_URL"
  | "AUTH_JWKS_ALGORITHMS"
  | "AUTH_HS256_SECRET"
  | "AUTH_ISSUER"
  | "AUTH_AUDIENCE"
  | "AUTH_CLOCK_TOLERANCE_SECONDS"
  | "AUTH_NAME_CLAIMS"
  | "AUTH_ROLES_CLAIM"
  | "AUTH_AUTHOR_CLAIM"
  | "AUTH_DEFAULT_ROLES"
  | "AUTH_LOCAL_SECRET_DIR"
>;

export type TokenKey =
  | { kind: "jwks"; url: URL; algorithms: string[] }
  /** `local`: the secret this server made for itself (`npm run token` signs with it); `shared`: AUTH_HS256_SECRET. */
  | { kind: "hs256"; secret: string; source: "local" | "shared" };

export interface AuthSettings {
  key: TokenKey;
  /** Every token must carry exactly this `iss` and name this `aud`. */
  issuer: string;
  audience: string;
  clockToleranceSeconds: number;
  claims: ClaimNames;
  defaultRoles: Role[];
}

/** `iss` and `aud` of HS256 tokens when AUTH_ISSUER / AUTH_AUDIENCE are unset. */
export const LOCAL_ISSUER = "papers-graph";
export const LOCAL_AUDIENCE = "papers-graph";

/** Where the local secret lives: git-ignored, beside the managed Neo4j's store. */
export function localSecretDir(config: Pick<Config, "AUTH_LOCAL_SECRET_DIR">): string {
  return path.resolve(config.AUTH_LOCAL_SECRET_DIR ?? path.join(RUNTIME_DIR, "data"));
}

/** The local secret; a folder that cannot hold it (under a file, not writable) stops the start naming the variable. */
function localSecret(config: Pick<Config, "AUTH_LOCAL_SECRET_DIR">): string {
  const dir = localSecretDir(config);
  try {
    return loadOrCreateLocalSecret(dir);
  } catch (err) {
    if (!(err as NodeJS.ErrnoException).code) throw err;
    const variable = config.AUTH_LOCAL_SECRET_DIR === undefined ? `AUTH_LOCAL_SECRET_DIR (unset, so ${dir})` : `AUTH_LOCAL_SECRET_DIR ${dir}`;
    throw new StartupError(`${variable}: the local secret cannot be kept there (${(err as Error).message}); set it to a folder this server may create and write.`);
  }
}

/** The settings of the configured provider; with none configured, reads (or on first start creates) the local secret. */
export function authSettings(config: AuthConfig): AuthSettings {
  const key: TokenKey = config.AUTH_JWKS_URL
    ? { kind: "jwks", url: new URL(config.AUTH_JWKS_URL), algorithms: config.AUTH_JWKS_ALGORITHMS }
    : config.AUTH_HS256_SECRET
      ? { kind: "hs256", secret: config.AUTH_HS256_SECRET, source: "shared" }
      : { kind: "hs256", secret: localSecret(config), source: "local" };
  return {
    key,
    // loadConfig requires both with AUTH_JWKS_URL, so the defaults only ever apply to HS256 tokens.
    issuer: config.AUTH_ISSUER ?? LOCAL_ISSUER,
    audience: config.AUTH_AUDIENCE ?? LOCAL_AUDIENCE,
    clockToleranceSeconds: config.AUTH_CLOCK_TOLERANCE_SECONDS,
    claims: { name: config.AUTH_NAME_CLAIMS, roles: config.AUTH_ROLES_CLAIM, author: config.AUTH_AUTHOR_CLAIM },
    defaultRoles: config.AUTH_DEFAULT_ROLES,
  };
}

/** One line for the start-up log on how to sign in; never contains a secret. */
export function signInHint(settings: AuthSettings): string {
  const { key, issuer, audience } = settings;
  if (key.kind === "jwks") return `Sign in with ${issuer}: its tokens for audience ${audience} are accepted (keys from ${key.url.href}).`;
  const mint = "npm run token -- --name you --role contributor";
  if (key.source === "local") return `Sign in locally: ${mint}, then send the header Authorization: Bearer <token>.`;
  return `Sign in with HS256 tokens signed with AUTH_HS256_SECRET (iss ${issuer}, aud ${audience}); ${mint} signs one.`;
}
