// `npm run seed` semantics: the seed lands whole, and loading it again changes nothing; a start stopped while it seeds
// leaves no part of it, so the next start seeds again.
import { ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { readSeed } from "../../seed/seed";
import type { GraphCounts } from "../../src/ingest/ingest.repository";
import { readyUrl } from "../helpers/built-server";
import { openTestDatabase, TestDatabase, testNeo4jCredentials, untilBlocked } from "../helpers/database";
import { TEST_AUTH_SECRET } from "../helpers/tokens";

const ROOT = path.join(__dirname, "..", "..");

describe("loading the seed", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase();
    await t.reset();
  });
  afterAll(() => t.close());

  it("writes the front page's papers, summaries and links, and is idempotent", async () => {
    await t.seedShortScience();
    const once = await t.counts();
    expect(once).toEqual({
      papers: 8,
      summaries: 5,
      // 4 + 3 + 5 + 1 + 3 + 4 + 3 + 4 authors, of whom Alex Graves wrote two papers.
      people: 26,
      cites: 3,
      seeAlso: 1,
      mentions: 3,
      authored: 27,
      wrote: 0,
    });
    await t.seedShortScience();
    expect(await t.counts()).toEqual(once);
  });

  describe("at start", () => {
    const started: ChildProcess[] = [];
    /** The built server over the test run's Neo4j, seeding an empty store; `output()` is what it printed so far. */
    function start(): { server: ChildProcess; output: () => string; exited: Promise<number | null> } {
      const { user, password } = testNeo4jCredentials();
      const server = spawn(process.execPath, ["dist/src/main.js"], {
        cwd: ROOT,
        env: { ...process.env, WARM_UP_MS: "0", PORT: "0", NEO4J_URI: process.env.TEST_NEO4J_URI, NEO4J_USER: user, NEO4J_PASSWORD: password, SEED_ON_START: "true", LOG_LEVEL: "info", ENABLE_BROWSER_UI: "false", METRICS_PORT: "0", RATE_LIMIT_REQUESTS: "0", AUTH_HS256_SECRET: TEST_AUTH_SECRET },
        stdio: ["ignore", "pipe", "pipe"],
      });
      started.push(server);
      let output = "";
      server.stdout!.on("data", (d) => (output += d));
      server.stderr!.on("data", (d) => (output += d));
      return { server, output: () => output, exited: new Promise((r) => server.once("exit", (code) => r(code))) };
    }
    afterAll(() => {
      for (const server of started) if (server.exitCode === null && server.signalCode === null) server.kill("SIGKILL");
    });

    // Before, the seed was four transactions (papers, citations, see-also links, summaries): a SIGTERM between them left
    // the papers without their summaries, and the next start, finding papers, did not seed again.
    it("leaves nothing when stopped while it seeds, and the next start loads the whole seed", async () => {
      await t.seedShortScience();
      const whole = await t.counts();
      await t.reset();
      const none: GraphCounts = { papers: 0, summaries: 0, people: 0, cites: 0, seeAlso: 0, mentions: 0, authored: 0, wrote: 0 };

      // A summary of the seed's, made and not committed by the test: the seed's MERGE of that id waits for it, once
      // everything before the summaries is written, until the signal stops the start.
      const session = t.driver.session({ database: "neo4j" });
      const holder = session.beginTransaction({ timeout: 120_000 });
      try {
        await holder.run(`CREATE (:Summary {id: $id})`, { id: readSeed().summaries[0].id });
        const first = start();
        await untilBlocked(t, "MERGE (s:Summary {id: row.id})", 60_000);
        first.server.kill("SIGTERM");
        expect(await first.exited).toBe(0);
        expect(first.output()).not.toContain("loaded the ShortScience seed");
      } finally {
        await holder.rollback();
        await session.close();
      }
      expect(await t.counts()).toEqual(none);

      const second = start();
      await readyUrl(second.server, second.output, /GraphQL server ready at (\S+)/);
      expect(second.output()).toContain("database was empty: loaded the ShortScience seed");
      expect(await t.counts()).toEqual(whole);
      second.server.kill("SIGTERM");
      expect(await second.exited).toBe(0);
    });
  });
});
