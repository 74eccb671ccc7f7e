// Signs an HS256 token that this server's authenticator accepts: what `npm run token` prints.
import { SignJWT } from "jose";
import type { AuthSettings } from "./auth-settings";
import type { Role } from "./viewer";

export interface TokenRequest {
  name: string;
  roles: Role[];
  /** Vouch that the person is the author of that name (AUTH_AUTHOR_CLAIM). */
  author: boolean;
  /** A jose time span: "7d", "12h", "30m". */
  expiresIn: string;
}

/**
 * The name is also the subject: a local identity is its name. Claims are written under the configured claim names
 * as plain keys, which the authenticator reads before it tries a dotted path.
 */
export async function signToken(settings: AuthSettings, request: TokenRequest): Promise<string> {
  const { key, claims } = settings;
  if (key.kind !== "hs256") throw new Error("Only HS256 tokens can be signed here; the sign-in provider signs its own.");
  const payload: Record<string, unknown> = { [claims.name[0]]: request.name, [claims.roles]: request.roles };
  if (request.author) payload[claims.author] = true;
  return new SignJWT(payload)
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(request.name)
    .setIssuer(settings.issuer)
    .setAudience(settings.audience)
    .setIssuedAt()
    .setExpirationTime(request.expiresIn)
    .sign(new TextEncoder().encode(key.secret));
}
