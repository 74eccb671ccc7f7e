// The counts stored on papers (citationCount, referenceCount, seeAlsoCount, summaryCount) against the edges counted
// in Neo4j, and the ends' ids stored on CITES edges against their ends: after a seeded random sequence of every
// mutation that writes an edge, after an import, and after a burst of concurrent mutations on the same papers.
import fc from "fast-check";
import { openTestDatabase, recordingDriver, SentStatement, TestDatabase, untilBlocked } from "../helpers/database";
import type { Connection } from "../../src/neo4j/connect";
import type { AuthSettings } from "../../src/auth/auth-settings";
import type { Config } from "../../src/config";
import { prepareDatabase } from "../../src/prepare-database";
import { createLogger } from "../../src/logger";
import { startTestServer, TestServer } from "../helpers/server";
import { asCurator, Headers } from "../helpers/tokens";
import { int } from "neo4j-driver";
import { ensureSchema } from "../../src/neo4j/schema-setup";
import { Database } from "../../src/neo4j/database";
import { PaperRepository } from "../../src/papers/paper.repository";

const ADD_CITATION = `mutation($from: ID!, $to: ID!) { addCitation(from: $from, to: $to) { changed } }`;
const REMOVE_CITATION = `mutation($from: ID!, $to: ID!) { removeCitation(from: $from, to: $to) { changed } }`;
const ADD_SEE_ALSO = `mutation($from: ID!, $to: ID!) { addSeeAlso(from: $from, to: $to, note: "n") { changed } }`;
const REMOVE_SEE_ALSO = `mutation($from: ID!, $to: ID!) { removeSeeAlso(from: $from, to: $to) { changed } }`;
const ADD_SUMMARY = `mutation($paperId: ID!, $body: String!) { addSummary(paperId: $paperId, body: $body) { id } }`;
const EDIT_SUMMARY = `mutation($id: ID!, $body: String!) { editSummary(id: $id, body: $body) { id } }`;
const DELETE_SUMMARY = `mutation($id: ID!) { deleteSummary(id: $id) { id } }`;
const UPSERT = `mutation($id: ID!) { upsertPaper(input: { id: $id, title: "New" }) { id } }`;

// Each stored count next to the degree it stands for; a row for every paper where any of them differ.
const MISMATCHES = `
MATCH (p:Paper)
WITH p, [p.citationCount, p.referenceCount, p.seeAlsoCount, p.summaryCount] AS stored,
     [COUNT { (p)<-[:CITES]-() }, COUNT { (p)-[:CITES]->() }, COUNT { (p)-[:SEE_ALSO]-() }, COUNT { (p)<-[:SUMMARIZES]-() }] AS counted
// A missing count compares as null, which must count as a mismatch too.
WHERE NOT coalesce(stored = counted, false)
RETURN p.id AS id, stored, counted ORDER BY id`;

// Every CITES edge whose stored ends' ids (src/neo4j/schema-setup.ts CITES_END_IDS) are missing or not its ends'.
const END_ID_MISMATCHES = `
MATCH (a)-[r:CITES]->(b)
WHERE NOT coalesce(r.citingId = a.id AND r.citedId = b.id, false)
RETURN a.id AS from, b.id AS to, r.citingId AS citingId, r.citedId AS citedId ORDER BY from, to`;

interface PlanNode {
  operatorType: string;
  rows?: number;
  children: PlanNode[];
}
/** Every node of a plan (EXPLAIN) or profile (PROFILE, with rows), its operator without Neo4j's "@neo4j" suffix. */
const planNodes = (node: PlanNode): PlanNode[] => [{ ...node, operatorType: node.operatorType.split("@")[0] }, ...node.children.flatMap(planNodes)];

type Step =
  | { kind: "cite" | "uncite" | "link" | "unlink"; from: number; to: number }
  | { kind: "summarise"; paper: number; mention: number; seeAlso: boolean }
  | { kind: "edit" | "delete"; summary: number; mention: number; seeAlso: boolean }
  | { kind: "upsert"; paper: number };

const PAPERS = 8;
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constantFrom("cite", "uncite", "link", "unlink"), from: fc.nat(PAPERS - 1), to: fc.nat(PAPERS - 1) }),
  fc.record({ kind: fc.constant("summarise"), paper: fc.nat(PAPERS - 1), mention: fc.nat(PAPERS), seeAlso: fc.boolean() }),
  fc.record({ kind: fc.constantFrom("edit", "delete"), summary: fc.nat(20), mention: fc.nat(PAPERS), seeAlso: fc.boolean() }),
  fc.record({ kind: fc.constant("upsert"), paper: fc.nat(PAPERS) }),
) as fc.Arbitrary<Step>;

const paperId = (i: number) => `t:${i}`;
// A body whose link to t:<i> is a mention, or a "see also" link when asked; index PAPERS names a paper not yet known.
const body = (mention: number, seeAlso: boolean) =>
  `Text about [a paper](https://www.shortscience.org/paper?bibtexKey=${paperId(mention)}).` +
  (seeAlso ? `\n\n## See also\n\n- [another](https://www.shortscience.org/paper?bibtexKey=${paperId((mention + 1) % PAPERS)})` : "");

describe("stored counts", () => {
  let t: TestDatabase;
  let server: TestServer;
  let curator: Headers;

  beforeAll(async () => {
    t = await openTestDatabase();
    server = await startTestServer(t);
    curator = await asCurator();
  });
  beforeEach(async () => {
    await t.reset();
    await t.ingest.upsertPapers(Array.from({ length: PAPERS }, (_, i) => ({ id: paperId(i), title: `Paper ${i}` })));
  });
  afterAll(async () => {
    await server?.close();
    await t?.close();
  });

  const mismatches = async () => [...(await t.db.read(MISMATCHES)), ...(await t.db.read(END_ID_MISMATCHES))];

  async function run(s: Step, summaries: string[]): Promise<void> {
    // Every step is a curator's; a refusal other than a bad input (a missing paper, a self-link) fails the test.
    const q = async (query: string, variables: Record<string, unknown>) => {
      const res = await server.query(query, variables, curator);
      const refused = res.errors?.find((e) => e.extensions?.code !== "BAD_USER_INPUT");
      if (refused) throw new Error(`step refused: ${JSON.stringify(refused)}`);
      return res;
    };
    switch (s.kind) {
      case "cite": return void (await q(ADD_CITATION, { from: paperId(s.from), to: paperId(s.to) }));
      case "uncite": return void (await q(REMOVE_CITATION, { from: paperId(s.from), to: paperId(s.to) }));
      case "link": return void (await q(ADD_SEE_ALSO, { from: paperId(s.from), to: paperId(s.to) }));
      case "unlink": return void (await q(REMOVE_SEE_ALSO, { from: paperId(s.from), to: paperId(s.to) }));
      case "upsert": return void (await q(UPSERT, { id: paperId(s.paper) }));
      case "summarise": {
        const res = await q(ADD_SUMMARY, { paperId: paperId(s.paper), body: body(s.mention, s.seeAlso) });
        if (res.data?.addSummary) summaries.push(res.data.addSummary.id);
        return;
      }
      case "edit":
      case "delete": {
        if (summaries.length === 0) return;
        const id = summaries[s.summary % summaries.length];
        if (s.kind === "edit") return void (await q(EDIT_SUMMARY, { id, body: body(s.mention, s.seeAlso) }));
        summaries.splice(summaries.indexOf(id), 1);
        return void (await q(DELETE_SUMMARY, { id }));
      }
    }
  }

  it("match the edges after a seeded random sequence of mutations, then an import", async () => {
    const [steps] = fc.sample(fc.array(step, { minLength: 80, maxLength: 80 }), { seed: 1303, numRuns: 1 });
    const summaries: string[] = [];
    for (const s of steps) await run(s, summaries);
    // The sequence did write edges of every kind, so the comparison below is not between zeros.
    const [edges] = await t.db.read(`RETURN COUNT { ()-[:CITES]->() } AS cites, COUNT { ()-[:SEE_ALSO]->() } AS seeAlso,
      COUNT { ()-[:SUMMARIZES]->() } AS summaries`);
    expect(edges.cites).toBeGreaterThan(0);
    expect(edges.seeAlso).toBeGreaterThan(0);
    expect(edges.summaries).toBeGreaterThan(0);
    expect(await mismatches()).toEqual([]);

    await t.ingest.upsertPapers([{ id: "t:new", title: "Imported" }]);
    await t.ingest.upsertCitations([{ from: "t:new", to: paperId(0) }, { from: "t:new", to: paperId(1) }, { from: paperId(0), to: paperId(1) }]);
    await t.ingest.upsertSeeAlso([{ from: "t:new", to: paperId(2) }]);
    await t.ingest.upsertSummaries([{ id: "t/s", paperId: "t:new", body: "b", createdAt: "2020-01-01T00:00:00Z", votes: 0, mentions: [] }]);
    expect(await mismatches()).toEqual([]);
    const [row] = await t.db.read(`MATCH (p:Paper {id: "t:new"}) RETURN p.referenceCount AS refs, p.seeAlsoCount AS links, p.summaryCount AS summaries`);
    expect(row).toEqual({ refs: 2, links: 1, summaries: 1 });
  });

  it("match the edges after a burst of concurrent mutations on the same papers", async () => {
    const burst: Array<Promise<unknown>> = [];
    for (let i = 0; i < PAPERS; i++) {
      for (let j = 0; j < PAPERS; j++) {
        if (i === j) continue;
        burst.push(server.query(ADD_CITATION, { from: paperId(i), to: paperId(j) }, curator));
        if ((i + j) % 3 === 0) burst.push(server.query(REMOVE_CITATION, { from: paperId(j), to: paperId(i) }, curator));
        if ((i + j) % 4 === 0) burst.push(server.query(ADD_SEE_ALSO, { from: paperId(i), to: paperId(j) }, curator));
      }
      burst.push(server.query(ADD_SUMMARY, { paperId: paperId(0), body: body(i, true) }, curator));
    }
    const results = (await Promise.all(burst)) as Array<{ errors?: unknown }>;
    expect(results.filter((r) => r.errors)).toEqual([]);
    expect(await mismatches()).toEqual([]);
    const [hub] = await t.db.read(`MATCH (p:Paper {id: $id}) RETURN p.summaryCount AS summaries`, { id: paperId(0) });
    expect(hub.summaries).toBe(PAPERS);
  });

  it("give CITES edges written without their ends' ids those ids when written again and at schema setup, past one batch", async () => {
    // More edges than one batch of the migration (10,000), written as a store from before the ids existed.
    const papers = Array.from({ length: 150 }, (_, i) => ({ id: `m:${String(i).padStart(3, "0")}`, title: `M ${i}` }));
    await t.ingest.upsertPapers(papers);
    const edges = papers.flatMap((a, i) => papers.filter((_, j) => j !== i && (i * 7 + j) % 2 === 0).map((b) => ({ from: a.id, to: b.id })));
    await t.ingest.upsertCitations(edges);
    await t.db.write(`MATCH ()-[r:CITES]->() REMOVE r.citingId, r.citedId`);
    expect((await t.db.read(END_ID_MISMATCHES)).length).toBe(edges.length);
    expect(edges.length).toBeGreaterThan(10_000);
    // Writing an edge again, by the mutation or the importer, gives it its ids.
    const again = [edges[0], edges[1]];
    const added = await server.query(ADD_CITATION, again[0], curator);
    expect(added.data?.addCitation).toEqual({ changed: false });
    await t.ingest.upsertCitations([again[1]]);
    const left = await t.db.read(END_ID_MISMATCHES);
    expect(left.length).toBe(edges.length - 2);
    expect(left.filter((m) => again.some((e) => e.from === m.from && e.to === m.to))).toEqual([]);
    await ensureSchema(t.db);
    expect(await mismatches()).toEqual([]);
    // The citers' page reads the index: the migrated edges are found, in id order.
    const res = await server.query(`query { paper(id: "m:004") { citedBy(first: 100) { id } } }`);
    const want = edges.filter((e) => e.to === "m:004").map((e) => e.from).sort();
    expect(res.data?.paper.citedBy.map((p: { id: string }) => p.id)).toEqual(want.slice(0, 100));

    // And the plans of the statements that page citers seek the index: a scan of every CITES edge gives the same
    // answers, so only the plan tells (on the benchmark's M store such a scan took 40 million db hits per paper).
    // Every auto-commit statement the repository's reads send (the bookmark probe aside).
    const sent: SentStatement[] = [];
    const recording = recordingDriver(t.driver, sent);
    const repo = new PaperRepository(new Database(recording, "neo4j"));
    await repo.findCitationsByPaperKeys(["Im:004", "Om:004"], { after: "m:010", first: 20 }, ["id"]);
    await repo.findByKeys(["m:004"], ["id"], { citedBy: { props: ["id"], first: 5 } });
    await repo.list({ after: "", limit: 3 }, ["id"], { citedBy: { props: ["id"], first: 5 } });
    // The citers of a first page's papers, read along one level deeper (the only seek of that statement).
    await repo.findByKeys(["m:004"], ["id"], { references: { props: ["id"], first: 5, pages: { citedBy: { props: ["id"], first: 5 } } } });
    expect(sent).toHaveLength(4);
    const session = t.driver.session();
    try {
      // Neo4j puts the batch's direction filter after the seek: a references key ("O") must seek nothing, not every
      // citer of its paper (src/papers/paper.repository.ts CITATIONS_BY_PAPER_KEYS); a citers key ("I") seeks them.
      const seekRows = async (ids: string[]) => {
        const profiled = await session.run(`PROFILE ${sent[0].cypher}`, { ...sent[0].params, ids, after: "", limit: int(100) });
        return planNodes(profiled.summary.profile as unknown as PlanNode)
          .filter((n) => n.operatorType.startsWith("DirectedRelationshipIndexSeek"))
          .map((n) => n.rows);
      };
      expect(await seekRows(["Om:004"])).toEqual([0]);
      expect(await seekRows(["Im:004"])).toEqual([want.length]);
      for (const { cypher, params } of sent) {
        const operators = planNodes((await session.run(`EXPLAIN ${cypher}`, params)).summary.plan as PlanNode).map((n) => n.operatorType);
        expect({ cypher, operators, seeks: operators.some((o) => o.startsWith("DirectedRelationshipIndexSeek")) }).toEqual({ cypher, operators, seeks: true });
        expect(operators.filter((o) => o.includes("RelationshipTypeScan"))).toEqual([]);
      }
    } finally {
      await session.close();
    }
  });

  it("are initialised at schema setup for papers written without them, and a second setup changes nothing", async () => {
    await t.ingest.upsertCitations([{ from: paperId(0), to: paperId(1) }]);
    await t.db.write(`MATCH (p:Paper) REMOVE p.citationCount, p.referenceCount, p.seeAlsoCount, p.summaryCount`);
    expect((await mismatches()).length).toBe(PAPERS);
    await ensureSchema(t.db);
    expect(await mismatches()).toEqual([]);
    const [before] = await t.db.read(`MATCH (p:Paper {id: $id}) RETURN p.citationCount AS n`, { id: paperId(1) });
    expect(before.n).toBe(1);
    await ensureSchema(t.db);
    expect(await mismatches()).toEqual([]);
  });

  // Before, the start ran its schema work and migrations under a request's bound (NEO4J_TX_TIMEOUT_MS): a migration
  // that took longer (here it waits on a paper's lock; on a large store, the work itself) stopped the server's start
  // with "The database work ran out of time".
  it("are initialised at the start's schema setup however long it takes: that is not a request, whose bound it was under", async () => {
    await t.db.write(`MATCH (p:Paper {id: $id}) REMOVE p.citationCount`, { id: paperId(0) });
    const budget = 300;
    const connection: Connection = { driver: t.driver, db: new Database(t.driver, "neo4j", { transactionTimeoutMs: budget }), outage: () => undefined, startupFailure: (err) => err, close: async () => undefined };
    const auth = { key: { kind: "hs256", source: "env", secret: new Uint8Array(32) } } as unknown as AuthSettings;
    const config = { SEED_ON_START: false } as Config;
    const session = t.driver.session({ database: "neo4j" });
    const holder = await session.beginTransaction();
    try {
      await holder.run(`MATCH (p:Paper {id: $id}) SET p.held = true`, { id: paperId(0) });
      const prepared = prepareDatabase(connection, auth, config, createLogger("silent"));
      prepared.catch(() => undefined);
      await untilBlocked(t, "citationCount IS NULL");
      // Neo4j checks transactions' time every 2 s (db.transaction.monitor.check.interval): held well past both.
      await new Promise((r) => setTimeout(r, 3_000 + budget));
      await holder.rollback();
      await prepared;
    } finally {
      await session.close();
    }
    expect(await mismatches()).toEqual([]);
  });
});
