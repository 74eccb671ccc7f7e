import { ApolloServer, HeaderMap } from "@apollo/server";
import { decodeJwt } from "jose";
import { loadConfig } from "../../src/config";
import { authSettings } from "../../src/auth/auth-settings";
import { Authenticator, createAuthenticator } from "../../src/auth/authenticator";
import { hasRole, Viewer } from "../../src/auth/viewer";
import { createErrorFormatter } from "../../src/graphql/errors";
import { tempDir } from "../helpers/temp-dirs";
import { mint, refusalOf, rsaSigningKey, unsignedToken } from "../helpers/tokens";

const SECRET = "a-shared-secret-of-more-than-32-characters";

function authenticatorFor(env: Record<string, string> = {}): Authenticator {
  return createAuthenticator(authSettings(loadConfig({ AUTH_HS256_SECRET: SECRET, ...env })));
}

const UNAUTHENTICATED = { code: "UNAUTHENTICATED", status: 401 };

describe("createAuthenticator with a shared HS256 secret", () => {
  const authenticate = authenticatorFor();

  it("lets a request without an Authorization header through as anonymous", async () => {
    await expect(authenticate(undefined)).resolves.toEqual({ kind: "anonymous" });
    await expect(authenticate("")).resolves.toEqual({ kind: "anonymous" });
  });

  it("reads the person, the roles and the author claim out of a good token", async () => {
    const token = await mint(SECRET, { name: "Ada Lovelace", roles: ["contributor"], papers_author: true }, { subject: "ada" });
    await expect(authenticate(`Bearer ${token}`)).resolves.toEqual({
      kind: "person",
      subject: "ada",
      issuer: "papers-graph",
      name: "Ada Lovelace",
      roles: ["contributor"],
      author: true,
      // Its exp and the default 30 s of clock tolerance: until then HTTP accepts it and a WebSocket stays signed in.
      acceptedUntil: (decodeJwt(token).exp! + 30) * 1000,
    });
    // The scheme is case-insensitive (RFC 7235).
    await expect(authenticate(`bearer ${token}`)).resolves.toMatchObject({ kind: "person", subject: "ada" });
  });

  it("gives a curator the contributor role too, and ignores roles it does not know", async () => {
    const viewer = await authenticate(`Bearer ${await mint(SECRET, { roles: ["curator", "admin", 7] })}`);
    expect(viewer).toMatchObject({ roles: ["contributor", "curator"] });
    expect(hasRole(viewer, "contributor")).toBe(true);
    expect(hasRole(viewer, "curator")).toBe(true);
    const contributor = await authenticate(`Bearer ${await mint(SECRET, { roles: "contributor" })}`);
    expect(hasRole(contributor, "curator")).toBe(false);
    expect(hasRole({ kind: "anonymous" }, "contributor")).toBe(false);
  });

  it("finds roles at a dotted path (Keycloak) and under a claim named by a URL (Auth0)", async () => {
    const keycloak = authenticatorFor({ AUTH_ROLES_CLAIM: "realm_access.roles" });
    const token = await mint(SECRET, { realm_access: { roles: ["offline_access", "curator"] } });
    await expect(keycloak(`Bearer ${token}`)).resolves.toMatchObject({ roles: ["contributor", "curator"] });

    const auth0 = authenticatorFor({ AUTH_ROLES_CLAIM: "https://papers.example.org/roles" });
    const namespaced = await mint(SECRET, { "https://papers.example.org/roles": ["contributor"] });
    await expect(auth0(`Bearer ${namespaced}`)).resolves.toMatchObject({ roles: ["contributor"] });
  });

  it("grants AUTH_DEFAULT_ROLES to every signed-in person, and no role without a token", async () => {
    const everyone = authenticatorFor({ AUTH_DEFAULT_ROLES: "contributor" });
    await expect(everyone(`Bearer ${await mint(SECRET, {})}`)).resolves.toMatchObject({ roles: ["contributor"] });
    await expect(everyone(undefined)).resolves.toEqual({ kind: "anonymous" });
  });

  it("takes the name from the first name claim that holds one, else from sub", async () => {
    const name = async (claims: Record<string, unknown>) => ((await authenticate(`Bearer ${await mint(SECRET, claims, { subject: "u-42" })}`)) as Viewer & { name: string }).name;
    expect(await name({ name: " Grace Hopper ", preferred_username: "grace" })).toBe("Grace Hopper");
    expect(await name({ name: "", preferred_username: "grace" })).toBe("grace");
    expect(await name({ name: 12 })).toBe("u-42");
    expect(await name({})).toBe("u-42");
  });

  it("treats only a true author claim (or Keycloak's \"true\") as the provider vouching for authorship", async () => {
    const author = async (value: unknown) => ((await authenticate(`Bearer ${await mint(SECRET, { papers_author: value })}`)) as { author: boolean }).author;
    expect(await author(true)).toBe(true);
    expect(await author("true")).toBe(true);
    expect(await author("yes")).toBe(false);
    expect(await author(1)).toBe(false);
    expect(await author(undefined)).toBe(false);
  });

  it("refuses an expired token, but allows the configured clock skew", async () => {
    const now = Math.floor(Date.now() / 1000);
    const expired = await mint(SECRET, {}, { expires: now - 120 });
    expect(await refusalOf(authenticate(`Bearer ${expired}`))).toEqual({ ...UNAUTHENTICATED, message: expect.stringMatching(/expired/) });
    const justExpired = await mint(SECRET, {}, { expires: now - 10 });
    await expect(authenticate(`Bearer ${justExpired}`)).resolves.toMatchObject({ kind: "person" });
    const strict = authenticatorFor({ AUTH_CLOCK_TOLERANCE_SECONDS: "0" });
    expect(await refusalOf(strict(`Bearer ${justExpired}`))).toMatchObject(UNAUTHENTICATED);
    const fresh = await mint(SECRET, {}, { expires: now + 60 });
    await expect(strict(`Bearer ${fresh}`)).resolves.toMatchObject({ acceptedUntil: (now + 60) * 1000 });
  });

  it("refuses a token that never expires", async () => {
    const forever = await mint(SECRET, {}, { expires: false });
    expect(await refusalOf(authenticate(`Bearer ${forever}`))).toEqual({ ...UNAUTHENTICATED, message: expect.stringMatching(/"exp" claim is missing/) });
  });

  it("refuses a token signed with another secret", async () => {
    const forged = await mint("another-secret-of-more-than-32-characters", { roles: ["curator"] });
    expect(await refusalOf(authenticate(`Bearer ${forged}`))).toEqual({ ...UNAUTHENTICATED, message: expect.stringMatching(/signature/) });
  });

  it("refuses a token whose payload was changed after signing", async () => {
    const [header, , signature] = (await mint(SECRET, { roles: ["contributor"] })).split(".");
    const payload = Buffer.from(JSON.stringify({ iss: "papers-graph", aud: "papers-graph", sub: "user-1", exp: 4102444800, roles: ["curator"] })).toString("base64url");
    expect(await refusalOf(authenticate(`Bearer ${header}.${payload}.${signature}`))).toMatchObject(UNAUTHENTICATED);
  });

  it("refuses alg none and every algorithm but HS256", async () => {
    expect(await refusalOf(authenticate(`Bearer ${unsignedToken({ roles: ["curator"] })}`))).toMatchObject(UNAUTHENTICATED);
    const hs512 = await mint(SECRET, {}, { alg: "HS512" });
    expect(await refusalOf(authenticate(`Bearer ${hs512}`))).toEqual({ ...UNAUTHENTICATED, message: expect.stringMatching(/algorithm/) });
    const rs256 = await mint((await rsaSigningKey("k1")).privateKey, {});
    expect(await refusalOf(authenticate(`Bearer ${rs256}`))).toMatchObject(UNAUTHENTICATED);
  });

  it("refuses a token from another issuer or for another audience", async () => {
    const otherIssuer = await mint(SECRET, {}, { issuer: "https://elsewhere.example.org" });
    expect(await refusalOf(authenticate(`Bearer ${otherIssuer}`))).toEqual({ ...UNAUTHENTICATED, message: expect.stringMatching(/"iss" claim/) });
    const otherAudience = await mint(SECRET, {}, { audience: "another-app" });
    expect(await refusalOf(authenticate(`Bearer ${otherAudience}`))).toEqual({ ...UNAUTHENTICATED, message: expect.stringMatching(/"aud" claim/) });
    const configured = authenticatorFor({ AUTH_ISSUER: "https://minter.example.org", AUTH_AUDIENCE: "papers" });
    const good = await mint(SECRET, {}, { issuer: "https://minter.example.org", audience: "papers" });
    await expect(configured(`Bearer ${good}`)).resolves.toMatchObject({ issuer: "https://minter.example.org" });
    expect(await refusalOf(configured(`Bearer ${await mint(SECRET, {})}`))).toMatchObject(UNAUTHENTICATED);
  });

  it("refuses a token without a subject", async () => {
    const nobody = await mint(SECRET, {}, { subject: "" });
    expect(await refusalOf(authenticate(`Bearer ${nobody}`))).toMatchObject(UNAUTHENTICATED);
  });

  it("refuses other schemes and malformed Bearer values", async () => {
    const token = await mint(SECRET, {});
    for (const header of [`Basic ${Buffer.from("alice:pw").toString("base64")}`, token, "Bearer", "Bearer ", `Bearer ${token} extra`, "Bearer not-a-jwt", `Token ${token}`]) {
      expect(await refusalOf(authenticate(header))).toMatchObject(UNAUTHENTICATED);
    }
    expect((await refusalOf(authenticate("Basic abc"))).message).toMatch(/Bearer <token>/);
  });
});

describe("a refusal at Apollo Server", () => {
  it("answers HTTP 401 with UNAUTHENTICATED and a Bearer challenge, not a masked 500", async () => {
    const authenticate = authenticatorFor();
    const server = new ApolloServer<{ viewer: Viewer }>({
      typeDefs: "type Query { me: String }",
      resolvers: { Query: { me: (_: unknown, __: unknown, { viewer }: { viewer: Viewer }) => viewer.kind } },
      formatError: createErrorFormatter(),
    });
    await server.start();
    const ask = (authorization?: string) =>
      server.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: "POST", headers: new HeaderMap([["content-type", "application/json"]]), search: "", body: { query: "{ me }" } },
        context: async () => ({ viewer: await authenticate(authorization) }),
      });
    try {
      const refused = await ask("Bearer not-a-jwt");
      expect(refused.status).toBe(401);
      expect(refused.headers.get("www-authenticate")).toBe('Bearer error="invalid_token"');
      const body = JSON.parse(refused.body.kind === "complete" ? refused.body.string : "");
      expect(body.errors).toEqual([{ message: "The sign-in token is malformed.", extensions: { code: "UNAUTHENTICATED" } }]);

      const anonymous = await ask(undefined);
      expect(anonymous.status ?? 200).toBe(200);
      expect(JSON.parse(anonymous.body.kind === "complete" ? anonymous.body.string : "")).toEqual({ data: { me: "anonymous" } });
    } finally {
      await server.stop();
    }
  });
});

describe("createAuthenticator without a provider", () => {
  it("verifies tokens signed with the local secret", async () => {
    const dir = tempDir("papers-auth-");
    const settings = authSettings(loadConfig({ AUTH_LOCAL_SECRET_DIR: dir }));
    expect(settings.key).toMatchObject({ kind: "hs256", source: "local" });
    if (settings.key.kind !== "hs256") throw new Error("unreachable");
    const authenticate = createAuthenticator(settings);
    await expect(authenticate(`Bearer ${await mint(settings.key.secret, { roles: ["contributor"] })}`)).resolves.toMatchObject({ roles: ["contributor"] });
    expect(await refusalOf(authenticate(`Bearer ${await mint(SECRET, {})}`))).toMatchObject(UNAUTHENTICATED);
  });
});

describe("perRequest", () => {
  it("verifies a request's token once, however many ask, and each request on its own", async () => {
    const { perRequest } = await import("../../src/auth/authenticator");
    const seen: Array<string | undefined> = [];
    const viewerOf = perRequest(async (header) => {
      seen.push(header);
      return { kind: "anonymous" } as const;
    });
    const a = { headers: { authorization: "Bearer a" } } as import("node:http").IncomingMessage;
    const b = { headers: { authorization: "Bearer b" } } as import("node:http").IncomingMessage;
    await Promise.all([viewerOf(a), viewerOf(a), viewerOf(b)]);
    await viewerOf(a);
    expect(seen).toEqual(["Bearer a", "Bearer b"]);
  });
});
