// The subscription settings, the upgrade's origin rule and the front page's live selection: no database needed.
import type { IncomingMessage } from "node:http";
import { ConfigError, loadConfig } from "../../src/config";
import { securityOptions } from "../../src/http/server";
import { originAllowed } from "../../src/http/subscriptions";
import { frontPageQuery, nodeSelection } from "../../scripts/build-web";
import { readmeExamples } from "../../scripts/readme-examples";
import { readFileSync } from "node:fs";
import path from "node:path";

const upgrade = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;

describe("subscription settings", () => {
  it("defaults to the documented caps, heartbeat and init timeout, and no other origin", () => {
    expect(securityOptions(loadConfig({})).subscriptions).toEqual({ perConnection: 10, perCaller: 50, keepAliveMs: 12_000, initTimeoutMs: 3_000, origins: [] });
  });

  it("takes its origins from CORS_ORIGINS, the one allow-list, and refuses what is not one", () => {
    expect(securityOptions(loadConfig({ CORS_ORIGINS: "https://app.example.org/, http://localhost:5173" })).subscriptions.origins).toEqual([
      "https://app.example.org",
      "http://localhost:5173",
    ]);
    expect(() => loadConfig({ CORS_ORIGINS: "app.example.org" })).toThrow(ConfigError);
    expect(() => loadConfig({ SUBSCRIPTIONS_PER_CONNECTION: "0" })).toThrow(/SUBSCRIPTIONS_PER_CONNECTION/);
  });
});

describe("the origin of a WebSocket upgrade", () => {
  const listed = ["https://app.example.org"];
  it("lets the server's own pages, listed origins and non-browser clients (no Origin) through", () => {
    expect(originAllowed(upgrade({ host: "127.0.0.1:4000", origin: "http://127.0.0.1:4000" }), [])).toBe(true);
    expect(originAllowed(upgrade({ host: "api.example.org", origin: "https://app.example.org" }), listed)).toBe(true);
    expect(originAllowed(upgrade({ host: "api.example.org" }), [])).toBe(true);
  });

  it("refuses any other origin, a look-alike and a malformed one", () => {
    expect(originAllowed(upgrade({ host: "api.example.org", origin: "https://evil.example" }), listed)).toBe(false);
    expect(originAllowed(upgrade({ host: "api.example.org", origin: "https://app.example.org.evil.example" }), listed)).toBe(false);
    expect(originAllowed(upgrade({ host: "127.0.0.1:4000", origin: "http://127.0.0.1:4001" }), [])).toBe(false);
    expect(originAllowed(upgrade({ host: "api.example.org", origin: "null" }), listed)).toBe(false);
  });

  it("lets any page in when CORS_ORIGINS is *", () => {
    expect(originAllowed(upgrade({ host: "api.example.org", origin: "https://anywhere.example" }), ["*"])).toBe(true);
  });
});

describe("the front page's live selection", () => {
  it("is the node selection of the README's front-page query", () => {
    const query = frontPageQuery(readmeExamples(readFileSync(path.join(__dirname, "..", "..", "README.md"), "utf8")));
    expect(nodeSelection(query)).toBe("{ id bodyHtml votes createdAt author { name } paper { id title url } }");
    expect(() => nodeSelection("query { summaries { id } }")).toThrow(/edges \{ node/);
  });
});
