// The browser UI in Debian's chromium against the real server and Neo4j: the IDE at GET /graphql and the explorer.
import { readFileSync } from "node:fs";
import path from "node:path";
import { openTestDatabase, TestDatabase } from "../helpers/database";
import { startTestServer, TestServer } from "../helpers/server";
import type { Locator, Page } from "playwright-core";
import { launchBrowser, TestBrowser } from "../helpers/browser";
import { buildWeb } from "../../scripts/build-web";
import { readmeExamples } from "../../scripts/readme-examples";
import { frontPageQuery } from "../../scripts/build-web";
import { listening } from "../helpers/subscriptions";
import { asContributor, Headers } from "../helpers/tokens";
import { TcpProxy } from "../helpers/tcp-proxy";

const ROOT = path.join(__dirname, "..", "..");
const OUTPUT = path.join(ROOT, "test-output");
const RESNET = "journals/corr/1512.03385";
const DENSENET = "journals/corr/1608.06993";
/** What a browser sends when it opens a page. */
const BROWSER_ACCEPT = { accept: "text/html,application/xhtml+xml,*/*;q=0.8" };

describe("browser UI", () => {
  let db: TestDatabase;
  let server: TestServer;
  let origin: string;
  let browser: TestBrowser;

  beforeAll(async () => {
    await buildWeb();
    db = await openTestDatabase();
    await db.reset();
    await db.seedShortScience();
    server = await startTestServer(db, { browserUi: true });
    origin = new URL(server.url).origin;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await db?.close();
  });

  /** Waits until the explorer has drawn a graph of `count` nodes. */
function graphNodes(page: Page, count: number): Promise<void> {
  return page.locator(`#graph[data-node-count="${count}"]`).waitFor({ state: "attached" });
}

/** Every request a page made went to this server: nothing from a CDN, so it works offline. */
  function expectOnlyLocal(requests: string[]): void {
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((url) => !url.startsWith(`${origin}/`) && !url.startsWith("data:"))).toEqual([]);
  }

  it("answers a browser's GET /graphql with the IDE page, and API clients as before", async () => {
    const page = await fetch(server.url, { headers: BROWSER_ACCEPT });
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    expect(page.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(await page.text()).toContain('<script src="/assets/graphiql.js">');

    expect(await server.query(`{ paper(id: "${RESNET}") { title } }`)).toMatchObject({
      status: 200,
      data: { paper: { title: "Deep Residual Learning for Image Recognition" } },
    });
    // An asset that is not there (an old page's bundle after a redeploy) or a malformed path: a 4xx, never a 500.
    for (const [asset, status] of [["/assets/not-there.js", 404], ["/assets/", 404], ["/assets/%E0", 400]] as const) {
      const res = await fetch(`${origin}${asset}`);
      expect([asset, res.status]).toEqual([asset, status]);
      expect(((await res.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0].extensions.code).not.toBe("INTERNAL_SERVER_ERROR");
    }
    // Apollo's CSRF prevention still refuses a GET operation a plain <form> or <img> could send.
    const simpleGet = await fetch(`${server.url}?query=${encodeURIComponent("{ __typename }")}`, { headers: { accept: "text/html" } });
    expect(simpleGet.status).toBe(400);
    expect(await simpleGet.text()).toMatch(/CSRF/);
  });

  it("answers HEAD on the pages and their assets as GET, without the body", async () => {
    const answer = (res: Response) => [res.status, ...["content-type", "content-security-policy", "cache-control", "content-length"].map((h) => res.headers.get(h))];
    for (const resource of ["/graphql", "/graphql/", "/explore", "/assets/graphiql.js"]) {
      const get = await fetch(`${origin}${resource}`, { headers: BROWSER_ACCEPT });
      await get.arrayBuffer();
      const head = await fetch(`${origin}${resource}`, { method: "HEAD", headers: BROWSER_ACCEPT });
      expect([resource, ...answer(head)]).toEqual([resource, ...answer(get)]);
      expect([resource, head.status, await head.text()]).toEqual([resource, 200, ""]);
    }
    const ide = await fetch(server.url, { method: "HEAD", headers: BROWSER_ACCEPT });
    expect(ide.headers.get("content-type")).toMatch(/^text\/html/);
    expect(ide.headers.get("content-security-policy")).toContain("script-src 'self'");
  });

  it("serves the IDE at /graphql only: a page below it is an unknown path, and the API's GET and preflight are unchanged", async () => {
    const unknown = await fetch(`${origin}/nope`, { headers: BROWSER_ACCEPT });
    const unknownBody = await unknown.text();
    expect(unknown.status).toBe(404);
    for (const below of ["/graphql/anything", "/graphql/explore", "/graphql/assets/graphiql.js"]) {
      const res = await fetch(`${origin}${below}`, { headers: BROWSER_ACCEPT });
      const [type, csp] = [res.headers.get("content-type"), res.headers.get("content-security-policy")];
      expect([below, res.status, type, csp]).toEqual([below, 404, unknown.headers.get("content-type"), unknown.headers.get("content-security-policy")]);
      expect(await res.text()).toBe(unknownBody.replace("/nope", below));
      expect((await fetch(`${origin}${below}`, { method: "HEAD", headers: BROWSER_ACCEPT })).status).toBe(404);
    }

    // A GET with a query is Apollo's, whatever the Accept header prefers.
    const typename = await fetch(`${server.url}?query=${encodeURIComponent("{ __typename }")}`, { headers: { ...BROWSER_ACCEPT, "apollo-require-preflight": "true" } });
    expect(typename.status).toBe(200);
    expect(typename.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await typename.json()).toMatchObject({ data: { __typename: "Query" } });
    // A page's CORS preflight reaches the cors middleware (express's own answer would be 200 with "Allow: GET, HEAD").
    const preflight = await fetch(server.url, { method: "OPTIONS", headers: { origin: "https://frontend.example", "access-control-request-method": "POST" } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-methods")).toBe("GET,POST");
    expect(preflight.headers.get("allow")).toBeNull();
  });

  it("runs GraphiQL offline with the README's examples as tabs", async () => {
    const examples = readmeExamples(readFileSync(path.join(ROOT, "README.md"), "utf8"));
    expect(examples.length).toBeGreaterThanOrEqual(3);
    const { page, requests, problems } = await browser.open();
    await page.goto(server.url);

    await page.waitForFunction(`document.querySelectorAll(".graphiql-tab").length === ${examples.length}`);
    expect(await page.locator(".graphiql-query-editor").textContent()).toContain(examples[0].title);
    // Tabs are named after the operations, which readmeExamples names after the README's titles.
    const names = examples.map((e) => /^query (\w+)/m.exec(e.query)![1]);
    expect(await page.locator(".graphiql-tab-button").allTextContents()).toEqual(names);
    await page.locator(".graphiql-execute-button").click();
    await page.locator(".result-window", { hasText: "Deep Residual Learning for Image Recognition" }).waitFor();
    await page.screenshot({ path: path.join(OUTPUT, "graphiql.png") });

    expectOnlyLocal(requests);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("opens on the front page: the README's first example, the seed's summaries in ShortScience's order", async () => {
    const { page, requests, problems } = await browser.open();
    const sent: string[] = [];
    page.on("request", (r) => {
      if (r.method() === "POST" && r.url() === server.url) sent.push(JSON.parse(r.postData() ?? "{}").query);
    });
    await page.goto(`${origin}/explore`);
    const items = page.locator("#front-page > li.summary");
    await page.locator("body[data-state=ready]").waitFor();
    expect(await items.count()).toBe(5);

    // Exactly the README's query text, not a copy of it.
    expect(sent).toContain(frontPageQuery(readmeExamples(readFileSync(path.join(ROOT, "README.md"), "utf8"))));
    const titles = items.locator("h3.paper-title a");
    expect(await titles.allTextContents()).toEqual([
      "Deep Residual Learning for Image Recognition",
      "Bayesian Compression for Deep Learning",
      "DRAW: A Recurrent Neural Network For Image Generation",
      "Adaptive Computation Time for Recurrent Neural Networks",
      "Unsupervised Representation Learning with Deep Convolutional Generative Adversarial Networks",
    ]);
    expect(await items.evaluateAll((lis) => lis.map((li) => li.getAttribute("data-summary")))).toEqual([
      "shortscience/resnet",
      "shortscience/bayesian-compression",
      "shortscience/draw",
      "shortscience/adaptive-computation-time",
      "shortscience/dcgan",
    ]);
    expect(await items.locator("a.paper-link").evaluateAll((as) => as.map((a) => a.getAttribute("href")))).toEqual(
      ["1512.03385", "1705.08665", "1502.04623", "1603.08983", "1511.06434"].map((id) => `https://arxiv.org/abs/${id}`),
    );
    // The body as HTML: markdown emphasis, headings and lists are elements, and the LaTeX is typeset.
    const resnet = items.nth(0);
    expect(await resnet.locator(".summary-body strong").first().textContent()).toBe("training");
    expect(await resnet.locator(".summary-body .katex").count()).toBe(1);
    expect(await items.nth(4).locator(".summary-body h1").first().textContent()).toBe("Deep Convolutional Generative Adversarial Nets");
    expect(await items.nth(4).locator(".summary-body ul li").count()).toBeGreaterThan(10);
    expect(await resnet.locator(".byline").textContent()).toMatch(/^anonymous · .+ · 0 votes · paper$/);
    expect(await page.locator("#older").count()).toBe(0);
    expect(await page.locator("#graph-panel").isHidden()).toBe(true);
    await page.screenshot({ path: path.join(OUTPUT, "explorer-front-page.png"), fullPage: true });

    // A title opens the paper in the explorer.
    await titles.nth(2).click();
    await page.locator("#paper-title", { hasText: "DRAW: A Recurrent Neural Network For Image Generation" }).waitFor();
    expect(new URL(page.url()).searchParams.get("paper")).toBe("journals/corr/1502.04623");

    expectOnlyLocal(requests);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("finds ResNet by searching 'residual' and shows its see-also link, summary and neighbourhood", async () => {
    const { page, requests, problems } = await browser.open();
    await page.goto(`${origin}/explore`);
    await page.locator("#search").fill("residual");
    await page.locator("#suggestions [role=option]", { hasText: "Deep Residual Learning for Image Recognition" }).click();

    await page.locator("#paper-title", { hasText: "Deep Residual Learning for Image Recognition" }).waitFor();
    expect(new URL(page.url()).searchParams.get("paper")).toBe(RESNET);
    const seeAlso = page.locator(`#see-also a[data-paper="${DENSENET}"]`);
    await seeAlso.waitFor();
    expect(await seeAlso.textContent()).toBe("Densely Connected Convolutional Networks");
    const summary = page.locator(".summary-body");
    expect(await summary.textContent()).toContain("The network only has to learn the residuals.");
    // $10^{-4}$ typeset by KaTeX, not left as dollars.
    expect(await summary.locator(".katex").count()).toBe(1);
    expect(await summary.textContent()).not.toContain("$10^{-4}$");
    expect(await page.locator("#related li.related", { hasText: "Densely Connected" }).locator(".evidence").textContent()).toMatch(/see also/);

    // ResNet and DenseNet: DenseNet cites ResNet and ResNet's summary links to DenseNet.
    await graphNodes(page, 2);
    expect(await page.locator("#graph").getAttribute("data-edge-count")).toBe("2");
    expect(await page.locator("#truncated").isHidden()).toBe(true);
    expect(await page.locator("#graph canvas").count()).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(OUTPUT, "explorer-resnet.png"), fullPage: true });

    // Only what ResNet cites, over citations alone: ResNet's reference list is not in the seed.
    await page.locator("#controls [name=SEE_ALSO]").uncheck();
    await page.locator("#controls [name=direction]").selectOption("OUT");
    await graphNodes(page, 1);
    expect(new URL(page.url()).searchParams.get("direction")).toBe("OUT");

    expectOnlyLocal(requests);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("recentres on a clicked node and says when the neighbourhood was truncated", async () => {
    const { page, problems } = await browser.open();
    await page.goto(`${origin}/explore?paper=${encodeURIComponent(RESNET)}`);
    await graphNodes(page, 2);

    // The explorer puts its Cytoscape instance on window.cy; the click itself is a real one on the canvas.
    const node = (await page.evaluate(`cy.getElementById(${JSON.stringify(DENSENET)}).renderedPosition()`)) as { x: number; y: number };
    const box = (await page.locator("#graph").boundingBox())!;
    await page.mouse.click(box.x + node.x, box.y + node.y);
    await page.locator("#paper-title", { hasText: "Densely Connected Convolutional Networks" }).waitFor();
    expect(new URL(page.url()).searchParams.get("paper")).toBe(DENSENET);

    await page.goto(`${origin}/explore?paper=${encodeURIComponent(RESNET)}&limit=1`);
    await page.locator("#truncated", { hasText: "Truncated" }).waitFor();
    expect(await page.locator("#graph").getAttribute("data-node-count")).toBe("1");
    expect(problems).toEqual([]);
    await page.close();
  });

  /** Through the API, one after the other: a vote, an edit (its body's **bold** becomes *again*), the deletion; each waited for on the page. */
  async function voteEditDelete(item: Locator, id: string, writer: Headers): Promise<void> {
    await server.query(`mutation { voteSummary(id: "${id}", value: 1) { votes } }`, {}, await asContributor("Live Voter"));
    await item.locator(".votes", { hasText: "1 votes" }).waitFor();
    await server.query(`mutation { editSummary(id: "${id}", body: "Seen *again*.") { id } }`, {}, writer);
    await item.locator(".summary-body em", { hasText: "again" }).waitFor();
    expect(await item.locator(".summary-body strong").count()).toBe(0);
    await server.query(`mutation { deleteSummary(id: "${id}") { id } }`, {}, writer);
    await item.waitFor({ state: "detached" });
  }

  /**
   * Holds back the server's answer to the page's first `operation` while `write` runs: what `write` adds is in no
   * answer the page reads, and is done before the page can subscribe. Returns the write's outcome once it ran.
   */
  async function writeBeforePageReads<T>(page: Page, operation: string, write: () => Promise<T>): Promise<() => T> {
    let written: Promise<T> | undefined;
    let value: { of: T } | undefined;
    await page.route(`${origin}/graphql`, async (route) => {
      const response = await route.fetch();
      if (written === undefined && String(route.request().postDataJSON()?.query).includes(`query ${operation}(`)) {
        written = write();
        value = { of: await written };
      }
      await route.fulfill({ response });
    });
    return () => {
      if (!value) throw new Error(`the page never asked ${operation}`);
      return value.of;
    };
  }

  it("keeps the front page live: a summary added through the API appears on top, a vote changes its count, an edit its text, and a deletion removes it, without a reload", async () => {
    await listening(server, 0); // the previous page's subscriptions (it showed a paper) are gone
    const { page, problems } = await browser.open();
    const me = await asContributor("Live Writer");
    // Added after the server read the first page, before the page subscribed: summaryAdded(after:) sends it.
    const between = await writeBeforePageReads(page, "FrontPage", async () =>
      (await server.query(`mutation { addSummary(paperId: "${RESNET}", body: "Added in between.") { id } }`, {}, me)).data!.addSummary.id as string);
    await page.goto(`${origin}/explore`);
    await page.locator("body[data-state=ready]").waitFor();
    await listening(server, 4);
    await page.unrouteAll();
    await page.locator(`#front-page > li.summary[data-summary="${between()}"]`).waitFor();
    expect(await page.locator("#front-page > li.summary").first().getAttribute("data-summary")).toBe(between());
    // Gone after a reload: its presence at the end shows that the page was never reloaded.
    await page.evaluate(() => Object.assign(globalThis, { notReloaded: true }));

    const added = await server.query(`mutation { addSummary(paperId: "1511.06434", body: "Seen **live**.") { id } }`, {}, me);
    const id: string = added.data!.addSummary.id;
    const item = page.locator(`#front-page > li.summary[data-summary="${id}"]`);
    await item.waitFor();
    expect(await page.locator("#front-page > li.summary").first().getAttribute("data-summary")).toBe(id);
    expect(await item.locator(".summary-body strong").textContent()).toBe("live");
    expect(await item.locator(".byline").textContent()).toMatch(/^Live Writer · .+ · 0 votes · paper$/);

    await voteEditDelete(item, id, me);
    expect(await page.evaluate(() => (globalThis as { notReloaded?: boolean }).notReloaded)).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });
  it("says when the front page may miss changes, after a reconnect or a refusal to send them again, and reads it again on Reload", async () => {
    await listening(server, 0);
    const { page, problems } = await browser.open();
    // The page from behind a TCP proxy the test can cut: the server sees its sockets close, the page a dropped
    // connection, after which graphql-ws reconnects and subscribes again with the same variables.
    const proxy = new TcpProxy(Number(new URL(origin).port));
    const proxied = `http://127.0.0.1:${await proxy.start()}`;
    try {
      await page.goto(`${proxied}/explore`);
      await page.locator("body[data-state=ready]").waitFor();
      await listening(server, 4);
      const notice = page.locator("#paper > p.live-notice");
      expect(await notice.count()).toBe(0);
      const me = await asContributor("Reconnected Writer");
      const add = async (body: string) =>
        (await server.query(`mutation { addSummary(paperId: "${RESNET}", body: "${body}") { id } }`, {}, me)).data!.addSummary.id as string;

      // A drop and a reconnect: votes, edits and deletions of the drop are not sent again, and the page says so; it stays live.
      proxy.severAll();
      await notice.filter({ hasText: "The live connection dropped and came back" }).waitFor();
      await listening(server, 4);
      const afterDrop = await add("After the drop.");
      await page.locator(`#front-page > li.summary[data-summary="${afterDrop}"]`).waitFor();

      // 101 more since the page read the feed: on the next reconnect the server refuses to send them all again, and
      // the page says that its live updates stopped, and stops the others.
      await db.ingest.upsertPapers([{ id: "live/refused", title: "A paper summarised 101 times at once", authors: [] }]);
      const now = Date.now();
      await db.ingest.upsertSummaries(Array.from({ length: 101 }, (_, i) => ({
        id: `refused/s${String(i).padStart(3, "0")}`, paperId: "live/refused", body: `Summary ${i}.`,
        createdAt: new Date(now + i).toISOString(), votes: 0, mentions: [],
      })));
      proxy.severAll();
      await notice.filter({ hasText: "Live updates stopped: More than 100 summaries were added since" }).waitFor();
      await listening(server, 0);
      expect(await notice.count()).toBe(1);

      // Reload reads the front page again, and follows it from its newest summary.
      await notice.getByRole("button", { name: "Reload" }).click();
      await notice.waitFor({ state: "detached" });
      await page.locator(`#front-page > li.summary[data-summary="refused/s100"]`).waitFor();
      await listening(server, 4);
      const afterReload = await add("After the reload.");
      await page.locator(`#front-page > li.summary[data-summary="${afterReload}"]`).waitFor();
      expect(await page.locator("#front-page > li.summary").first().getAttribute("data-summary")).toBe(afterReload);
      expect(await notice.count()).toBe(0);
      for (const id of [afterDrop, afterReload]) await server.query(`mutation { deleteSummary(id: "${id}") { id } }`, {}, me);
    } finally {
      await page.close();
      await proxy.close();
    }
    expect(problems).toEqual([]);
  });
  it("keeps a paper page live: its own new summary appears last, a vote, an edit and a deletion change it in place, another paper's summary does not show", async () => {
    await listening(server, 0); // the previous page's subscriptions are gone, so the count below is this page's
    const { page, problems } = await browser.open();
    const me = await asContributor("Paper Page Writer");
    const articles = page.locator("#summaries > article.summary");
    // Added after the server read the paper, before the page subscribed: summaryAdded(after:) sends it, last.
    const between = await writeBeforePageReads(page, "ExplorerPaper", async () =>
      (await server.query(`mutation { addSummary(paperId: "${RESNET}", body: "Added in between.") { id } }`, {}, me)).data!.addSummary.id as string);
    // By arXiv id, as a link would give it: the page and its subscriptions resolve it as paper(id:) does.
    await page.goto(`${origin}/explore?paper=1512.03385`);
    await page.locator("body[data-state=ready]").waitFor();
    await listening(server, 4);
    await page.unrouteAll();
    await page.locator(`#summaries > article.summary[data-summary="${between()}"]`).waitFor();
    expect(await articles.last().getAttribute("data-summary")).toBe(between());
    await page.evaluate(() => Object.assign(globalThis, { notReloaded: true }));
    const before = await articles.count();
    expect(before).toBeGreaterThan(1);

    const elsewhere = await server.query(`mutation { addSummary(paperId: "1511.06434", body: "Not on this page.") { id } }`, {}, me);
    const added = await server.query(`mutation { addSummary(paperId: "journals/corr/1512.03385", body: "Seen **here**.") { id } }`, {}, me);
    const id: string = added.data!.addSummary.id;
    const item = page.locator(`#summaries > article.summary[data-summary="${id}"]`);
    await item.waitFor();
    expect(await articles.last().getAttribute("data-summary")).toBe(id);
    expect(await page.locator("#summaries > h3").textContent()).toBe(`Summaries (${before + 1})`);
    expect(await item.locator(".summary-body strong").textContent()).toBe("here");
    expect(await item.locator(".byline").textContent()).toMatch(/^Paper Page Writer · .+ · 0 votes$/);

    await voteEditDelete(item, id, me);
    expect(await page.locator("#summaries > h3").textContent()).toBe(`Summaries (${before})`);
    // Every change of this paper has arrived by now, in order: the other paper's summary, added first, never came.
    expect(await page.locator(`[data-summary="${elsewhere.data!.addSummary.id}"]`).count()).toBe(0);
    expect(await articles.count()).toBe(before);
    await server.query(`mutation { deleteSummary(id: "${elsewhere.data!.addSummary.id}") { id } }`, {}, me);
    expect(await page.evaluate(() => (globalThis as { notReloaded?: boolean }).notReloaded)).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });
  it("shows the first 20 of a paper's 21 summaries, says so, and leaves a new one for the next visit", async () => {
    await db.ingest.upsertPapers([{ id: "live/many", title: "A much-summarised paper", authors: [] }]);
    await db.ingest.upsertSummaries(Array.from({ length: 21 }, (_, i) => ({
      id: `many/s${String(i).padStart(2, "0")}`, paperId: "live/many", body: `Summary ${i}.`,
      createdAt: new Date(Date.UTC(2020, 0, 1 + i)).toISOString(), votes: 0, mentions: [],
    })));
    await listening(server, 0);
    const { page, problems } = await browser.open();
    await page.goto(`${origin}/explore?paper=live/many`);
    await page.locator("body[data-state=ready]").waitFor();
    await listening(server, 4);
    const articles = page.locator("#summaries > article.summary");
    expect(await articles.count()).toBe(20);
    expect(await articles.last().getAttribute("data-summary")).toBe("many/s19");
    expect(await page.locator("#summaries > h3").textContent()).toBe("Summaries (the first 20)");

    const added = await server.query(`mutation { addSummary(paperId: "live/many", body: "The 22nd.") { id } }`, {}, await asContributor("Many Writer"));
    // A vote on a shown summary, cast after the addition, shows once the page has had both.
    const vote = await server.query(`mutation { voteSummary(id: "many/s00", value: 1) { votes } }`, {}, await asContributor("Many Voter"));
    expect(vote.errors).toBeUndefined();
    await page.locator(`article[data-summary="many/s00"] .votes`, { hasText: "1 votes" }).waitFor();
    expect(await page.locator(`[data-summary="${added.data!.addSummary.id}"]`).count()).toBe(0);
    expect(await articles.count()).toBe(20);
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe("browser UI switched off", () => {
  let db: TestDatabase;
  let server: TestServer;

  beforeAll(async () => {
    db = await openTestDatabase();
    server = await startTestServer(db, { browserUi: false });
  });

  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  it("serves neither the IDE nor the explorer", async () => {
    const ide = await fetch(server.url, { headers: { accept: "text/html" } });
    expect(await ide.text()).not.toContain("graphiql.js");
    expect((await fetch(server.url.replace(/\/graphql$/, "/explore"))).status).toBe(404);
  });
});
