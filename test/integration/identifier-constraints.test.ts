// arXiv ids and DOIs name one paper each. Every writer looks the holder up before it writes one; the uniqueness
// constraints (src/neo4j/schema-setup.ts IDENTIFIER_CONSTRAINTS) catch the write that comes between, and the loser's
// transaction runs again and answers as if it had come second (src/neo4j/database.ts writeTransaction).
import type { Transaction } from "neo4j-driver";
import { openTestDatabase, TestDatabase, untilBlocked } from "../helpers/database";
import { Database } from "../../src/neo4j/database";
import { PaperWriteRepository } from "../../src/papers/paper-write.repository";
import { SummaryWriteRepository } from "../../src/summaries/summary-write.repository";
import { ensureIdentifierConstraints, ensureSchema, IDENTIFIER_CONSTRAINTS } from "../../src/neo4j/schema-setup";
import type { Writer } from "../../src/auth/viewer";
import { WriteConflictError } from "../../src/neo4j/database-errors";

const WRITER: Writer = { identity: "test|writer", name: "Writer", author: false };

describe("one paper per arXiv id and DOI", () => {
  let t: TestDatabase;

  beforeAll(async () => {
    t = await openTestDatabase();
  });
  beforeEach(() => t.reset());
  afterAll(async () => {
    await t.reset();
    await ensureSchema(t.db);
    await t.close();
  });

  const holders = async (property: "arxivId" | "doi", value: string) =>
    (await t.db.read(`MATCH (p:Paper) WHERE p[$property] = $value RETURN p.id AS id ORDER BY id`, { property, value })).map((r) => r.id);

  /** A transaction, left open, that has written a paper holding `props`: its index entries stay locked until it ends. */
  async function openWrite(id: string, props: Record<string, string>): Promise<{ tx: Transaction; end(): Promise<void> }> {
    const session = t.driver.session({ database: "neo4j" });
    const tx = session.beginTransaction();
    await tx.run(`CREATE (p:Paper {id: $id, title: $id, stub: false}) SET p += $props`, { id, props });
    return { tx, end: async () => void (await session.close()) };
  }

  it("a curator's write of an arXiv id another write is committing waits for it, then is refused as taken", async () => {
    const first = await openWrite("first:1", { arxivId: "2101.00001" });
    try {
      const second = new PaperWriteRepository(t.db).upsertPaper({ id: "second:1", title: "Second", arxivId: "2101.00001" }, WRITER);
      // Its look found no holder (the first is not committed); its write waits on the constraint's index entry.
      await untilBlocked(t, "UNWIND $papers AS row");
      await first.tx.commit();
      expect(await second).toEqual({ taken: { field: "arxivId", by: "first:1" } });
    } finally {
      await first.end();
    }
    expect(await holders("arxivId", "2101.00001")).toEqual(["first:1"]);
    expect(await t.db.read(`MATCH (p:Paper {id: "second:1"}) RETURN p`)).toEqual([]);
  });

  it("a summary's link to a DOI another write is committing becomes a mention of that paper, not a second holder", async () => {
    await t.ingest.upsertPapers([{ id: "summarized:1", title: "Summarized" }]);
    const first = await openWrite("first:2", { doi: "10.1000/shared" });
    try {
      const added = new SummaryWriteRepository(t.db).addSummary({
        id: "summary:1", paperId: "summarized:1", writer: WRITER, author: null, body: "See doi:10.1000/shared.",
        links: [{ ref: { kind: "doi", value: "10.1000/shared" }, text: null, seeAlso: false }],
      });
      await untilBlocked(t, "MERGE (m:Paper {id: t.id})");
      await first.tx.commit();
      expect(await added).toMatchObject({ summary: { id: "summary:1" } });
    } finally {
      await first.end();
    }
    expect(await holders("doi", "10.1000/shared")).toEqual(["first:2"]);
    const mentioned = await t.db.read(`MATCH (:Summary {id: "summary:1"})-[:MENTIONS]->(p) RETURN p.id AS id`);
    expect(mentioned.map((r) => r.id)).toEqual(["first:2"]);
  });

  it("a store where two papers share an id keeps a plain index and says which, and gets the constraint once they do not", async () => {
    const { constraint, index } = IDENTIFIER_CONSTRAINTS.find((c) => c.property === "arxivId")!;
    const schemaOf = async () => ({
      constraint: (await t.db.read(`SHOW CONSTRAINTS YIELD name WHERE name = $constraint RETURN name`, { constraint })).length,
      index: (await t.db.read(`SHOW INDEXES YIELD name WHERE name = $index RETURN name`, { index })).length,
    });
    expect(await schemaOf()).toEqual({ constraint: 1, index: 0 });
    // A store from before the constraint: a range index, and (written then) two holders of one arXiv id.
    await t.db.write(`DROP CONSTRAINT ${constraint} IF EXISTS`);
    await t.db.write(`CREATE INDEX ${index} IF NOT EXISTS FOR (p:Paper) ON (p.arxivId)`);
    await t.ingest.upsertPapers([
      { id: "old:1", title: "One", arxivId: "2101.00002" },
      { id: "old:2", title: "Two", arxivId: "2101.00002" },
      { id: "old:3", title: "Three", arxivId: "2101.00003" },
    ]);

    expect(await ensureSchema(t.db)).toEqual([{ property: "arxivId", value: "2101.00002", papers: ["old:1", "old:2"] }]);
    expect(await schemaOf()).toEqual({ constraint: 0, index: 1 });

    await t.db.write(`MATCH (p:Paper {id: "old:2"}) REMOVE p.arxivId`);
    expect(await ensureSchema(t.db)).toEqual([]);
    expect(await schemaOf()).toEqual({ constraint: 1, index: 0 });
    // A writer that skips the look (the ingest repository's bare writer) meets the constraint itself.
    await expect(t.ingest.upsertPapers([{ id: "old:4", title: "Four", arxivId: "2101.00003" }])).rejects.toBeInstanceOf(WriteConflictError);
  });

  it("a second holder written between the look and the constraint leaves the plain index and is reported, not neither", async () => {
    const { constraint, index } = IDENTIFIER_CONSTRAINTS.find((c) => c.property === "arxivId")!;
    const schemaOf = async () => ({
      constraint: (await t.db.read(`SHOW CONSTRAINTS YIELD name WHERE name = $constraint RETURN name`, { constraint })).length,
      index: (await t.db.read(`SHOW INDEXES YIELD name, type WHERE name = $index AND type = "RANGE" RETURN name`, { index })).length,
    });
    // A store from before the constraint, with one holder of the id: the look finds nothing shared.
    await t.db.write(`DROP CONSTRAINT ${constraint} IF EXISTS`);
    await t.db.write(`CREATE INDEX ${index} IF NOT EXISTS FOR (p:Paper) ON (p.arxivId)`);
    await t.ingest.upsertPapers([{ id: "race:1", title: "One", arxivId: "2101.00004" }]);
    expect(await schemaOf()).toEqual({ constraint: 0, index: 1 });

    // Another instance, already serving, writes a second holder just before this one makes the constraint: the real
    // Database, its write of the constraint preceded by a real write of that paper on the same Neo4j.
    const interleaved: string[] = [];
    const racing = new Proxy(t.db, {
      get(target, prop, receiver) {
        if (prop !== "write") return Reflect.get(target, prop, receiver);
        return async (cypher: string, params?: Record<string, unknown>) => {
          if (cypher.startsWith(`CREATE CONSTRAINT ${constraint} `)) {
            interleaved.push(cypher);
            await t.ingest.upsertPapers([{ id: "race:2", title: "Two", arxivId: "2101.00004" }]);
          }
          return target.write(cypher, params);
        };
      },
    }) as Database;

    expect(await ensureIdentifierConstraints(racing)).toEqual([{ property: "arxivId", value: "2101.00004", papers: ["race:1", "race:2"] }]);
    expect(interleaved).toHaveLength(1);
    expect(await schemaOf()).toEqual({ constraint: 0, index: 1 });

    // Once the second holder is gone, the next start makes the constraint in place of the index.
    await t.db.write(`MATCH (p:Paper {id: "race:2"}) DETACH DELETE p`);
    expect(await ensureIdentifierConstraints(t.db)).toEqual([]);
    expect(await schemaOf()).toEqual({ constraint: 1, index: 0 });
  });
});
