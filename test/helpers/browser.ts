// Debian's chromium driven by playwright-core (no browser is ever downloaded), and a record of what a page fetched.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, BrowserContext, Page } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";

const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export interface TestBrowser {
  /** A new page that records every URL it requests and every console error or uncaught exception. */
  open(): Promise<RecordedPage>;
  close(): Promise<void>;
}

export interface RecordedPage {
  page: Page;
  requests: string[];
  problems: string[];
}

export async function launchBrowser(): Promise<TestBrowser> {
  // A fresh profile each run: nothing cached or remembered (GraphiQL keeps its tabs in localStorage) carries over.
  const profile = mkdtempSync(path.join(os.tmpdir(), "papers-graph-chromium-"));
  const context: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: FLAGS,
    headless: true,
    viewport: { width: 1400, height: 900 },
  });
  // Well under jest's timeout, so a missing element fails with playwright's message naming it.
  context.setDefaultTimeout(15_000);
  return {
    async open() {
      const page = await context.newPage();
      const requests: string[] = [];
      const problems: string[] = [];
      page.on("request", (r) => requests.push(r.url()));
      page.on("console", (m) => {
        if (m.type() === "error") problems.push(m.text());
      });
      page.on("pageerror", (e) => problems.push(e.message));
      page.on("response", (r) => {
        if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
      });
      return { page, requests, problems };
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
