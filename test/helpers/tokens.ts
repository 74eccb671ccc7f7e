// Tokens as a sign-in provider would mint them, a provider's JWKS on a local port, and what a refusal looks like.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { GraphQLError } from "graphql";
import { exportJWK, generateKeyPair, JWK, JWTPayload, KeyLike, SignJWT } from "jose";
import { loadConfig } from "../../src/config";
import { AuthSettings, authSettings } from "../../src/auth/auth-settings";
import { signToken } from "../../src/auth/sign-token";
import type { Person, Role } from "../../src/auth/viewer";

export interface MintOptions {
  alg?: string;
  kid?: string;
  issuer?: string;
  audience?: string;
  subject?: string;
  /** A jose span ("1h") or seconds since the epoch; false: no `exp` at all. */
  expires?: string | number | false;
}

/** Signs `claims` with `key` (an HS secret as a string, or a private key) the way a provider does. */
export async function mint(key: string | KeyLike, claims: JWTPayload, options: MintOptions = {}): Promise<string> {
  const jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: options.alg ?? (typeof key === "string" ? "HS256" : "RS256"), typ: "JWT", ...(options.kid ? { kid: options.kid } : {}) })
    .setIssuedAt()
    .setIssuer(options.issuer ?? "papers-graph")
    .setAudience(options.audience ?? "papers-graph")
    .setSubject(options.subject ?? "user-1");
  if (options.expires !== false) jwt.setExpirationTime(options.expires ?? "1h");
  return jwt.sign(typeof key === "string" ? new TextEncoder().encode(key) : key);
}

/** A token with `alg: none`: no signature at all. */
export function unsignedToken(claims: JWTPayload): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const now = Math.floor(Date.now() / 1000);
  return `${part({ alg: "none", typ: "JWT" })}.${part({ iss: "papers-graph", aud: "papers-graph", sub: "user-1", exp: now + 3600, ...claims })}.`;
}

export interface SigningKey {
  kid: string;
  privateKey: KeyLike;
  publicJwk: JWK;
}

export async function rsaSigningKey(kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair("RS256");
  return { kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" } };
}

export interface JwksServer {
  url: string;
  /** How many times the key set was fetched. */
  fetches(): number;
  close(): Promise<void>;
}

/** A provider's JWKS endpoint on 127.0.0.1, publishing the public halves of `keys`. */
export async function serveJwks(keys: SigningKey[]): Promise<JwksServer> {
  let fetches = 0;
  const server = http.createServer((_req, res) => {
    fetches++;
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ keys: keys.map((k) => k.publicJwk) }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/protocol/openid-connect/certs`,
    fetches: () => fetches,
    close: () => new Promise((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}

export interface Refusal {
  code: unknown;
  status: unknown;
  message: string;
}

/** The GraphQLError `attempt` rejects with, as the client would see its code and HTTP status. */
export async function refusalOf(attempt: Promise<unknown>): Promise<Refusal> {
  const error = await attempt.then(
    (value) => {
      throw new Error(`expected a refusal, got ${JSON.stringify(value)}`);
    },
    (err: unknown) => err,
  );
  if (!(error instanceof GraphQLError)) throw error;
  const http = error.extensions.http as { status?: number } | undefined;
  return { code: error.extensions.code, status: http?.status, message: error.message };
}

// ---- Signed-in requests to a test server ----

/** The shared HS256 secret of every test server (startTestServer): tests sign their people with it. */
export const TEST_AUTH_SECRET = "test-secret-of-the-papers-graph-suite-0123456789";

/** The auth settings of the test servers: what `AUTH_HS256_SECRET=TEST_AUTH_SECRET` gives the real server. */
export const TEST_AUTH_SETTINGS: AuthSettings = authSettings(loadConfig({ AUTH_HS256_SECRET: TEST_AUTH_SECRET }));

export type Headers = Record<string, string>;

/** The Authorization header of a token for `name` with `roles`, signed as `npm run token` signs. */
export async function signedInAs(name: string, roles: Role[], options: { author?: boolean } = {}): Promise<Headers> {
  const token = await signToken(TEST_AUTH_SETTINGS, { name, roles, author: options.author ?? false, expiresIn: "1h" });
  return { authorization: `Bearer ${token}` };
}

/** A curator (the role every paper and edge mutation needs): "Test Curator" unless named. */
export const asCurator = (name = "Test Curator") => signedInAs(name, ["curator"]);
/** A contributor: may add summaries, edit and delete their own, and vote. */
export const asContributor = (name = "Test Contributor", options: { author?: boolean } = {}) => signedInAs(name, ["contributor"], options);

/** A curator as a Viewer, for a context built without HTTP (createContext). */
export const CURATOR: Person = { kind: "person", subject: "Test Curator", issuer: "papers-graph", name: "Test Curator", roles: ["contributor", "curator"], author: false };
