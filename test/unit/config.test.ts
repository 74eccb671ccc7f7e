import { createRequire } from "node:module";
import neo4j from "neo4j-driver";
import { ConfigError, loadConfig } from "../../src/config";

/** The URL parser of the neo4j-driver-core the installed neo4j-driver itself uses. */
const { internal } = createRequire(require.resolve("neo4j-driver"))("neo4j-driver-core") as {
  internal: { urlUtil: { parseDatabaseUrl(url: string): { scheme: string | null; host: string; port: number; query: Record<string, string> } } };
};

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
    expect(refusal("bolt://[fe80::1%25eth0]:7687")).toBe("  NEO4J_URI: must give the zone id of [fe80::1%25eth0] unencoded, as the driver reads it: [fe80::1%eth0]");
    expect(refusal("bolt://[fe80::1%]")).toBe("  NEO4J_URI: has [fe80::1%], which is not an IPv6 address with a zone id, as in [fe80::1%eth0]");
    expect(refusal("bolt://host?")).toMatch(/NEO4J_URI: may have \?routing parameters only with neo4j:\/\//);
    expect(refusal("neo4j://host?")).toBe("  NEO4J_URI: has an empty ?routing parameter (a ? or & with nothing after it): write ?key=value&key2=value2, or no ?");
    expect(refusal("neo4j://host?policy")).toBe('  NEO4J_URI: has the ?routing parameter "policy": each must be one key=value, neither side empty, with & between them');
    expect(refusal("neo4j://host?policy=eu&policy=us")).toBe("  NEO4J_URI: names the ?routing parameter policy twice: the driver refuses that");
    expect(refusal("bolt://h%C3%A9llo")).toBe("  NEO4J_URI: must name its host as DNS knows it, without %-escapes or Unicode: xn--hllo-bpa (the driver looks it up as written)");
    for (const uri of ["bolt://localhost", "bolt://localhost:7687/", "neo4j://[::1]:7687", "bolt+ssc://db.example:7687", "neo4j://db.example?policy=eu", "bolt://[fe80::1%eth0]:7687"]) {
      expect(loadConfig({ NEO4J_URI: uri }).NEO4J_URI).toBe(uri);
    }
    expect(loadConfig({ NEO4J_URI: " bolt://localhost\n" }).NEO4J_URI).toBe("bolt://localhost");
  });

  describe("NEO4J_URI against the installed driver, so that the two cannot drift apart", () => {
    const configTakes = (uri: string) => {
      try {
        loadConfig({ NEO4J_URI: uri });
        return true;
      } catch (e) {
        expect(e).toBeInstanceOf(ConfigError);
        return false;
      }
    };
    /** neo4j.driver() parses the URI and throws for one it refuses; it connects only when used. */
    const driverTakes = async (uri: string) => {
      let driver;
      try {
        driver = neo4j.driver(uri);
      } catch {
        return false;
      }
      await driver.close();
      return true;
    };

    it.each([
      "bolt://localhost", "bolt://localhost:7687", "bolt://localhost:7687/", "bolt://LOCALHOST:07687", "bolt://localhost:", " bolt://localhost\t",
      "bolt+s://db.example", "bolt+ssc://db.example:7687", "neo4j+s://abc.databases.neo4j.io", "neo4j+ssc://db.example:7688",
      "bolt://[::1]", "neo4j://[::1]:7687", "bolt://[fe80::1%eth0]:7687", "neo4j://[fe80::1%eth0]", "bolt://[::1%lo]:7687",
      "neo4j://db.example?policy=eu", "neo4j://db.example:7687/?policy=eu&region=north", "neo4j://db.example? policy = eu ", "neo4j://db.example??policy=eu",
    ])("both take %j", async (uri) => {
      expect(configTakes(uri)).toBe(true);
      expect(await driverTakes(uri)).toBe(true);
    });

    it.each([
      "http://localhost:7474", "BOLT://localhost", "localhost:7687", "bolt:localhost", "bolt://",
      "bolt://localhost?policy=eu", "bolt://localhost?", "bolt+s://localhost?a=b",
      "neo4j://localhost?", "neo4j://localhost?policy", "neo4j://localhost?policy=", "neo4j://localhost?=eu", "neo4j://localhost?a=b=c",
      "neo4j://localhost?a=b&", "neo4j://localhost?a=b&&c=d", "neo4j://localhost?a=b&a=c", "neo4j://localhost?a=b& a =c",
    ])("both refuse %j", async (uri) => {
      expect(configTakes(uri)).toBe(false);
      expect(await driverTakes(uri)).toBe(false);
    });

    // The driver takes these but reads them otherwise than meant, or only fails once it connects: the configuration
    // refuses them, and each row shows the driver's reading, so a driver that starts to read one right shows up here.
    it.each<[string, Partial<ReturnType<typeof internal.urlUtil.parseDatabaseUrl>>]>([
      ["bolt://localhost:abc", { host: "localhost", port: 7687 }],
      ["bolt://localhost:12ab", { port: 12 }],
      ["bolt://localhost:99999", { port: 99999 }],
      ["bolt://localhost:0", { port: 0 }],
      ["bolt://fe80::1", { host: "fe80", port: 7687 }],
      ["bolt://[fe80::1%25eth0]:7687", { host: "fe80::1%25eth0" }],
      ["bolt://a b", { host: "a b" }],
      ["bolt://local\thost", { host: "local\thost" }],
      ["bolt://ho%73t", { host: "ho%73t" }],
      ["bolt://héllo", { host: "héllo" }],
      ["bolt://neo4j:secret@localhost", { host: "localhost", port: 7687 }],
      ["bolt://localhost/papers", { host: "localhost", port: 7687 }],
      ["bolt://localhost#papers", { host: "localhost", port: 7687 }],
      ["neo4j://localhost?policy=eu#papers", { host: "localhost", query: { policy: "eu" } }],
    ])("only the configuration refuses %j, which the driver reads as %j", async (uri, reading) => {
      expect(configTakes(uri)).toBe(false);
      expect(await driverTakes(uri)).toBe(true);
      expect(internal.urlUtil.parseDatabaseUrl(uri)).toMatchObject(reading);
    });
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
    for (const value of [" ", "0x10", "1e3", "-1", "80.5", "65536"]) {
      expect(() => loadConfig({ PORT: value })).toThrow(/PORT: must be a whole number from 0 to 65535, in digits/);
    }
    expect(loadConfig({ PORT: " 8080 " }).PORT).toBe(8080);
    expect(() => loadConfig({ SHUTDOWN_GRACE_MS: "ten" })).toThrow(/SHUTDOWN_GRACE_MS: must be a whole number/);
    for (const value of ["0g", "0m", "00k"]) expect(() => loadConfig({ NEO4J_HEAP: value })).toThrow(/NEO4J_HEAP: must look like 512m or 2g, more than 0/);
    expect(loadConfig({ NEO4J_HEAP: "2g", NEO4J_PAGECACHE: "64m" })).toMatchObject({ NEO4J_HEAP: "2g", NEO4J_PAGECACHE: "64m" });
  });
});
