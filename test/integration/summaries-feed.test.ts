// The summaries feed (the front page) and a person's summaries, over the seed plus a few written summaries.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { TestDatabase } from "../helpers/database";
import { startSeededServer, stopSeededServer, TestServer } from "../helpers/server";
import { readmeExamples } from "../../scripts/readme-examples";

const README = readFileSync(path.join(__dirname, "..", "..", "README.md"), "utf8");

// ShortScience's front page, top to bottom (../shared/seed-source/shortscience-front-page.txt).
const FRONT_PAGE = [
  ["shortscience/resnet", "Deep Residual Learning for Image Recognition", "https://arxiv.org/abs/1512.03385"],
  ["shortscience/bayesian-compression", "Bayesian Compression for Deep Learning", "https://arxiv.org/abs/1705.08665"],
  ["shortscience/draw", "DRAW: A Recurrent Neural Network For Image Generation", "https://arxiv.org/abs/1502.04623"],
  ["shortscience/adaptive-computation-time", "Adaptive Computation Time for Recurrent Neural Networks", "https://arxiv.org/abs/1603.08983"],
  [
    "shortscience/dcgan",
    "Unsupervised Representation Learning with Deep Convolutional Generative Adversarial Networks",
    "https://arxiv.org/abs/1511.06434",
  ],
];
const SEED_IDS = FRONT_PAGE.map(([id]) => id);

const FEED = `query Feed($first: Int!, $after: String, $orderBy: SummaryOrder!, $filter: SummaryFilterInput) {
  summaries(first: $first, after: $after, orderBy: $orderBy, filter: $filter) {
    pageInfo { endCursor hasNextPage hasPreviousPage } edges { cursor node { id votes createdAt author { name } } } } }`;

type Vars = { first?: number; after?: string | null; orderBy?: "NEWEST" | "TOP"; filter?: Record<string, unknown> };

describe("summaries feed", () => {
  let t: TestDatabase;
  let server: TestServer;

  beforeAll(async () => ({ t, server } = await startSeededServer()));
  afterAll(() => stopSeededServer({ t, server }));

  async function feed(vars: Vars) {
    const res = await server.query(FEED, { first: 20, orderBy: "NEWEST", ...vars });
    expect(res.errors).toBeUndefined();
    return res.data!.summaries as { pageInfo: any; edges: Array<{ cursor: string; node: any }> };
  }

  /** Every id of the feed, walked page by page with `first`. */
  async function walk(vars: Vars & { first: number }): Promise<string[]> {
    const ids: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 50; pages++) {
      const page = await feed({ ...vars, after });
      expect(page.edges.length).toBeLessThanOrEqual(vars.first);
      ids.push(...page.edges.map((e) => e.node.id));
      if (!page.pageInfo.hasNextPage) return ids;
      after = page.pageInfo.endCursor;
    }
    throw new Error("the feed did not end");
  }

  async function errorCode(vars: Vars) {
    const res = await server.query(FEED, { first: 20, orderBy: "NEWEST", ...vars });
    expect(res.status).toBeLessThan(500);
    expect(res.data?.summaries ?? null).toBeNull();
    return res.errors![0].extensions!.code;
  }

  describe("on the seed", () => {
    it("runs the README's first example: ShortScience's front page, in its order, with papers, links and HTML", async () => {
      const [example] = readmeExamples(README);
      expect(example.query).toMatch(/summaries\(.*orderBy: NEWEST/);
      const res = await server.query(example.query);
      expect(res.errors).toBeUndefined();
      const nodes = res.data!.summaries.edges.map((e: any) => e.node);
      expect(nodes.map((n: any) => [n.id, n.paper.title, n.paper.url])).toEqual(FRONT_PAGE);
      for (const n of nodes) {
        expect(n).toMatchObject({ votes: 0, author: null });
        expect(n.bodyHtml).toMatch(/^<(p|h1)>/);
      }
      expect(nodes[0].bodyHtml).toContain("<strong>training</strong>");
      expect(res.data!.summaries.pageInfo.hasNextPage).toBe(false);
    });

    it("pages the front page by cursor, in the same order, each summary once", async () => {
      expect(await walk({ first: 2 })).toEqual(SEED_IDS);
      const second = await feed({ first: 2, after: (await feed({ first: 2 })).pageInfo.endCursor });
      expect(second.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    });

    it("counts totalCount only when it is selected", async () => {
      const without = await server.query(`{ summaries(first: 2) { edges { node { id } } } }`);
      expect(without.extensions!.cypherRoundTrips).toBe(1);
      const withCount = await server.query(`{ summaries(first: 2) { totalCount edges { node { id } } } }`);
      expect(withCount.data!.summaries.totalCount).toBe(5);
      expect(withCount.extensions!.cypherRoundTrips).toBe(2);
    });

    it.each(["journals/corr/1512.03385", "1512.03385", "arXiv:1512.03385v2", "https://doi.org/10.48550/arXiv.1512.03385"])(
      "filters by paper with the id form %p",
      async (paperId) => {
        const res = await server.query(`query($paperId: ID!) { summaries(first: 5, filter: { paperId: $paperId }) { totalCount edges { node { id } } } }`, {
          paperId,
        });
        expect(res.errors).toBeUndefined();
        expect(res.data!.summaries).toEqual({ totalCount: 1, edges: [{ node: { id: "shortscience/resnet" } }] });
      },
    );

    it("answers an empty page for an unknown paper", async () => {
      const res = await server.query(`{ summaries(first: 5, filter: { paperId: "journals/corr/0000.00000" }) {
        totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }`);
      expect(res.errors).toBeUndefined();
      expect(res.data!.summaries).toEqual({ totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] });
    });

    it("refuses a cursor of another ordering or list, and a made-up one, as BAD_USER_INPUT", async () => {
      const newest = (await feed({ first: 1 })).pageInfo.endCursor;
      const top = (await feed({ first: 1, orderBy: "TOP" })).pageInfo.endCursor;
      const papers = (await server.query(`{ papers(first: 1) { pageInfo { endCursor } } }`)).data!.papers.pageInfo.endCursor;
      expect(await errorCode({ orderBy: "TOP", after: newest })).toBe("BAD_USER_INPUT");
      expect(await errorCode({ orderBy: "NEWEST", after: top })).toBe("BAD_USER_INPUT");
      expect(await errorCode({ after: papers })).toBe("BAD_USER_INPUT");
      // Right kind and scope (the unfiltered feed's, as a real cursor holds it), wrong key: nanoseconds out of range,
      // seconds past 9999, votes not an integer; the same with a good key is taken, so only the key is refused.
      const forged = (value: unknown[]) => Buffer.from(JSON.stringify(value)).toString("base64url");
      const [, scope] = JSON.parse(Buffer.from(newest, "base64url").toString("utf8"));
      expect((await server.query(FEED, { first: 1, orderBy: "NEWEST", after: forged(["sn", scope, 1, 0, "x"]) })).errors).toBeUndefined();
      expect((await server.query(FEED, { first: 1, orderBy: "TOP", after: forged(["sv", scope, 1, "x"]) })).errors).toBeUndefined();
      expect(await errorCode({ after: forged(["sn", scope, 1, 1e9, "x"]) })).toBe("BAD_USER_INPUT");
      expect(await errorCode({ after: forged(["sn", scope, 1e15, 0, "x"]) })).toBe("BAD_USER_INPUT");
      expect(await errorCode({ orderBy: "TOP", after: forged(["sv", scope, 1.5, "x"]) })).toBe("BAD_USER_INPUT");
      expect(await errorCode({ after: "not a cursor" })).toBe("BAD_USER_INPUT");
    });

    it.each<[string, Vars]>([
      ["first 0", { first: 0 }],
      ["first 101", { first: 101 }],
      ["an empty author name", { filter: { authorName: "" } }],
      ["a 301-character paper id", { filter: { paperId: "x".repeat(301) } }],
      ["an empty paper id", { filter: { paperId: "" } }],
    ])("refuses %s as BAD_USER_INPUT", async (_name, vars) => {
      expect(await errorCode(vars)).toBe("BAD_USER_INPUT");
    });

    it("refuses a since that is not a date-time, and runs nothing", async () => {
      const res = await server.query(FEED, { first: 5, orderBy: "NEWEST", filter: { since: "yesterday" } });
      expect(res.status).toBeLessThan(500);
      expect(res.errors![0].extensions!.code).toMatch(/^(BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED)$/);
      expect(res.data?.summaries ?? null).toBeNull();
    });
  });

  describe("with written summaries", () => {
    // Two writers; equal votes and equal createdAt to exercise the id tie-break; nanoseconds the cursor must keep.
    const WRITTEN = [
      { id: "feed/a1", author: "Ada", votes: 5, createdAt: "2026-11-28T00:00:00.123456789Z", paperId: "journals/corr/1608.06993" },
      { id: "feed/a2", author: "Ada", votes: 5, createdAt: "2026-11-28T00:00:00.123456788Z", paperId: "journals/corr/1608.06993" },
      { id: "feed/b1", author: "Bo", votes: 9, createdAt: "2026-11-28T00:00:00.123456789Z", paperId: "journals/corr/1701.05369" },
      { id: "feed/b2", author: "Bo", votes: -2, createdAt: "2026-11-26T00:00:00Z", paperId: "journals/corr/1701.05369" },
    ];

    beforeAll(async () => {
      await t.ingest.upsertSummaries(WRITTEN.map((s) => ({ ...s, body: `Summary ${s.id}`, mentions: [] })));
    });

    it("orders NEWEST by createdAt to the nanosecond, ties by id, and pages through them one by one", async () => {
      const expected = ["feed/a1", "feed/b1", "feed/a2", ...SEED_IDS, "feed/b2"];
      expect((await feed({ first: 20 })).edges.map((e) => e.node.id)).toEqual(expected);
      expect(await walk({ first: 1 })).toEqual(expected);
      expect(await walk({ first: 3 })).toEqual(expected);
    });

    it("orders TOP by votes, ties by id, and pages through them one by one", async () => {
      const expected = ["feed/b1", "feed/a1", "feed/a2", ...[...SEED_IDS].sort(), "feed/b2"];
      const page = await feed({ first: 20, orderBy: "TOP" });
      expect(page.edges.map((e) => e.node.id)).toEqual(expected);
      expect(page.edges.map((e) => e.node.votes)).toEqual([9, 5, 5, 0, 0, 0, 0, 0, -2]);
      expect(await walk({ first: 1, orderBy: "TOP" })).toEqual(expected);
      expect(await walk({ first: 2, orderBy: "TOP" })).toEqual(expected);
    });

    it("filters by writer and by time, and the filters combine", async () => {
      expect((await feed({ filter: { authorName: "Ada" } })).edges.map((e) => e.node)).toEqual([
        { id: "feed/a1", votes: 5, createdAt: "2026-11-28T00:00:00.123Z", author: { name: "Ada" } },
        { id: "feed/a2", votes: 5, createdAt: "2026-11-28T00:00:00.123Z", author: { name: "Ada" } },
      ]);
      expect((await feed({ filter: { authorName: "Nobody" } })).edges).toEqual([]);
      // At or after: DRAW's createdAt is exactly the bound.
      const since = await feed({ filter: { since: "2026-11-27T00:00:03Z" } });
      expect(since.edges.map((e) => e.node.id)).toEqual(["feed/a1", "feed/b1", "feed/a2", ...SEED_IDS.slice(0, 3)]);
      expect(await walk({ first: 4, filter: { since: "0001-01-01T00:00:00Z" } })).toHaveLength(9);
      expect(await walk({ first: 1, orderBy: "TOP", filter: { authorName: "Bo", since: "2026-11-27T00:00:00+01:00" } })).toEqual(["feed/b1"]);
      const res = await server.query(`{ summaries(first: 1, filter: { authorName: "Bo", paperId: "1701.05369" }) { totalCount } }`);
      expect(res.data!.summaries.totalCount).toBe(2);
    });

    it("refuses a cursor read under another filter, in both orders, and takes one of the same filter written otherwise", async () => {
      const refusal = async (vars: Vars) => {
        const res = await server.query(FEED, { first: 1, orderBy: "NEWEST", ...vars });
        expect(res.data?.summaries ?? null).toBeNull();
        expect(res.errors![0].extensions!.code).toBe("BAD_USER_INPUT");
        return res.errors![0].message;
      };
      const ids = async (vars: Vars) => (await feed({ first: 1, ...vars })).edges.map((e) => e.node.id);
      for (const orderBy of ["NEWEST", "TOP"] as const) {
        const after = (await feed({ first: 1, orderBy })).pageInfo.endCursor;
        const ada = { authorName: "Ada" };
        const ofAda = (await feed({ first: 1, orderBy, filter: ada })).pageInfo.endCursor;
        for (const [cursor, filter] of [
          [after, ada],
          [after, { since: "2026-11-27T00:00:00Z" }],
          [after, { paperId: "1608.06993" }],
          [ofAda, undefined],
          [ofAda, { authorName: "Bo" }],
          [ofAda, { ...ada, since: "0001-01-01T00:00:00Z" }],
          [ofAda, { ...ada, paperId: "1608.06993" }],
        ] as const) {
          expect(await refusal({ orderBy, after: cursor, filter })).toMatch(/belongs to the summaries feed under another filter/);
        }
        // The same feed: a condition given as null or an empty filter is none; the same paper in another arXiv spelling
        // and the same instant in another time zone are the same condition.
        const next = await ids({ orderBy, filter: ada, after: ofAda });
        expect(next).toEqual(["feed/a2"]);
        expect(await ids({ orderBy, filter: { ...ada, paperId: null, since: null }, after: ofAda })).toEqual(next);
        expect(await ids({ orderBy, filter: {}, after })).toEqual(await ids({ orderBy, after }));
        const ofPaper = (await feed({ first: 1, orderBy, filter: { paperId: "1608.06993", since: "2026-11-27T00:00:00+01:00" } })).pageInfo.endCursor;
        const paperNext = await ids({ orderBy, filter: { paperId: "1608.06993", since: "2026-11-27T00:00:00+01:00" }, after: ofPaper });
        expect(paperNext).toEqual(["feed/a2"]);
        expect(await ids({ orderBy, filter: { paperId: "arXiv:1608.06993v3", since: "2026-11-26T23:00:00Z" }, after: ofPaper })).toEqual(paperNext);
      }
    });

    it("lists a person's summaries newest first, paged by summary id, with their count", async () => {
      const res = await server.query(`{ ada: person(name: "Ada") { summaryCount summaries(first: 1) { id paper { id } } }
        bo: person(name: "Bo") { summaryCount summaries { id } next: summaries(after: "feed/b1") { id } }
        kaiming: person(name: "Kaiming He") { summaryCount summaries { id } } }`);
      expect(res.errors).toBeUndefined();
      expect(res.data).toEqual({
        ada: { summaryCount: 2, summaries: [{ id: "feed/a1", paper: { id: "journals/corr/1608.06993" } }] },
        bo: { summaryCount: 2, summaries: [{ id: "feed/b1" }, { id: "feed/b2" }], next: [{ id: "feed/b2" }] },
        kaiming: { summaryCount: 0, summaries: [] },
      });
      const page2 = await server.query(`{ person(name: "Ada") { summaries(first: 5, after: "feed/a1") { id } } }`);
      expect(page2.data!.person.summaries).toEqual([{ id: "feed/a2" }]);
    });
  });
});
