// Several instances over one database must accept each other's tokens: a secret each made for itself cannot do that.
import { createHmac } from "node:crypto";
import path from "node:path";
import type { Database } from "../neo4j/database";
import { StartupError } from "../startup-error";
import type { AuthSettings } from "./auth-settings";
import { LOCAL_SECRET_FILE } from "./local-secret";
import { SecretClaimRepository } from "./secret-claim.repository";

export class UnsharedSecretError extends StartupError {}

/** Equal for equal secrets and says nothing of the secret itself (an HMAC of a fixed text, keyed by the secret). */
export function secretFingerprint(secret: string): string {
  return createHmac("sha256", secret).update("papers-graph local secret fingerprint").digest("hex").slice(0, 32);
}

/**
 * With an external Neo4j and the generated local secret: the first instance claims the database for its secret,
 * and an instance with another generated secret is refused at start, before it hands out tokens no other instance
 * accepts. A shared AUTH_HS256_SECRET or an OIDC provider needs no claim; nor does the managed Neo4j, which no other
 * instance can reach.
 */
export async function ensureLocalSecretShared(db: Database, auth: AuthSettings, secretDir: string): Promise<void> {
  if (auth.key.kind !== "hs256" || auth.key.source !== "local") return;
  const mine = secretFingerprint(auth.key.secret);
  if ((await new SecretClaimRepository(db).claim(mine)) === mine) return;
  throw new UnsharedSecretError(
    `another instance serves this database with a sign-in secret of its own, and tokens signed by one would be refused by the other. ` +
      `Give every instance the same secret: set AUTH_HS256_SECRET (the same value on each) or AUTH_JWKS_URL (an OIDC provider), ` +
      `or copy ${path.join(secretDir, LOCAL_SECRET_FILE)} from the first instance. If this is the only instance and its secret was ` +
      `replaced on purpose, delete the old claim: MATCH (c:LocalSecretClaim) DELETE c (docs/deployment.md#what-the-instances-share).`,
  );
}
