import { ConfigError, loadConfig } from "../../src/config";

const OIDC = { AUTH_JWKS_URL: "https://sso.example.org/realms/papers/protocol/openid-connect/certs", AUTH_ISSUER: "https://sso.example.org/realms/papers", AUTH_AUDIENCE: "papers-graph" };

function problems(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error("expected a ConfigError");
}

describe("sign-in in the configuration", () => {
  it("defaults to the local secret with the documented claims", () => {
    expect(loadConfig({})).toMatchObject({
      AUTH_JWKS_ALGORITHMS: ["RS256"],
      AUTH_CLOCK_TOLERANCE_SECONDS: 30,
      AUTH_NAME_CLAIMS: ["name", "preferred_username"],
      AUTH_ROLES_CLAIM: "roles",
      AUTH_AUTHOR_CLAIM: "papers_author",
      AUTH_DEFAULT_ROLES: [],
    });
    const config = loadConfig({});
    for (const unset of ["AUTH_JWKS_URL", "AUTH_HS256_SECRET", "AUTH_ISSUER", "AUTH_AUDIENCE", "AUTH_LOCAL_SECRET_DIR"] as const) {
      expect(config[unset]).toBeUndefined();
    }
  });

  it("takes an OIDC provider with lists and dotted claim paths", () => {
    const config = loadConfig({
      ...OIDC,
      AUTH_JWKS_ALGORITHMS: "RS256, ES256",
      AUTH_NAME_CLAIMS: "name,preferred_username,email",
      AUTH_ROLES_CLAIM: "resource_access.papers-graph.roles",
      AUTH_DEFAULT_ROLES: "contributor",
      AUTH_CLOCK_TOLERANCE_SECONDS: "5",
    });
    expect(config).toMatchObject({
      ...OIDC,
      AUTH_JWKS_ALGORITHMS: ["RS256", "ES256"],
      AUTH_NAME_CLAIMS: ["name", "preferred_username", "email"],
      AUTH_ROLES_CLAIM: "resource_access.papers-graph.roles",
      AUTH_DEFAULT_ROLES: ["contributor"],
      AUTH_CLOCK_TOLERANCE_SECONDS: 5,
    });
  });

  it("accepts a claim name that is a URL (Auth0's namespaced claims)", () => {
    expect(loadConfig({ AUTH_ROLES_CLAIM: "https://papers.example.org/roles" }).AUTH_ROLES_CLAIM).toBe("https://papers.example.org/roles");
  });

  it("needs the issuer and the audience with a JWKS URL", () => {
    const message = problems({ AUTH_JWKS_URL: OIDC.AUTH_JWKS_URL });
    expect(message).toMatch(/AUTH_ISSUER: required with AUTH_JWKS_URL/);
    expect(message).toMatch(/AUTH_AUDIENCE: required with AUTH_JWKS_URL/);
  });

  it("fetches keys over plain http only from this machine", () => {
    expect(problems({ ...OIDC, AUTH_JWKS_URL: "http://sso.example.org/certs" })).toMatch(/AUTH_JWKS_URL: must be an https/);
    expect(problems({ ...OIDC, AUTH_JWKS_URL: "ftp://sso.example.org/certs" })).toMatch(/AUTH_JWKS_URL/);
    expect(loadConfig({ ...OIDC, AUTH_JWKS_URL: "http://127.0.0.1:8080/certs" }).AUTH_JWKS_URL).toBe("http://127.0.0.1:8080/certs");
    expect(loadConfig({ ...OIDC, AUTH_JWKS_URL: "http://localhost:8080/certs" }).AUTH_JWKS_URL).toBe("http://localhost:8080/certs");
  });

  it("refuses a JWKS URL and a shared secret together", () => {
    expect(problems({ ...OIDC, AUTH_HS256_SECRET: "x".repeat(32) })).toMatch(/AUTH_HS256_SECRET: set either/);
  });

  it("names every bad sign-in variable in one error", () => {
    const message = problems({
      AUTH_HS256_SECRET: "too short",
      AUTH_JWKS_ALGORITHMS: "HS256",
      AUTH_DEFAULT_ROLES: "contributor,admin",
      AUTH_CLOCK_TOLERANCE_SECONDS: "-1",
      AUTH_ROLES_CLAIM: ".roles",
      AUTH_NAME_CLAIMS: " , ",
    });
    for (const name of ["AUTH_HS256_SECRET", "AUTH_JWKS_ALGORITHMS", "AUTH_DEFAULT_ROLES", "AUTH_CLOCK_TOLERANCE_SECONDS", "AUTH_ROLES_CLAIM", "AUTH_NAME_CLAIMS"]) {
      expect(message).toContain(name);
    }
  });
});
