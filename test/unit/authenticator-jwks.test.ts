import http from "node:http";
import type { AddressInfo } from "node:net";
import { decodeJwt } from "jose";
import { loadConfig } from "../../src/config";
import { authSettings } from "../../src/auth/auth-settings";
import { Authenticator, createAuthenticator } from "../../src/auth/authenticator";
import { JwksServer, mint, refusalOf, rsaSigningKey, serveJwks, SigningKey } from "../helpers/tokens";

const ISSUER = "https://sso.example.org/realms/papers";
const AUDIENCE = "papers-graph";

function oidcAuthenticator(jwksUrl: string, env: Record<string, string> = {}): Authenticator {
  return createAuthenticator(authSettings(loadConfig({ AUTH_JWKS_URL: jwksUrl, AUTH_ISSUER: ISSUER, AUTH_AUDIENCE: AUDIENCE, ...env })));
}

describe("createAuthenticator with an OIDC provider's JWKS", () => {
  let current: SigningKey;
  let jwks: JwksServer;
  let authenticate: Authenticator;

  beforeAll(async () => {
    current = await rsaSigningKey("2024-key");
    jwks = await serveJwks([current]);
    authenticate = oidcAuthenticator(jwks.url, { AUTH_ROLES_CLAIM: "realm_access.roles" });
  });
  afterAll(() => jwks.close());

  const providerToken = (key: SigningKey, claims: Record<string, unknown> = {}, options = {}) =>
    mint(key.privateKey, { preferred_username: "alice", ...claims }, { kid: key.kid, issuer: ISSUER, audience: AUDIENCE, subject: "f3c1-uuid", ...options });

  it("accepts the provider's RS256 token, fetching the key set once", async () => {
    const token = await providerToken(current, { realm_access: { roles: ["curator"] } });
    await expect(authenticate(`Bearer ${token}`)).resolves.toEqual({
      kind: "person",
      subject: "f3c1-uuid",
      issuer: ISSUER,
      name: "alice",
      roles: ["contributor", "curator"],
      author: false,
      acceptedUntil: (decodeJwt(token).exp! + 30) * 1000,
    });
    await authenticate(`Bearer ${await providerToken(current)}`);
    expect(jwks.fetches()).toBe(1);
  });

  it("refuses a token signed with a key the provider does not publish (an unknown kid)", async () => {
    const stranger = await rsaSigningKey("not-published");
    expect(await refusalOf(authenticate(`Bearer ${await providerToken(stranger)}`))).toEqual({
      code: "UNAUTHENTICATED",
      status: 401,
      message: expect.stringMatching(/key the sign-in provider does not publish/),
    });
  });

  it("picks up a rotated key once jose's 30-second cooldown between refetches has passed", async () => {
    const rotating = await rsaSigningKey("2025-key");
    const keys = [current];
    const provider = await serveJwks(keys);
    const rotated = oidcAuthenticator(provider.url);
    try {
      await rotated(`Bearer ${await providerToken(current)}`);
      keys.push(rotating);
      const token = await providerToken(rotating);
      expect(await refusalOf(rotated(`Bearer ${token}`))).toMatchObject({ code: "UNAUTHENTICATED", status: 401 });
      const now = Date.now();
      jest.spyOn(Date, "now").mockReturnValue(now + 31_000);
      await expect(rotated(`Bearer ${token}`)).resolves.toMatchObject({ kind: "person", name: "alice" });
      expect(provider.fetches()).toBe(2);
    } finally {
      jest.restoreAllMocks();
      await provider.close();
    }
  });

  it("refuses a token signed with another key under a published kid", async () => {
    const impostor = await rsaSigningKey(current.kid);
    expect(await refusalOf(authenticate(`Bearer ${await providerToken(impostor)}`))).toMatchObject({ code: "UNAUTHENTICATED", status: 401 });
  });

  it("refuses the provider's token for another audience or from another issuer", async () => {
    expect(await refusalOf(authenticate(`Bearer ${await providerToken(current, {}, { audience: "another-client" })}`))).toMatchObject({ code: "UNAUTHENTICATED" });
    expect(await refusalOf(authenticate(`Bearer ${await providerToken(current, {}, { issuer: "https://sso.example.org/realms/other" })}`))).toMatchObject({
      code: "UNAUTHENTICATED",
    });
  });

  it("refuses HS256 tokens, even one keyed with the public key's text", async () => {
    const hs = await mint(JSON.stringify(current.publicJwk), {}, { issuer: ISSUER, audience: AUDIENCE, kid: current.kid });
    expect(await refusalOf(authenticate(`Bearer ${hs}`))).toEqual({ code: "UNAUTHENTICATED", status: 401, message: expect.stringMatching(/algorithm/) });
  });

  it("answers 503, not 401, when the provider's key set cannot be fetched", async () => {
    const broken = http.createServer((_req, res) => res.writeHead(500).end());
    await new Promise<void>((resolve) => broken.listen(0, "127.0.0.1", resolve));
    try {
      const port = (broken.address() as AddressInfo).port;
      const refusal = await refusalOf(oidcAuthenticator(`http://127.0.0.1:${port}/certs`)(`Bearer ${await providerToken(current)}`));
      expect(refusal).toEqual({ code: "SERVICE_UNAVAILABLE", status: 503, message: expect.stringMatching(/cannot be reached/) });
    } finally {
      await new Promise((resolve) => broken.close(resolve));
    }
  });
});
