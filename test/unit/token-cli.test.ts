import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { decodeJwt } from "jose";
import { loadConfig } from "../../src/config";
import { authSettings } from "../../src/auth/auth-settings";
import { createAuthenticator } from "../../src/auth/authenticator";
import { runTokenCommand, TokenCommandError } from "../../src/auth/token-cli";
import { tempDir } from "../helpers/temp-dirs";
import { refusalOf } from "../helpers/tokens";

function localConfig(env: Record<string, string> = {}) {
  return loadConfig({ AUTH_LOCAL_SECRET_DIR: path.join(tempDir("papers-auth-"), "data"), ...env });
}

describe("npm run token", () => {
  it("prints a token the server accepts, with the name, roles and author claim asked for", async () => {
    const config = localConfig();
    const token = await runTokenCommand(["--name", "Ada Lovelace", "--role", "contributor", "--role", "curator", "--author"], config);
    const authenticate = createAuthenticator(authSettings(config));
    await expect(authenticate(`Bearer ${token}`)).resolves.toEqual({
      kind: "person",
      subject: "Ada Lovelace",
      issuer: "papers-graph",
      name: "Ada Lovelace",
      roles: ["contributor", "curator"],
      author: true,
      acceptedUntil: (decodeJwt(token).exp! + 30) * 1000,
    });
  });

  it("signs for a week unless --expires says otherwise, and the server refuses it once expired", async () => {
    const config = localConfig();
    const week = decodeJwt(await runTokenCommand(["--name", "alice"], config));
    expect(week.exp! - week.iat!).toBe(7 * 24 * 3600);
    const hour = decodeJwt(await runTokenCommand(["--name", "alice", "--expires", "1h"], config));
    expect(hour.exp! - hour.iat!).toBe(3600);
    expect(hour).toMatchObject({ roles: [] });

    const authenticate = createAuthenticator(authSettings(config));
    const token = await runTokenCommand(["--name", "alice", "--expires", "1h"], config);
    // An hour and the 30 s of clock tolerance later; only the clock is faked.
    jest.useFakeTimers({
      now: Date.now() + 3600_000 + 31_000,
      doNotFake: ["nextTick", "queueMicrotask", "setImmediate", "clearImmediate", "setTimeout", "clearTimeout", "setInterval", "clearInterval", "hrtime", "performance"],
    });
    try {
      expect(await refusalOf(authenticate(`Bearer ${token}`))).toMatchObject({ code: "UNAUTHENTICATED", status: 401, message: expect.stringMatching(/expired/) });
    } finally {
      jest.useRealTimers();
    }
  });

  it("writes the roles where the server is configured to read them", async () => {
    const config = localConfig({ AUTH_ROLES_CLAIM: "realm_access.roles", AUTH_NAME_CLAIMS: "preferred_username", AUTH_AUTHOR_CLAIM: "https://papers.example.org/author" });
    const token = await runTokenCommand(["--name", "bob", "--role", "curator", "--author"], config);
    await expect(createAuthenticator(authSettings(config))(`Bearer ${token}`)).resolves.toMatchObject({ name: "bob", roles: ["contributor", "curator"], author: true });
  });

  it("signs with AUTH_HS256_SECRET when one is set", async () => {
    const config = localConfig({ AUTH_HS256_SECRET: "a-shared-secret-of-more-than-32-characters" });
    const token = await runTokenCommand(["--name", "carol", "--role", "contributor"], config);
    const shared = createAuthenticator(authSettings(loadConfig({ AUTH_HS256_SECRET: "a-shared-secret-of-more-than-32-characters" })));
    await expect(shared(`Bearer ${token}`)).resolves.toMatchObject({ name: "carol" });
  });

  // The command as docs/identity.md gives it, `TOKEN=$(npm run -s token -- ...)`: its pretoken build runs first, and
  // the web bundler's line on standard output made $TOKEN two lines, which curl sent as a broken header (HTTP 400).
  it("writes the token alone to standard output through npm run -s, the build before it included", async () => {
    const dir = path.join(tempDir("papers-auth-"), "data");
    const env = { ...process.env, AUTH_LOCAL_SECRET_DIR: dir, AUTH_HS256_SECRET: "", AUTH_JWKS_URL: "" };
    const { stdout } = await promisify(execFile)("npm", ["run", "-s", "token", "--", "--name", "alice", "--role", "contributor"], { cwd: path.join(__dirname, "..", ".."), env });
    expect(stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const authenticate = createAuthenticator(authSettings(loadConfig({ AUTH_LOCAL_SECRET_DIR: dir })));
    await expect(authenticate(`Bearer ${stdout.trim()}`)).resolves.toMatchObject({ name: "alice", roles: ["contributor"] });
  }, 180_000);

  it("refuses with one sentence when a provider signs the tokens", async () => {
    const config = localConfig({ AUTH_JWKS_URL: "https://sso.example.org/certs", AUTH_ISSUER: "https://sso.example.org", AUTH_AUDIENCE: "papers" });
    await expect(runTokenCommand(["--name", "alice"], config)).rejects.toThrow(
      new TokenCommandError(
        "Sign-in is delegated to https://sso.example.org (AUTH_JWKS_URL is set), so this server holds no key to sign with: get a token from that provider.",
      ),
    );
  });

  it("says what to change for a missing name, an unknown role, a bad span or an unknown option", async () => {
    const config = localConfig();
    await expect(runTokenCommand(["--role", "curator"], config)).rejects.toThrow(/--name is required/);
    await expect(runTokenCommand(["--name", "  "], config)).rejects.toThrow(/--name is required/);
    await expect(runTokenCommand(["--name", "a", "--role", "admin"], config)).rejects.toThrow("Unknown role admin: the roles are contributor and curator.");
    await expect(runTokenCommand(["--name", "a", "--expires", "soon"], config)).rejects.toThrow(/--expires soon is not a time span/);
    await expect(runTokenCommand(["--name", "a", "--admin"], config)).rejects.toThrow(TokenCommandError);
  });
});
