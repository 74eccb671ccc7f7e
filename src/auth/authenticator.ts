// Turns an Authorization header into a Viewer: no header is anonymous; anything but a valid Bearer token is refused.
import { createRemoteJWKSet, errors, jwtVerify, JWTVerifyGetKey, JWTVerifyOptions } from "jose";
import type { GraphQLError } from "graphql";
import type { IncomingMessage } from "node:http";
import { signInUnavailable, unauthenticated } from "../graphql/errors";
import type { AuthSettings } from "./auth-settings";
import { personFromClaims } from "./claims";
import { ANONYMOUS, Viewer } from "./viewer";

/** Resolves to the viewer, or rejects with a GraphQLError: UNAUTHENTICATED (401) or SERVICE_UNAVAILABLE (503). */
export type Authenticator = (authorization: string | undefined) => Promise<Viewer>;

/** Who sent a request, verified at most once per request whoever asks (the rate limiter, then the context). */
export type RequestAuthenticator = (req: IncomingMessage) => Promise<Viewer>;

export function perRequest(authenticate: Authenticator): RequestAuthenticator {
  const viewers = new WeakMap<IncomingMessage, Promise<Viewer>>();
  return (req) => {
    let viewer = viewers.get(req);
    if (!viewer) viewers.set(req, (viewer = authenticate(req.headers.authorization)));
    return viewer;
  };
}

// RFC 7235: the scheme is case-insensitive; RFC 6750: one token68 after it.
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;

/** Why a token that verified once is refused now: HTTP answers it, a signed-in WebSocket closes with it. */
export const TOKEN_EXPIRED = "The sign-in token has expired; get a new one.";

/** The client's fault, in a sentence; any other failure (the JWKS did not load) is the server's and answers 503. */
function refusal(err: unknown): GraphQLError | undefined {
  if (err instanceof errors.JWTExpired) return unauthenticated(TOKEN_EXPIRED);
  if (err instanceof errors.JWTClaimValidationFailed) {
    return unauthenticated(`The sign-in token is not accepted here: its "${err.claim}" claim ${err.reason === "missing" ? "is missing" : "does not match"}.`);
  }
  if (err instanceof errors.JOSEAlgNotAllowed) return unauthenticated("The sign-in token is signed with an algorithm this server does not accept.");
  if (err instanceof errors.JWSSignatureVerificationFailed || err instanceof errors.JWKSMultipleMatchingKeys) {
    return unauthenticated("The sign-in token's signature does not verify.");
  }
  if (err instanceof errors.JWKSNoMatchingKey) return unauthenticated("The sign-in token is signed with a key the sign-in provider does not publish.");
  if (err instanceof errors.JWSInvalid || err instanceof errors.JWTInvalid || err instanceof errors.JOSENotSupported) {
    return unauthenticated("The sign-in token is malformed.");
  }
  return undefined;
}

export function createAuthenticator(settings: AuthSettings): Authenticator {
  const { key } = settings;
  // One key set per process: jose caches it, and refetches it when a token names a kid it has not seen (rotation).
  const verificationKey: Uint8Array | JWTVerifyGetKey = key.kind === "jwks" ? createRemoteJWKSet(key.url) : new TextEncoder().encode(key.secret);
  const options: JWTVerifyOptions = {
    algorithms: key.kind === "jwks" ? key.algorithms : ["HS256"],
    issuer: settings.issuer,
    audience: settings.audience,
    clockTolerance: settings.clockToleranceSeconds,
    requiredClaims: ["sub", "iss", "exp"],
  };

  return async (authorization) => {
    if (authorization === undefined || authorization.trim() === "") return ANONYMOUS;
    const token = BEARER.exec(authorization)?.[1];
    if (!token) throw unauthenticated("The Authorization header must be `Bearer <token>`.");
    let claims;
    try {
      // Two overloads (key or key function) that TypeScript cannot pick from a union.
      ({ payload: claims } = typeof verificationKey === "function" ? await jwtVerify(token, verificationKey, options) : await jwtVerify(token, verificationKey, options));
    } catch (err) {
      throw refusal(err) ?? signInUnavailable(err);
    }
    // jose checks that `sub` is present and `iss` equal to the issuer, not that `sub` is a usable id.
    const { sub, iss } = claims;
    if (typeof sub !== "string" || sub.trim() === "" || typeof iss !== "string") throw unauthenticated('The sign-in token names nobody: its "sub" claim is empty.');
    // `exp` is a required claim, a number once verified.
    const acceptedUntil = ((claims.exp as number) + settings.clockToleranceSeconds) * 1000;
    return { ...personFromClaims({ ...claims, sub, iss }, settings.claims, settings.defaultRoles), acceptedUntil };
  };
}
