import { ConfigError, loadConfig } from "../../src/config";

describe("limits in the configuration", () => {
  it("defaults to the documented limits", () => {
    expect(loadConfig({})).toMatchObject({
      MAX_QUERY_DEPTH: 8,
      MAX_ALIASES: 15,
      MAX_DIRECTIVES: 10,
      MAX_TOKENS: 2000,
      MAX_QUERY_COST: 150_000,
      MAX_BODY_BYTES: 1_048_576,
      REQUEST_TIMEOUT_MS: 10_000,
      NEO4J_TX_TIMEOUT_MS: 5_000,
      SHUTDOWN_GRACE_MS: 10_000,
      INTROSPECTION: true,
      FIELD_SUGGESTIONS: true,
    });
  });

  it("turns introspection and field suggestions off in production unless asked", () => {
    expect(loadConfig({ NODE_ENV: "production" })).toMatchObject({ INTROSPECTION: false, FIELD_SUGGESTIONS: false });
    expect(loadConfig({ NODE_ENV: "production", INTROSPECTION: "true", FIELD_SUGGESTIONS: "1" })).toMatchObject({ INTROSPECTION: true, FIELD_SUGGESTIONS: true });
  });

  it("names every bad limit in one error", () => {
    expect(() => loadConfig({ MAX_QUERY_DEPTH: "0", MAX_QUERY_COST: "lots", REQUEST_TIMEOUT_MS: "-1", MAX_TOKENS: "1.5" })).toThrow(ConfigError);
    try {
      loadConfig({ MAX_QUERY_DEPTH: "0", MAX_QUERY_COST: "lots", REQUEST_TIMEOUT_MS: "-1", MAX_TOKENS: "1.5" });
    } catch (e) {
      for (const name of ["MAX_QUERY_DEPTH", "MAX_QUERY_COST", "REQUEST_TIMEOUT_MS", "MAX_TOKENS"]) expect((e as Error).message).toContain(name);
    }
  });
});
