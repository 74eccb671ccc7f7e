import { chmodSync, existsSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { loadConfig } from "../../src/config";
import { authSettings, localSecretDir, signInHint } from "../../src/auth/auth-settings";
import { LOCAL_SECRET_FILE, loadOrCreateLocalSecret } from "../../src/auth/local-secret";
import { PROJECT_ROOT } from "../../src/project-root";
import { tempDir } from "../helpers/temp-dirs";

const freshDir = () => path.join(tempDir("papers-auth-"), "data");

describe("loadOrCreateLocalSecret", () => {
  it("creates a 256-bit secret once, readable by its owner only, and reuses it", () => {
    const dir = freshDir();
    const secret = loadOrCreateLocalSecret(dir);
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(secret, "base64url")).toHaveLength(32);
    expect(statSync(path.join(dir, LOCAL_SECRET_FILE)).mode & 0o777).toBe(0o600);
    expect(loadOrCreateLocalSecret(dir)).toBe(secret);
    // No drafts left behind.
    expect(readdirSync(dir)).toEqual([LOCAL_SECRET_FILE]);
    expect(loadOrCreateLocalSecret(freshDir())).not.toBe(secret);
  });

  it("takes a copied file's permissions back to 0600", () => {
    const dir = freshDir();
    const secret = loadOrCreateLocalSecret(dir);
    chmodSync(path.join(dir, LOCAL_SECRET_FILE), 0o644);
    expect(loadOrCreateLocalSecret(dir)).toBe(secret);
    expect(statSync(path.join(dir, LOCAL_SECRET_FILE)).mode & 0o777).toBe(0o600);
  });

  it("refuses a file that holds no secret instead of signing with it", () => {
    const dir = freshDir();
    loadOrCreateLocalSecret(dir);
    writeFileSync(path.join(dir, LOCAL_SECRET_FILE), "\n");
    expect(() => loadOrCreateLocalSecret(dir)).toThrow(/does not hold a secret written by this server/);
  });
});

describe("authSettings", () => {
  it("keeps the local secret in neo4j-runtime/data unless AUTH_LOCAL_SECRET_DIR says otherwise", () => {
    expect(localSecretDir(loadConfig({}))).toBe(path.join(PROJECT_ROOT, "neo4j-runtime", "data"));
    expect(localSecretDir(loadConfig({ AUTH_LOCAL_SECRET_DIR: "/srv/papers" }))).toBe("/srv/papers");
  });

  it("creates no local secret when a provider or a shared secret is configured", () => {
    const dir = freshDir();
    const jwks = authSettings(
      loadConfig({ AUTH_LOCAL_SECRET_DIR: dir, AUTH_JWKS_URL: "https://sso.example.org/certs", AUTH_ISSUER: "https://sso.example.org", AUTH_AUDIENCE: "papers" }),
    );
    expect(jwks.key).toMatchObject({ kind: "jwks", algorithms: ["RS256"] });
    const shared = authSettings(loadConfig({ AUTH_LOCAL_SECRET_DIR: dir, AUTH_HS256_SECRET: "s".repeat(40) }));
    expect(shared.key).toEqual({ kind: "hs256", secret: "s".repeat(40), source: "shared" });
    expect(existsSync(dir)).toBe(false);
  });

  it("hints how to sign in without ever showing a secret", () => {
    const dir = freshDir();
    const local = authSettings(loadConfig({ AUTH_LOCAL_SECRET_DIR: dir }));
    expect(signInHint(local)).toBe("Sign in locally: npm run token -- --name you --role contributor, then send the header Authorization: Bearer <token>.");
    const shared = authSettings(loadConfig({ AUTH_HS256_SECRET: "s".repeat(40) }));
    expect(signInHint(shared)).not.toContain("s".repeat(40));
    expect(signInHint(shared)).toMatch(/AUTH_HS256_SECRET/);
    const oidc = authSettings(loadConfig({ AUTH_JWKS_URL: "https://sso.example.org/certs", AUTH_ISSUER: "https://sso.example.org", AUTH_AUDIENCE: "papers" }));
    expect(signInHint(oidc)).toBe("Sign in with https://sso.example.org: its tokens for audience papers are accepted (keys from https://sso.example.org/certs).");
    if (local.key.kind === "hs256") expect(signInHint(local)).not.toContain(local.key.secret);
  });
});
