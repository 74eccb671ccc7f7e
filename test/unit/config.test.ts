import { ConfigError, loadConfig } from "../../src/config";

describe("loadConfig", () => {
  it("gives working defaults for an empty environment", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 4000, NEO4J_DATABASE: "neo4j", NEO4J_BOLT_PORT: 0, SEED_ON_START: true, EXPOSE_ROUND_TRIPS: true });
    expect(config.NEO4J_URI).toBeUndefined();
  });

  it("reads CORS origins as origins, and refuses * with credentials", () => {
    expect(loadConfig({}).CORS_ORIGINS).toEqual([]);
    expect(loadConfig({ CORS_ORIGINS: "https://frontend.example/, http://localhost:5173" }).CORS_ORIGINS).toEqual(["https://frontend.example", "http://localhost:5173"]);
    expect(() => loadConfig({ CORS_ORIGINS: "frontend.example" })).toThrow(/CORS_ORIGINS/);
    expect(loadConfig({ CORS_ORIGINS: "*" }).CORS_ORIGINS).toEqual(["*"]);
    expect(() => loadConfig({ CORS_ORIGINS: "*", CORS_ALLOW_CREDENTIALS: "true" })).toThrow(/not \*, when CORS_ALLOW_CREDENTIALS/);
  });

  it("hides round-trip counts in production unless asked", () => {
    expect(loadConfig({ NODE_ENV: "production" }).EXPOSE_ROUND_TRIPS).toBe(false);
    expect(loadConfig({ NODE_ENV: "production", EXPOSE_ROUND_TRIPS: "true" }).EXPOSE_ROUND_TRIPS).toBe(true);
  });

  it("serves the browser UI except in production, unless asked", () => {
    expect(loadConfig({}).ENABLE_BROWSER_UI).toBe(true);
    expect(loadConfig({ NODE_ENV: "production" }).ENABLE_BROWSER_UI).toBe(false);
    expect(loadConfig({ NODE_ENV: "production", ENABLE_BROWSER_UI: "yes" }).ENABLE_BROWSER_UI).toBe(true);
    expect(() => loadConfig({ ENABLE_BROWSER_UI: "sometimes" })).toThrow(/ENABLE_BROWSER_UI/);
  });

  it("accepts a routing URI for a cluster", () => {
    expect(loadConfig({ NEO4J_URI: "neo4j+s://abc.databases.neo4j.io" }).NEO4J_URI).toBe("neo4j+s://abc.databases.neo4j.io");
  });

  it("names every bad variable in one error", () => {
    let message = "";
    try {
      loadConfig({ PORT: "http", NEO4J_URI: "http://localhost:7474", NEO4J_HEAP: "lots", SEED_ON_START: "maybe" });
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      message = (e as Error).message;
    }
    for (const name of ["PORT", "NEO4J_URI", "NEO4J_HEAP", "SEED_ON_START"]) expect(message).toContain(name);
  });

  it("reads numbers as digits only, and memory sizes above 0", () => {
    // JavaScript's own coercion read " " as port 0 (any free port) and "0x10" as 16.
    for (const value of [" ", "0x10", "1e3", "-1", "80.5"]) expect(() => loadConfig({ PORT: value })).toThrow(/PORT: must be a whole number/);
    expect(loadConfig({ PORT: " 8080 " }).PORT).toBe(8080);
    expect(() => loadConfig({ PORT: "65536" })).toThrow(/PORT/);
    expect(() => loadConfig({ SHUTDOWN_GRACE_MS: "ten" })).toThrow(/SHUTDOWN_GRACE_MS: must be a whole number/);
    for (const value of ["0g", "0m", "00k"]) expect(() => loadConfig({ NEO4J_HEAP: value })).toThrow(/NEO4J_HEAP: must look like 512m or 2g, more than 0/);
    expect(loadConfig({ NEO4J_HEAP: "2g", NEO4J_PAGECACHE: "64m" })).toMatchObject({ NEO4J_HEAP: "2g", NEO4J_PAGECACHE: "64m" });
  });
});
