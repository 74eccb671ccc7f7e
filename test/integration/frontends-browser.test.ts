// A page on a second origin, in Debian's chromium: it reads the feed and votes with a token when its origin is on
// CORS_ORIGINS, and the browser keeps the answer from a page whose origin is not.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { startSeededServer, stopSeededServer, TestServer } from "../helpers/server";
import type { TestDatabase } from "../helpers/database";
import { launchBrowser, TestBrowser } from "../helpers/browser";
import { asContributor } from "../helpers/tokens";

// The README's "For frontends" page, in small: GET the feed (cacheable), then POST a vote with the bearer token.
const PAGE = `<!doctype html><meta charset="utf-8"><title>frontend</title><pre id="out">running</pre>
<script>
const [api, token] = decodeURIComponent(location.hash.slice(1)).split(" ");
const out = document.getElementById("out");
(async () => {
  const feed = await fetch(api + "?query=" + encodeURIComponent("{ summaries(first: 5, orderBy: NEWEST) { edges { node { id votes } } } }"),
    { headers: { "apollo-require-preflight": "true" } });
  const { data } = await feed.json();
  const vote = await fetch(api, { method: "POST", headers: { "content-type": "application/json", authorization: "Bearer " + token },
    body: JSON.stringify({ query: "mutation { voteSummary(id: \\"shortscience/draw\\", value: 1) { votes viewerVote } }" }) });
  const voted = await vote.json();
  out.textContent = JSON.stringify({ summaries: data.summaries.edges.length, cache: feed.headers.get("cache-control"), vote: voted.data.voteSummary });
})().catch((err) => { out.textContent = "failed: " + err.message; });
</script>`;

/** A static server for PAGE on its own port: another origin than the API's. */
async function servePage(): Promise<{ origin: string; close(): Promise<void> }> {
  const server = http.createServer((_req, res) => res.writeHead(200, { "content-type": "text/html" }).end(PAGE));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe("a frontend on another origin, in a browser", () => {
  let t: TestDatabase;
  let server: TestServer;
  let allowed: Awaited<ReturnType<typeof servePage>>;
  let other: Awaited<ReturnType<typeof servePage>>;
  let browser: TestBrowser;
  let token: string;

  beforeAll(async () => {
    allowed = await servePage();
    other = await servePage();
    ({ t, server } = await startSeededServer({ security: { cors: { origins: [allowed.origin], credentials: false, maxAgeSeconds: 600 } } }));
    browser = await launchBrowser();
    token = (await asContributor("Browser Voter")).authorization.slice("Bearer ".length);
  });
  afterAll(async () => {
    await browser?.close();
    await stopSeededServer({ t, server });
    await allowed?.close();
    await other?.close();
  });

  const run = async (origin: string): Promise<{ text: string; problems: string[] }> => {
    const { page, problems } = await browser.open();
    await page.goto(`${origin}/#${encodeURIComponent(`${server.url} ${token}`)}`);
    await page.waitForFunction(`document.getElementById("out").textContent !== "running"`);
    return { text: (await page.locator("#out").textContent())!, problems };
  };

  it("reads the feed and votes from a listed origin", async () => {
    const { text } = await run(allowed.origin);
    expect(JSON.parse(text)).toEqual({ summaries: 5, cache: "public, max-age=10", vote: { votes: expect.any(Number), viewerVote: 1 } });
    // The database was seeded fresh: the page's is the one vote on that summary.
    const votes = await t.driver.executeQuery(`MATCH ()-[v:VOTED]->(:Summary {id: "shortscience/draw"}) RETURN count(v) AS n`);
    expect(votes.records[0].get("n").toNumber()).toBe(1);
  });

  it("is refused by the browser on an origin not listed", async () => {
    const { text, problems } = await run(other.origin);
    expect(text).toMatch(/^failed: Failed to fetch/);
    expect(problems.join("\n")).toMatch(/blocked by CORS policy/);
  });
});
