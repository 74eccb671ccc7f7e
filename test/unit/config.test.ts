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

  it("refuses a NEO4J_URI the driver would take and fail on only when it connects, naming it once", () => {
    const refusal = (uri: string) => {
      try {
        loadConfig({ NEO4J_URI: uri });
      } catch (e) {
        expect(e).toBeInstanceOf(ConfigError);
        const lines = (e as Error).message.split("\n").slice(1);
        expect(lines).toHaveLength(1);
        return lines[0];
      }
      throw new Error(`${uri} was accepted`);
    };
    expect(refusal("bolt://host:99999")).toBe("  NEO4J_URI: is not a URI the driver can use: a host, then at most a :port of 1-65535, and no spaces");
    expect(refusal("neo4j://a b")).toMatch(/^  NEO4J_URI: is not a URI the driver can use/);
    expect(refusal("bolt://host:http")).toMatch(/^  NEO4J_URI: is not a URI the driver can use/);
    expect(refusal("bolt://")).toBe("  NEO4J_URI: must name a host, as in bolt://localhost:7687");
    expect(refusal("bolt://host:0")).toMatch(/NEO4J_URI: must have a port of 1-65535/);
    expect(refusal("bolt://neo4j:secret@host")).toBe("  NEO4J_URI: must not hold a user or password (the driver ignores them): set NEO4J_USER and NEO4J_PASSWORD");
    expect(refusal("bolt://host/papers")).toMatch(/NEO4J_URI: must have no path: name the database in NEO4J_DATABASE/);
    expect(refusal("bolt://host?policy=eu")).toMatch(/NEO4J_URI: may have \?routing parameters only with neo4j:\/\//);
    expect(refusal("http://localhost:7474")).toBe("  NEO4J_URI: must be a bolt:// or neo4j:// URI");
    for (const uri of ["bolt://localhost", "bolt://localhost:7687/", "neo4j://[::1]:7687", "bolt+ssc://db.example:7687", "neo4j://db.example?policy=eu"]) {
      expect(loadConfig({ NEO4J_URI: uri }).NEO4J_URI).toBe(uri);
    }
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
