// The write API over HTTP: each mutation's success, each rejection (with nothing changed in Neo4j), idempotent and
// concurrent edge adds, link extraction on add/edit, and loaders cleared so a request reads its own writes.
import { openTestDatabase, TestDatabase } from "../helpers/database";
import { GraphQLResponse, startTestServer, TestServer } from "../helpers/server";
import { asCurator, Headers } from "../helpers/tokens";
import { readSeed } from "../../seed/seed";

const RESNET = "journals/corr/1512.03385";
const DENSENET = "journals/corr/1608.06993";
const DCGAN = "journals/corr/1511.06434";
const DRAW = "journals/corr/1502.04623";

const UPSERT = `mutation($input: PaperInput!) { upsertPaper(input: $input) { id title year abstract arxivId stub authors { name } } }`;
const ADD_CITATION = `mutation($from: ID!, $to: ID!) { addCitation(from: $from, to: $to) { changed from { id referenceCount } to { id citationCount } } }`;
const REMOVE_CITATION = `mutation($from: ID!, $to: ID!) { removeCitation(from: $from, to: $to) { changed from { id referenceCount } to { id citationCount } } }`;
const ADD_SEE_ALSO = `mutation($from: ID!, $to: ID!, $note: String) { addSeeAlso(from: $from, to: $to, note: $note) { changed from { id seeAlso { note source paper { id } } } } }`;
const REMOVE_SEE_ALSO = `mutation($from: ID!, $to: ID!) { removeSeeAlso(from: $from, to: $to) { changed from { seeAlso { paper { id } } } } }`;
const ADD_SUMMARY = `mutation($paperId: ID!, $author: String, $body: String!) {
  addSummary(paperId: $paperId, author: $author, body: $body) { id body bodyHtml votes author { name } paper { id summaryCount } mentions { id title stub } } }`;
const EDIT_SUMMARY = `mutation($id: ID!, $body: String!) { editSummary(id: $id, body: $body) { id body mentions { id } paper { seeAlso { paper { id } source } } } }`;
const VOTE = `mutation($id: ID!, $value: Int!) { voteSummary(id: $id, value: $value) { id votes } }`;
const DELETE_SUMMARY = `mutation($id: ID!) { deleteSummary(id: $id) { id paper { id summaryCount } } }`;

describe("mutations", () => {
  let t: TestDatabase;
  let server: TestServer;

  let curator: Headers;
  /** As a curator, who may call every mutation: this file is about what they do, identity.test.ts about who may. */
  const ask = (doc: string, vars?: Record<string, unknown>): Promise<GraphQLResponse> => server.query(doc, vars, curator);

  beforeAll(async () => {
    t = await openTestDatabase();
    server = await startTestServer(t);
    curator = await asCurator();
  });
  beforeEach(async () => {
    await t.reset();
    await t.seedShortScience();
  });
  afterAll(async () => {
    await server.close();
    await t.close();
  });

  /** Runs a mutation that must be rejected: BAD_USER_INPUT, every listed field named, the graph unchanged. */
  async function expectRejected(doc: string, vars: Record<string, unknown>, fields: string[]) {
    const before = await t.counts();
    const res = await ask(doc, vars);
    expect(res.errors).toHaveLength(1);
    const error = res.errors![0];
    expect(error.extensions!.code).toBe("BAD_USER_INPUT");
    // Each problem is a sentence starting with the field it is about; a field may have several.
    const named = new Set((error.extensions!.problems as string[]).map((p) => p.replace(/^each value in /, "").split(" ")[0]));
    expect([...named].sort()).toEqual([...fields].sort());
    expect(await t.counts()).toEqual(before);
    return error;
  }

  describe("upsertPaper", () => {
    it("creates a paper with its byline, and updates only the fields given", async () => {
      const created = await ask(UPSERT, {
        input: { id: "conf/icml/New24", title: "A new paper", year: 2024, abstract: "About $x_1$.", authors: ["Ada", "Bob"] },
      });
      expect(created.errors).toBeUndefined();
      expect(created.data!.upsertPaper).toEqual({
        id: "conf/icml/New24", title: "A new paper", year: 2024, abstract: "About $x_1$.", arxivId: null, stub: false,
        authors: [{ name: "Ada" }, { name: "Bob" }],
      });
      const updated = await ask(UPSERT, { input: { id: "conf/icml/New24", title: "Renamed", abstract: null } });
      expect(updated.data!.upsertPaper).toEqual({
        id: "conf/icml/New24", title: "Renamed", year: 2024, abstract: null, arxivId: null, stub: false,
        authors: [{ name: "Ada" }, { name: "Bob" }],
      });
    });

    it("rejects a bad title, year, id, url, arXiv id and DOI all at once, naming each", async () => {
      const error = await expectRejected(
        UPSERT,
        { input: { id: "not an id", title: "x".repeat(1001), year: 1599, url: "javascript:alert(1)", arxivId: "15.1", doi: "doi" } },
        ["id", "title", "year", "url", "arxivId", "doi"],
      );
      expect(error.message).toMatch(/^Invalid argument: /);
    });

    it.each([
      [{ title: "   " }, ["title"]],
      [{ title: "" }, ["title"]],
      [{ year: new Date().getUTCFullYear() + 2 }, ["year"]],
      [{ authors: ["ok", ""] }, ["authors"]],
      [{ abstract: "a".repeat(100_001) }, ["abstract"]],
    ])("rejects %j", async (fields, names) => {
      await expectRejected(UPSERT, { input: { id: "conf/icml/New24", title: "Fine", ...fields } }, names);
    });

    it.each([
      ["arxiv:1512.99999", "journals/corr/1512.99999"],
      ["https://arxiv.org/abs/1512.99999", "journals/corr/1512.99999"],
      ["hep-th/9901001", "journals/corr/hep-th/9901001"],
      ["https://doi.org/10.1234/abc", "doi:10.1234/abc"],
    ])("refuses the id %p, which lookups read as an arXiv id or a DOI, naming the id and field to use", async (id, instead) => {
      const error = await expectRejected(UPSERT, { input: { id, title: "T" } }, ["id"]);
      expect(error.message).toContain(`use the id ${instead}`);
      expect(error.message).toMatch(/give (arxivId|doi) "/);
    });

    it("refuses a doi:<DOI> id with another DOI, or none: the paper it names holds that DOI", async () => {
      await expectRejected(UPSERT, { input: { id: "doi:10.1234/abc", title: "T", doi: "10.1234/other" } }, ["id"]);
      await expectRejected(UPSERT, { input: { id: "doi:10.1234/abc", title: "T", doi: null } }, ["id"]);
    });

    it("gives a paper named doi:<DOI> that DOI, so lookups find it by its id; a DOI stub is filled in under its id", async () => {
      const UPSERT_DOI = `mutation($input: PaperInput!) { upsertPaper(input: $input) { id title doi stub } }`;
      const created = await ask(UPSERT_DOI, { input: { id: "doi:10.1234/abc", title: "T" } });
      expect(created.data).toEqual({ upsertPaper: { id: "doi:10.1234/abc", title: "T", doi: "10.1234/abc", stub: false } });
      for (const name of ["doi:10.1234/abc", "https://doi.org/10.1234/ABC"]) {
        expect((await ask(`{ paper(id: "${name}") { id } }`)).data!.paper).toEqual({ id: "doi:10.1234/abc" });
      }
      // Given again, in any case, the DOI is the same one.
      expect((await ask(UPSERT_DOI, { input: { id: "doi:10.1234/abc", title: "T2", doi: "10.1234/ABC" } })).errors).toBeUndefined();

      const summary = await ask(ADD_SUMMARY, { paperId: RESNET, body: "Compare doi:10.1000/xyz123." });
      expect(summary.data!.addSummary.mentions).toEqual([{ id: "doi:10.1000/xyz123", title: "10.1000/xyz123", stub: true }]);
      const filled = await ask(UPSERT_DOI, { input: { id: "doi:10.1000/xyz123", title: "Filled in" } });
      expect(filled.data).toEqual({ upsertPaper: { id: "doi:10.1000/xyz123", title: "Filled in", doi: "10.1000/xyz123", stub: false } });
    });

    it("never replaces a stored DOI because the id is doi:<DOI>: refused, nothing changed, unless doi is given", async () => {
      const UPSERT_DOI = `mutation($input: PaperInput!) { upsertPaper(input: $input) { id title doi } }`;
      const stored = async (id: string) => (await t.db.read(`MATCH (p:Paper {id: $id}) RETURN p.doi AS doi, p.title AS title`, { id }))[0];
      // Papers an earlier curator or an import left named doi:<DOI> with another DOI, or with none.
      for (const id of ["doi:10.1234/old", "doi:10.1234/bare"]) {
        expect((await ask(UPSERT_DOI, { input: { id, title: "Kept" } })).errors).toBeUndefined();
      }
      await t.db.write(`MATCH (p:Paper {id: "doi:10.1234/old"}) SET p.doi = "10.5555/curated"`);
      await t.db.write(`MATCH (p:Paper {id: "doi:10.1234/bare"}) REMOVE p.doi`);

      const error = await expectRejected(UPSERT_DOI, { input: { id: "doi:10.1234/old", title: "Renamed" } }, ["input.id"]);
      expect(error.message).toContain("that paper holds DOI 10.5555/curated");
      expect(error.message).toContain('give doi "10.1234/old" to replace it');
      expect(await stored("doi:10.1234/old")).toEqual({ doi: "10.5555/curated", title: "Kept" });

      // No DOI stored: the id's is given to it.
      const bare = await ask(UPSERT_DOI, { input: { id: "doi:10.1234/bare", title: "Filled" } });
      expect(bare.data).toEqual({ upsertPaper: { id: "doi:10.1234/bare", title: "Filled", doi: "10.1234/bare" } });
      // Asked for, in any case, the id's DOI replaces the other, and lookups find the paper by its id again.
      const replaced = await ask(UPSERT_DOI, { input: { id: "doi:10.1234/old", title: "Renamed", doi: "10.1234/OLD" } });
      expect(replaced.data).toEqual({ upsertPaper: { id: "doi:10.1234/old", title: "Renamed", doi: "10.1234/old" } });
      expect((await ask(`{ paper(id: "doi:10.1234/old") { id } }`)).data!.paper).toEqual({ id: "doi:10.1234/old" });
    });

    it("refuses an arXiv id whose archive name no archive has, which Neo4j could not index", async () => {
      await expectRejected(UPSERT, { input: { id: "conf/x/Long", title: "Long", arxivId: `${"a".repeat(9000)}/1234567` } }, ["arxivId"]);
    });

    it("refuses an arXiv id or DOI that another paper holds, naming that paper, and writes nothing", async () => {
      const before = await t.counts();
      const taken = await ask(UPSERT, { input: { id: "conf/x/Other", title: "Other", arxivId: "1512.03385" } });
      expect(taken.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT" } });
      expect(taken.errors![0].message).toContain(`input.arxivId is already the arXiv id of paper ${RESNET}`);
      expect(await t.counts()).toEqual(before);
      // A DOI, whatever its case; the paper that holds it may keep writing it.
      expect((await ask(UPSERT, { input: { id: "conf/x/A", title: "A", doi: "10.1000/One" } })).errors).toBeUndefined();
      expect((await ask(UPSERT, { input: { id: "conf/x/A", title: "A again", doi: "10.1000/one" } })).errors).toBeUndefined();
      const doi = await ask(UPSERT, { input: { id: "conf/x/B", title: "B", doi: "10.1000/ONE" } });
      expect(doi.errors![0].message).toContain("input.doi is already the DOI of paper conf/x/A");
      expect((await ask(`{ paper(id: "conf/x/B") { id } }`)).data!.paper).toBeNull();
    });

    it("refuses to page the byline after a name it no longer holds, rather than answer an empty page", async () => {
      const byline = (after: string) => ask(`{ paper(id: "conf/x/Byline") { authors(first: 10, after: "${after}") { name } } }`);
      expect((await ask(UPSERT, { input: { id: "conf/x/Byline", title: "B", authors: ["Ada", "Bob", "Cy"] } })).errors).toBeUndefined();
      expect((await byline("Bob")).data!.paper.authors).toEqual([{ name: "Cy" }]);
      expect(await byline("Cy")).toMatchObject({ data: { paper: { authors: [] } } });
      expect((await byline("Cy")).errors).toBeUndefined();
      // Cy leaves the byline: the place after Cy is gone, and so is Cy's; the client is told so.
      expect((await ask(UPSERT, { input: { id: "conf/x/Byline", title: "B", authors: ["Ada", "Bob"] } })).errors).toBeUndefined();
      expect((await byline("Cy")).errors?.[0]).toMatchObject({ message: expect.stringMatching(/Read the list again from its start/), extensions: { code: "BAD_USER_INPUT" } });
      expect((await byline("Bob")).errors).toBeUndefined();
    });

    it("accepts next year and 1600, the edges of the window", async () => {
      for (const year of [1600, new Date().getUTCFullYear() + 1]) {
        const res = await ask(UPSERT, { input: { id: "conf/x/Edge", title: "Edge", year } });
        expect(res.data!.upsertPaper.year).toBe(year);
      }
    });
  });

  describe("citations", () => {
    it("adds a citation once, however often it is repeated, and removes it", async () => {
      const first = await ask(ADD_CITATION, { from: RESNET, to: DRAW });
      expect(first.errors).toBeUndefined();
      expect(first.data!.addCitation).toEqual({ changed: true, from: { id: RESNET, referenceCount: 1 }, to: { id: DRAW, citationCount: 2 } });
      const again = await ask(ADD_CITATION, { from: RESNET, to: DRAW });
      expect(again.data!.addCitation.changed).toBe(false);
      expect((await t.counts()).cites).toBe(4);

      const removed = await ask(REMOVE_CITATION, { from: RESNET, to: DRAW });
      expect(removed.data!.removeCitation).toEqual({ changed: true, from: { id: RESNET, referenceCount: 0 }, to: { id: DRAW, citationCount: 1 } });
      const removedAgain = await ask(REMOVE_CITATION, { from: RESNET, to: DRAW });
      expect(removedAgain.data!.removeCitation.changed).toBe(false);
      expect((await t.counts()).cites).toBe(3);
    });

    it("leaves exactly one edge after 50 concurrent identical addCitation calls", async () => {
      const results = await Promise.all(Array.from({ length: 50 }, () => ask(ADD_CITATION, { from: DRAW, to: RESNET })));
      expect(results.every((r) => r.errors === undefined)).toBe(true);
      expect(results.filter((r) => r.data!.addCitation.changed)).toHaveLength(1);
      const [row] = await t.db.read(`MATCH (:Paper {id: $from})-[r:CITES]->(:Paper {id: $to}) RETURN count(r) AS n`, { from: DRAW, to: RESNET });
      expect(row.n).toBe(1);
    });

    it("survives concurrent adds in both directions without deadlocking or duplicating", async () => {
      const calls = Array.from({ length: 20 }, (_, i) => ask(ADD_CITATION, i % 2 ? { from: DRAW, to: DCGAN } : { from: DCGAN, to: DRAW }));
      const results = await Promise.all(calls);
      expect(results.every((r) => r.errors === undefined)).toBe(true);
      const [row] = await t.db.read(`MATCH (a:Paper)-[r:CITES]-(b:Paper) WHERE a.id = $a AND b.id = $b RETURN count(r) AS n`, { a: DRAW, b: DCGAN });
      expect(row.n).toBe(2); // DCGAN -> DRAW from the seed (the same one), plus DRAW -> DCGAN
    });

    it("writes and answers every edge mutation on a paper whose id lookups read as another identifier (stored before upsertPaper refused such ids)", async () => {
      const LEGACY = "arxiv:1512.99999";
      await t.ingest.upsertPapers([{ id: LEGACY, title: "Stored before the check" }]);
      expect((await ask(`{ paper(id: "${LEGACY}") { id } }`)).data!.paper).toBeNull();
      const added = await ask(ADD_CITATION, { from: LEGACY, to: RESNET });
      expect(added.errors).toBeUndefined();
      expect(added.data!.addCitation).toEqual({ changed: true, from: { id: LEGACY, referenceCount: 1 }, to: { id: RESNET, citationCount: 2 } });
      const removed = await ask(REMOVE_CITATION, { from: RESNET, to: LEGACY });
      expect(removed.errors).toBeUndefined();
      expect(removed.data!.removeCitation).toEqual({ changed: false, from: { id: RESNET, referenceCount: 0 }, to: { id: LEGACY, citationCount: 0 } });
      expect((await ask(REMOVE_CITATION, { from: LEGACY, to: RESNET })).data!.removeCitation.changed).toBe(true);
      const seeAlso = await ask(ADD_SEE_ALSO, { from: LEGACY, to: RESNET, note: "n" });
      expect(seeAlso.errors).toBeUndefined();
      expect(seeAlso.data!.addSeeAlso).toEqual({ changed: true, from: { id: LEGACY, seeAlso: [{ note: "n", source: null, paper: { id: RESNET } }] } });
      const unlinked = await ask(REMOVE_SEE_ALSO, { from: LEGACY, to: RESNET });
      expect(unlinked.errors).toBeUndefined();
      expect(unlinked.data!.removeSeeAlso).toEqual({ changed: true, from: { seeAlso: [] } });
    });

    it("rejects a self-citation, malformed ids and missing endpoints without changing anything", async () => {
      await expectRejected(ADD_CITATION, { from: RESNET, to: RESNET }, ["to"]);
      await expectRejected(ADD_CITATION, { from: "bad id", to: "also bad" }, ["from", "to"]);
      await expectRejected(ADD_CITATION, { from: "conf/x/Missing1", to: "conf/x/Missing2" }, ["from", "to"]);
      await expectRejected(ADD_CITATION, { from: RESNET, to: "conf/x/Missing" }, ["to"]);
      await expectRejected(REMOVE_CITATION, { from: "conf/x/Missing", to: RESNET }, ["from"]);
    });
  });

  describe("see also", () => {
    it("adds a curator's link once with its note, updates the note, and removes it", async () => {
      const added = await ask(ADD_SEE_ALSO, { from: DRAW, to: DCGAN, note: "both generate images" });
      expect(added.errors).toBeUndefined();
      expect(added.data!.addSeeAlso).toEqual({ changed: true, from: { id: DRAW, seeAlso: [{ note: "both generate images", source: null, paper: { id: DCGAN } }] } });
      const again = await ask(ADD_SEE_ALSO, { from: DRAW, to: DCGAN, note: "generative models" });
      expect(again.data!.addSeeAlso.changed).toBe(false);
      expect(again.data!.addSeeAlso.from.seeAlso).toEqual([{ note: "generative models", source: null, paper: { id: DCGAN } }]);
      expect((await t.counts()).seeAlso).toBe(2);
      const removed = await ask(REMOVE_SEE_ALSO, { from: DRAW, to: DCGAN });
      expect(removed.data!.removeSeeAlso).toEqual({ changed: true, from: { seeAlso: [] } });
      expect((await t.counts()).seeAlso).toBe(1);
    });

    it("rejects a self-link, a missing endpoint and a note over 1000 characters", async () => {
      await expectRejected(ADD_SEE_ALSO, { from: DRAW, to: DRAW }, ["to"]);
      await expectRejected(ADD_SEE_ALSO, { from: DRAW, to: "conf/x/Missing" }, ["to"]);
      await expectRejected(ADD_SEE_ALSO, { from: DRAW, to: DCGAN, note: "n".repeat(1001) }, ["note"]);
      await expectRejected(REMOVE_SEE_ALSO, { from: "x", to: DCGAN }, ["from"]);
    });
  });

  describe("summaries", () => {
    const BODY = [
      "Builds on ResNet \\cite{journals/corr/1512.03385} and on https://arxiv.org/abs/1707.01083, and on doi:10.1000/xyz123.",
      "",
      "## See also",
      "",
      "* [Densely connected](http://www.shortscience.org/paper?bibtexKey=journals/corr/1608.06993)",
      "* [Its own paper](https://arxiv.org/abs/1502.04623)",
    ].join("\n");

    it("adds a summary: mentions (stubs for unknown papers), see-also edges from the paper, sanitised HTML", async () => {
      const before = await t.counts();
      const res = await ask(ADD_SUMMARY, { paperId: DRAW, author: "Ada", body: BODY + "\n\n<script>alert(1)</script>" });
      expect(res.errors).toBeUndefined();
      const s = res.data!.addSummary;
      expect(s.id).toMatch(/^summaries\/[0-9a-f-]{36}$/);
      expect(s.votes).toBe(0);
      expect(s.author).toEqual({ name: "Ada" });
      expect(s.paper).toEqual({ id: DRAW, summaryCount: 2 });
      expect(s.bodyHtml).not.toContain("<script");
      expect(s.bodyHtml).toContain('<a href="http://www.shortscience.org/paper?bibtexKey=journals/corr/1608.06993"');
      // DRAW's own arXiv link is not a mention; the two unknown papers are stubs.
      expect(s.mentions).toEqual([
        { id: "doi:10.1000/xyz123", title: "10.1000/xyz123", stub: true },
        { id: "journals/corr/1512.03385", title: "Deep Residual Learning for Image Recognition", stub: false },
        { id: "journals/corr/1608.06993", title: "Densely Connected Convolutional Networks", stub: false },
        { id: "journals/corr/1707.01083", title: "1707.01083", stub: true },
      ]);
      const after = await t.counts();
      // Two more people: Ada, the author the curator named, and the curator who added it (createdBy).
      expect(after).toEqual({ ...before, papers: before.papers + 2, summaries: 6, mentions: before.mentions + 4, seeAlso: 2, wrote: 1, people: before.people + 2 });
      const seeAlso = await ask(`{ paper(id: "${DRAW}") { seeAlso { note source paper { id } } } }`);
      expect(seeAlso.data!.paper.seeAlso).toEqual([{ note: "Densely connected", source: s.id, paper: { id: DENSENET } }]);

      // A stub found by its arXiv id is filled in by upsertPaper and stops being a stub.
      const filled = await ask(UPSERT, { input: { id: "journals/corr/1707.01083", title: "ShuffleNet", year: 2017 } });
      expect(filled.data!.upsertPaper).toMatchObject({ title: "ShuffleNet", arxivId: "1707.01083", stub: false });
    });

    it("edits a summary: links are re-extracted, old mentions and its see-also edges go, a curator's stays", async () => {
      const added = await ask(ADD_SUMMARY, { paperId: DRAW, body: BODY });
      const id = added.data!.addSummary.id;
      await ask(ADD_SEE_ALSO, { from: DRAW, to: RESNET, note: "curated" });
      const edited = await ask(EDIT_SUMMARY, { id, body: "Now only see also [DCGAN](https://arxiv.org/abs/1511.06434)." });
      expect(edited.errors).toBeUndefined();
      expect(edited.data!.editSummary.mentions).toEqual([{ id: DCGAN }]);
      expect(edited.data!.editSummary.paper.seeAlso).toEqual([
        { paper: { id: DCGAN }, source: id },
        { paper: { id: RESNET }, source: null },
      ]);
    });

    it("keeps a see-also while another summary's text still makes it: edited or deleted, the edge passes to that one", async () => {
      const seeAlso = (note: string) => `Related work.\n\n## See also\n\n* [${note}](https://arxiv.org/abs/1511.06434)`;
      const edges = async () => (await ask(`{ paper(id: "${DRAW}") { seeAlsoCount seeAlso { note source paper { id } } } }`)).data!.paper;
      const first = (await ask(ADD_SUMMARY, { paperId: DRAW, body: seeAlso("first note") })).data!.addSummary.id;
      const second = (await ask(ADD_SUMMARY, { paperId: DRAW, body: seeAlso("second note") })).data!.addSummary.id;
      const third = (await ask(ADD_SUMMARY, { paperId: DRAW, body: seeAlso("third note") })).data!.addSummary.id;
      // One edge per pair, made by the first text.
      expect(await edges()).toEqual({ seeAlsoCount: 1, seeAlso: [{ note: "first note", source: first, paper: { id: DCGAN } }] });
      // The first text, edited, still says it: the edge stays its own, with the link's new words.
      expect((await ask(EDIT_SUMMARY, { id: first, body: seeAlso("first, reworded") })).errors).toBeUndefined();
      expect(await edges()).toEqual({ seeAlsoCount: 1, seeAlso: [{ note: "first, reworded", source: first, paper: { id: DCGAN } }] });
      // The first text no longer says it: the earliest other text that does keeps the edge, with its own words.
      expect((await ask(EDIT_SUMMARY, { id: first, body: "No links any more." })).errors).toBeUndefined();
      expect(await edges()).toEqual({ seeAlsoCount: 1, seeAlso: [{ note: "second note", source: second, paper: { id: DCGAN } }] });
      expect((await ask(DELETE_SUMMARY, { id: second })).errors).toBeUndefined();
      expect(await edges()).toEqual({ seeAlsoCount: 1, seeAlso: [{ note: "third note", source: third, paper: { id: DCGAN } }] });
      // The last text that says it goes: so does the edge.
      expect((await ask(DELETE_SUMMARY, { id: third })).errors).toBeUndefined();
      expect(await edges()).toEqual({ seeAlsoCount: 0, seeAlso: [] });
    });

    it("refuses to page after a summary deleted since it was read, rather than answer an empty page", async () => {
      const ids: string[] = [];
      for (const n of [1, 2, 3]) ids.push((await ask(ADD_SUMMARY, { paperId: DRAW, author: "Ada", body: `Summary ${n}.` })).data!.addSummary.id);
      const byPaper = (after: string) => ask(`{ paper(id: "${DRAW}") { summaries(first: 10, after: "${after}") { id } } }`);
      const byWriter = (after: string) => ask(`{ person(name: "Ada") { summaries(first: 10, after: "${after}") { id } } }`);
      // Oldest first on the paper, newest first by the writer.
      expect((await byPaper(ids[0])).data!.paper.summaries.map((x: { id: string }) => x.id)).toEqual([ids[1], ids[2]]);
      expect((await byWriter(ids[2])).data!.person.summaries.map((x: { id: string }) => x.id)).toEqual([ids[1], ids[0]]);
      // After the last one: the end, no error.
      expect(await byPaper(ids[2])).toMatchObject({ data: { paper: { summaries: [] } } });
      expect((await byPaper(ids[2])).errors).toBeUndefined();
      // The ones the pages were read after are deleted: their place is gone, and the client is told so.
      expect((await ask(DELETE_SUMMARY, { id: ids[2] })).errors).toBeUndefined();
      expect((await ask(DELETE_SUMMARY, { id: ids[0] })).errors).toBeUndefined();
      for (const res of [await byPaper(ids[2]), await byWriter(ids[0])]) {
        expect(res.errors?.[0]).toMatchObject({ message: expect.stringMatching(/Read the list again from its start/), extensions: { code: "BAD_USER_INPUT" } });
      }
    });

    it("votes up, down and withdraws: one vote per person (more in identity.test.ts)", async () => {
      const id = "shortscience/draw";
      expect((await ask(VOTE, { id, value: 1 })).data!.voteSummary).toEqual({ id, votes: 1 });
      expect((await ask(VOTE, { id, value: 1 })).data!.voteSummary).toEqual({ id, votes: 1 });
      expect((await ask(VOTE, { id, value: -1 })).data!.voteSummary).toEqual({ id, votes: -1 });
      expect((await ask(VOTE, { id, value: 0 })).data!.voteSummary).toEqual({ id, votes: 0 });
    });

    it("deletes a summary with its mentions and the see-also links its text made", async () => {
      const res = await ask(DELETE_SUMMARY, { id: "shortscience/resnet" });
      expect(res.errors).toBeUndefined();
      expect(res.data!.deleteSummary).toEqual({ id: "shortscience/resnet", paper: { id: RESNET, summaryCount: 0 } });
      const counts = await t.counts();
      expect(counts).toMatchObject({ summaries: 4, mentions: 2, seeAlso: 0 });
      expect((await ask(`{ summary(id: "shortscience/resnet") { id } }`)).data!.summary).toBeNull();
    });

    it("rejects a missing paper, an empty or oversized body, bad ids and unknown summaries without changing anything", async () => {
      await expectRejected(ADD_SUMMARY, { paperId: "conf/x/Missing", body: "text" }, ["paperId"]);
      await expectRejected(ADD_SUMMARY, { paperId: "no id", author: "", body: " " }, ["paperId", "author", "body"]);
      await expectRejected(ADD_SUMMARY, { paperId: DRAW, body: "b".repeat(100_001) }, ["body"]);
      await expectRejected(EDIT_SUMMARY, { id: "shortscience/missing", body: "text" }, ["id"]);
      await expectRejected(EDIT_SUMMARY, { id: "not an id", body: "" }, ["id", "body"]);
      await expectRejected(VOTE, { id: "shortscience/missing", value: 1 }, ["id"]);
      await expectRejected(DELETE_SUMMARY, { id: "shortscience/missing" }, ["id"]);
    });

    it("accepts a body of exactly 100,000 characters", async () => {
      const res = await ask(ADD_SUMMARY, { paperId: DRAW, body: "b".repeat(100_000) });
      expect(res.errors).toBeUndefined();
    });

    it("cuts a link's text to a title's and a note's bound, 1000, for the stub it names and the see-also edge it makes", async () => {
      const text = "T".repeat(50_000);
      const emoji = `a${"\u{1F600}".repeat(1000)}`; // cut at 1000 code units would split a pair: 999
      const body = `See also [${text}](https://arxiv.org/abs/2401.00001) and [${emoji}](https://arxiv.org/abs/2401.00002).`;
      const res = await ask(ADD_SUMMARY, { paperId: RESNET, body });
      expect(res.errors).toBeUndefined();
      expect(res.data!.addSummary.mentions).toEqual([
        { id: "journals/corr/2401.00001", title: "T".repeat(1000), stub: true },
        { id: "journals/corr/2401.00002", title: emoji.slice(0, 999), stub: true },
      ]);
      const rows = await t.db.read(`MATCH (:Summary {id: $id})-[n:MENTIONS]->(m)<-[r:SEE_ALSO]-(:Paper {id: $paper})
        RETURN m.id AS id, n.note AS mention, r.note AS seeAlso ORDER BY id`, { id: res.data!.addSummary.id, paper: RESNET });
      expect(rows).toEqual([
        { id: "journals/corr/2401.00001", mention: "T".repeat(1000), seeAlso: "T".repeat(1000) },
        { id: "journals/corr/2401.00002", mention: emoji.slice(0, 999), seeAlso: emoji.slice(0, 999) },
      ]);
    });
  });

  it("clears loaders so later fields of the same request read the write", async () => {
    const res = await ask(`mutation {
      a: addCitation(from: "${DRAW}", to: "${RESNET}") { to { citationCount citedBy { id } } }
      b: addCitation(from: "${DCGAN}", to: "${RESNET}") { to { citationCount citedBy { id } } }
    }`);
    expect(res.errors).toBeUndefined();
    expect(res.data!.a.to.citationCount).toBe(2);
    expect(res.data!.b.to).toEqual({ citationCount: 3, citedBy: [{ id: DRAW }, { id: DCGAN }, { id: DENSENET }] });
  });

  it("clears the graph loaders too: related papers and yearly counts read the write", async () => {
    const res = await ask(`mutation {
      a: addCitation(from: "${DRAW}", to: "${DCGAN}") { to { citationsByYear { year count } related(weights: { text: 0 }) { edges { node { paper { id } } } } } }
      b: addCitation(from: "${RESNET}", to: "${DCGAN}") { to { citationsByYear { year count } related(weights: { text: 0 }) { edges { node { paper { id } } } } } }
    }`);
    expect(res.errors).toBeUndefined();
    const related = (x: any) => x.to.related.edges.map((e: any) => e.node.paper.id);
    expect(related(res.data!.a)).toContain(DRAW);
    expect(related(res.data!.a)).not.toContain(RESNET);
    expect(related(res.data!.b)).toEqual(expect.arrayContaining([DRAW, RESNET]));
    // DRAW's year is 2015 and so is ResNet's: the second write shows in the count of that year.
    const count2015 = (x: any) => x.to.citationsByYear.find((y: any) => y.year === 2015)?.count;
    expect(count2015(res.data!.b)).toBe(count2015(res.data!.a) + 1);
  });
});

describe("the seed's summaries run through addSummary", () => {
  let t: TestDatabase;
  let server: TestServer;

  let curator: Headers;
  /** As a curator, who may call every mutation: this file is about what they do, identity.test.ts about who may. */
  const ask = (doc: string, vars?: Record<string, unknown>): Promise<GraphQLResponse> => server.query(doc, vars, curator);

  beforeAll(async () => {
    t = await openTestDatabase();
    server = await startTestServer(t);
    curator = await asCurator();
  });
  afterAll(async () => {
    await server.close();
    await t.close();
  });

  /** Link edges keyed by the summarized paper, so summary ids (generated by addSummary) do not matter. */
  async function linkEdges() {
    // With what the mention says of a see-also: the seed's loader marks it as addSummary does.
    const mentions = await t.db.read(
      `MATCH (p:Paper)<-[:SUMMARIZES]-(s:Summary)-[n:MENTIONS]->(m:Paper)
       RETURN p.id + " -> " + m.id + CASE WHEN n.seeAlso THEN " (see also: " + n.note + ")" ELSE "" END AS edge ORDER BY edge`,
    );
    const seeAlso = await t.db.read(
      `MATCH (a:Paper)-[r:SEE_ALSO]->(b:Paper) MATCH (src:Summary {id: r.source})-[:SUMMARIZES]->(p:Paper)
       RETURN a.id + " -> " + b.id + " (" + r.note + ", from the summary of " + p.id + ")" AS edge ORDER BY edge`,
    );
    return { mentions: mentions.map((r) => r.edge), seeAlso: seeAlso.map((r) => r.edge) };
  }

  it("yields the same MENTIONS and SEE_ALSO edges as the curated seed, and no stubs", async () => {
    await t.reset();
    await t.seedShortScience();
    const curated = await linkEdges();
    const curatedCounts = await t.counts();

    const seed = readSeed();
    await t.reset();
    await t.ingest.upsertPapers(seed.papers);
    await t.ingest.upsertCitations(seed.citations);
    for (const s of seed.summaries) {
      const res = await ask(ADD_SUMMARY, { paperId: s.paperId, body: s.body });
      expect(res.errors).toBeUndefined();
    }
    expect(await linkEdges()).toEqual(curated);
    expect(curated.mentions).toHaveLength(3);
    expect(curated.mentions).toContain(`${RESNET} -> ${DENSENET} (see also: DenseNets)`);
    expect(curated.seeAlso).toEqual([`${RESNET} -> ${DENSENET} (DenseNets, from the summary of ${RESNET})`]);
    // The same, except that a summary added through the API is always someone's: the curator's, one more Person.
    expect(await t.counts()).toEqual({ ...curatedCounts, people: curatedCounts.people + 1, wrote: seed.summaries.length });
  });
  describe("the links one summary may make", () => {
    const cites = (n: number) => `Builds on \\cite{${Array.from({ length: n }, (_, i) => `conf/many/P${i}`).join(",")}}.`;

    it("refuses a body linking to more papers than SUMMARY_MAX_LINKS (default 200), naming the cap, and writes nothing", async () => {
      const before = await t.counts();
      const res = await ask(ADD_SUMMARY, { paperId: RESNET, body: cites(3000) });
      expect(res.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
      expect(res.errors?.[0].message).toMatch(/links to 3000 papers; .* at most 200 \(SUMMARY_MAX_LINKS\)/);
      expect(await t.counts()).toEqual(before);
      const edit = await ask(EDIT_SUMMARY, { id: "shortscience/resnet", body: cites(201) });
      expect(edit.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
      expect(await t.counts()).toEqual(before);
    });

    it("accepts a body at the cap: 200 links, 200 stubs", async () => {
      const before = await t.counts();
      const res = await ask(ADD_SUMMARY, { paperId: RESNET, body: cites(200) });
      expect(res.errors).toBeUndefined();
      expect(res.data!.addSummary.mentions.every((m: { stub: boolean }) => m.stub)).toBe(true);
      expect((await t.counts()).papers).toBe(before.papers + 200);
    });

    it("does not link an old-style arXiv id whose archive name no archive has, in text or in a link: no stub, no error", async () => {
      const long = `${"a".repeat(9000)}/1234567`;
      const before = await t.counts();
      const added = await ask(ADD_SUMMARY, { paperId: RESNET, body: `See arXiv:${long} and [this](https://arxiv.org/abs/${long}).` });
      expect(added.errors).toBeUndefined();
      expect(added.data!.addSummary.mentions).toEqual([]);
      const edited = await ask(EDIT_SUMMARY, { id: added.data!.addSummary.id, body: `Still arXiv:${long}, https://arxiv.org/pdf/${long}v2.pdf` });
      expect(edited.errors).toBeUndefined();
      expect(edited.data!.editSummary.mentions).toEqual([]);
      expect((await t.counts()).papers).toBe(before.papers);
    });

    it("links an old-style arXiv id in any case to the paper holding it as arXiv writes it, making no second paper", async () => {
      const OLD = "journals/corr/hep-th/9901001";
      expect((await ask(UPSERT, { input: { id: OLD, title: "An old-style paper", arxivId: "hep-th/9901001" } })).errors).toBeUndefined();
      const before = await t.counts();
      const res = await ask(ADD_SUMMARY, { paperId: RESNET, body: "See arXiv:HEP-TH/9901001v2 and [it](https://arxiv.org/abs/Hep-Th/9901001)." });
      expect(res.errors).toBeUndefined();
      expect(res.data!.addSummary.mentions).toEqual([{ id: OLD, title: "An old-style paper", stub: false }]);
      expect((await t.counts()).papers).toBe(before.papers);
      expect((await ask(`{ paper(id: "arXiv:HEP-TH/9901001") { id } }`)).data!.paper).toEqual({ id: OLD });
    });

    it("does not link \\cite keys that are no paper id (a bibtex key like he2016deep)", async () => {
      const before = await t.counts();
      const res = await ask(ADD_SUMMARY, { paperId: RESNET, body: "As \\cite{he2016deep, conf/x/Y1} show, and https://doi.org/10.1234/%E0 too." });
      expect(res.errors).toBeUndefined();
      expect(res.data!.addSummary.mentions.map((m: { id: string }) => m.id)).toEqual(["conf/x/Y1"]);
      expect((await t.counts()).papers).toBe(before.papers + 1);
    });
  });
});
