// Bring your own corpus: each real sample of ../shared/data/formats imported into Neo4j gives the nodes, edges and
// stubs its SOURCE.md counts; one paper from several sources (and the seed) is one node, found by every identifier;
// bad records are reported and skipped without losing their neighbours; concurrent imports still make one node.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { DATA_DIR } from "../helpers/datasets";
import { openTestDatabase, TestDatabase } from "../helpers/database";
import { FIXTURES, FORMAT_SAMPLES } from "../helpers/import-items";
import { startTestServer, TestServer } from "../helpers/server";
import { asContributor, asCurator } from "../helpers/tokens";
import { CorpusImportReport, importFile } from "../../src/ingest/corpus-import";
import { ImportFormatError } from "../../src/ingest/formats";

const OPENALEX = path.join(FORMAT_SAMPLES, "openalex-snowball");
const S2AG = path.join(FORMAT_SAMPLES, "s2ag-samples");

async function graph(t: TestDatabase) {
  const [row] = await t.db.read(
    `MATCH (p:Paper) RETURN count(p) AS papers, count(CASE WHEN p.stub THEN 1 END) AS stubs, sum(COUNT { (p)-[:CITES]->() }) AS cites`,
  );
  return row as { papers: number; stubs: number; cites: number };
}

const sum = (reports: CorpusImportReport[], key: keyof CorpusImportReport) => reports.reduce((n, r) => n + (r[key] as number), 0);

function tempFile(name: string, content: string): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), "import-")), name);
  writeFileSync(file, content);
  return file;
}

describe("importing the format samples", () => {
  let t: TestDatabase;

  beforeAll(async () => {
    t = await openTestDatabase();
  });
  beforeEach(() => t.reset());
  afterAll(() => t.close());

  it("OpenAlex: 46 works, 1,295 references, the 1,093 works outside the set as stubs; again: nothing new", async () => {
    // Key papers first: the works they cite become stubs, which the cited page then fills in.
    const files = ["keypaper", "cited", "citing"].flatMap((p) => [1, 2].map((n) => path.join(OPENALEX, `${p}_json__results_page_${n}.json`)));
    const reports: CorpusImportReport[] = [];
    for (const file of files) reports.push(await importFile(t.db, file));
    expect(reports.every((r) => r.format === "openalex" && r.errors === 0)).toBe(true);
    expect(sum(reports, "papers")).toBe(46);
    expect(sum(reports, "created") + sum(reports, "filledStubs")).toBe(46);
    expect(sum(reports, "citations")).toBe(1295);
    expect(sum(reports, "citationsCreated")).toBe(1295);
    expect(sum(reports, "stubs") - sum(reports, "filledStubs")).toBe(1093);
    expect(await graph(t)).toEqual({ papers: 46 + 1093, stubs: 1093, cites: 1295 });

    const again: CorpusImportReport[] = [];
    for (const file of files) again.push(await importFile(t.db, file));
    expect([sum(again, "created"), sum(again, "stubs"), sum(again, "citationsCreated")]).toEqual([0, 0, 0]);
    expect(await graph(t)).toEqual({ papers: 46 + 1093, stubs: 1093, cites: 1295 });
  });

  it("Semantic Scholar Graph API: the root, 1,000 citers and 8 identified references; 6 id-less ones skipped", async () => {
    const report = await importFile(t.db, path.join(FORMAT_SAMPLES, "s2-graph-api-paper", "Paper.json.gz"));
    expect(report).toMatchObject({ format: "s2-graph", papers: 1009, created: 1009, citations: 1008, citationsCreated: 1008, stubs: 0, skipped: 6, errors: 0 });
    expect(await graph(t)).toEqual({ papers: 1009, stubs: 0, cites: 1008 });
    const [turing] = await t.db.read(`MATCH (p:Paper {s2Id: "2d5673caa9e6af3a7b82a43f19ee920992db07ad"}) RETURN COUNT { (p)<-[:CITES]-() } AS citedBy, p.stub AS stub`);
    expect(turing).toEqual({ citedBy: 1000, stub: false });
  });

  it("S2AG: 100 papers; 77 citations between 154 works outside the sample as stubs; 23 rows without a cited id skipped", async () => {
    const papers = await importFile(t.db, path.join(S2AG, "papers__papers-sample.jsonl"));
    const citations = await importFile(t.db, path.join(S2AG, "citations__citations-sample.jsonl"));
    expect(papers).toMatchObject({ format: "s2ag", papers: 100, created: 100, errors: 0 });
    expect(citations).toMatchObject({ format: "s2ag", citations: 77, citationsCreated: 77, stubs: 154, skipped: 23, errors: 0 });
    expect(await graph(t)).toEqual({ papers: 254, stubs: 154, cites: 77 });
  });

  it("BibTeX: 524 entries, of which 4 are Zotero duplicates (same DOI, arXiv id, or title, year and author): 520 papers", async () => {
    const report = await importFile(t.db, path.join(FORMAT_SAMPLES, "bibtex-zotero", "My Library.bib"));
    expect(report).toMatchObject({ format: "bibtex", papers: 524, created: 520, merged: 4, citations: 0, errors: 0 });
    expect(await graph(t)).toEqual({ papers: 520, stubs: 0, cites: 0 });
    const [gemici] = await t.db.read(`MATCH (p:Paper {arxivId: "1611.02304"}) RETURN collect(p.id) AS ids`);
    expect(gemici.ids).toEqual(["journals/corr/1611.02304"]);
  });

  it("CSL-JSON: the 8 items of the Zotero export fixture", async () => {
    const report = await importFile(t.db, path.join(FIXTURES, "zotero-export.csl.json"));
    expect(report).toMatchObject({ format: "csl-json", papers: 8, created: 8, errors: 0 });
    expect(await graph(t)).toEqual({ papers: 8, stubs: 0, cites: 0 });
  });

  it("refuses a file in no known format with a sentence naming the formats, and writes nothing", async () => {
    const file = tempFile("notes.txt", "just some notes\n");
    await expect(importFile(t.db, file)).rejects.toThrow(ImportFormatError);
    await expect(importFile(t.db, file)).rejects.toThrow(/OpenAlex.*Semantic Scholar.*BibTeX.*CSL-JSON.*dataset folder/);
    expect((await graph(t)).papers).toBe(0);
  });

  it("BibTeX: counts an undefined @string as a warning on each entry using it, not as an error, and leaves the field out", async () => {
    const file = tempFile("ieee.bib", "@article{a, title = {A}, journal = IEEE_J_PAMI, doi = {10.1000/a}}\n@article{b, title = {B}, journal = IEEE_J_PAMI, doi = {10.1000/b}}\n");
    const report = await importFile(t.db, file);
    expect(report).toMatchObject({ papers: 2, created: 2, errors: 0, problems: [], warnings: 2 });
    expect(report.notes.map((n) => [n.location, n.message])).toEqual([
      ["@a (line 1)", "journal uses the undefined @string IEEE_J_PAMI: left out"],
      ["@b (line 2)", "journal uses the undefined @string IEEE_J_PAMI: left out"],
    ]);
    expect(await t.db.read(`MATCH (p:Paper) RETURN p.id AS id, p.venue AS venue ORDER BY id`)).toEqual([
      { id: "doi:10.1000/a", venue: null },
      { id: "doi:10.1000/b", venue: null },
    ]);
  });

  it("reports a malformed record with its file and line, skips it, and keeps its neighbours when a write fails", async () => {
    const line = (corpusid: number) =>
      JSON.stringify({ corpusid, externalids: { CorpusId: String(corpusid) }, title: `Paper ${corpusid}`, authors: [], year: 2020 });
    // Line 2 is not JSON; line 3 parses, but a constraint this test adds (titles unique, and one paper titled as
    // line 3 already stored) makes its write fail in Neo4j, as a write the importer cannot foresee would.
    await t.db.write(`CREATE CONSTRAINT import_test_title IF NOT EXISTS FOR (p:Paper) REQUIRE p.title IS UNIQUE`);
    try {
      await t.db.write(`CREATE (:Paper {id: "held/title", title: "Paper 3"})`);
      const file = tempFile("papers.jsonl", [line(1), "{not json", line(3), line(4)].join("\n") + "\n");
      const report = await importFile(t.db, file);
      expect(report).toMatchObject({ format: "s2ag", papers: 3, created: 2, errors: 2 });
      expect(report.problems.map((p) => [p.file, p.location])).toEqual([
        [file, "line 2"],
        [file, "line 3"],
      ]);
      expect(report.problems[1].message).toMatch(/^not written: /);
      const rows = await t.db.read(`MATCH (p:Paper) WHERE p.corpusId IS NOT NULL RETURN p.corpusId AS corpusId ORDER BY corpusId`);
      expect(rows.map((r) => r.corpusId)).toEqual(["1", "4"]);
    } finally {
      await t.db.write(`DROP CONSTRAINT import_test_title IF EXISTS`);
    }
  });
});

describe("one node per paper", () => {
  let t: TestDatabase;
  let server: TestServer;

  beforeAll(async () => {
    t = await openTestDatabase();
    server = await startTestServer(t);
  });
  beforeEach(async () => {
    await t.reset();
    await t.seedShortScience();
  });
  afterAll(async () => {
    await server.close();
    await t.close();
  });

  const openAlexWork = (id: string, doi: string, title: string, refs: string[] = []) =>
    JSON.stringify({ meta: { count: 1 }, results: [{ id: `https://openalex.org/${id}`, doi: `https://doi.org/${doi}`, title, display_name: title, publication_year: 2019, authorships: [], referenced_works: refs.map((r) => `https://openalex.org/${r}`), ids: { openalex: `https://openalex.org/${id}`, doi: `https://doi.org/${doi}`, mag: "2963037989" } }] });

  it("an OpenAlex work, a BibTeX entry of the same DOI and a seed paper's arXiv id each reach one node, found by every id", async () => {
    const before = (await t.counts()).papers;
    await importFile(t.db, tempFile("works.json", openAlexWork("W2963037989", "10.1109/CVPR.2019.00001", "A Paper From Two Sources", ["W2194775991"])));
    const bib = tempFile(
      "library.bib",
      `@inproceedings{two2019, title = {A Paper from Two Sources}, author = {Doe, Jane and Roe, Richard}, year = {2019},
        booktitle = {CVPR}, doi = {10.1109/cvpr.2019.00001}}
       @article{he2015, title = {Deep Residual Learning}, author = {He, Kaiming}, year = {2015}, journal = {Somewhere else},
        eprint = {1512.03385v1}, archiveprefix = {arXiv}}`,
    );
    const report = await importFile(t.db, bib);
    expect(report).toMatchObject({ papers: 2, created: 0, merged: 2, errors: 0 });
    // The work, the stub of what it cites, and nothing for the seed paper: the BibTeX entry found it.
    expect((await t.counts()).papers).toBe(before + 2);

    const keys = ["W2963037989", "https://openalex.org/W2963037989", "10.1109/CVPR.2019.00001", "doi:10.1109/cvpr.2019.00001", "mag:2963037989"];
    for (const key of keys) {
      const res = await server.query(`query($id: ID!) { paper(id: $id) { id title venue authors { name } externalIds { kind value } } }`, { id: key });
      expect(res.errors).toBeUndefined();
      expect(res.data!.paper).toEqual({
        id: "doi:10.1109/cvpr.2019.00001",
        title: "A Paper From Two Sources",
        // The OpenAlex record had no venue or authors: the BibTeX entry filled them, the title stayed.
        venue: "CVPR",
        authors: [{ name: "Jane Doe" }, { name: "Richard Roe" }],
        externalIds: [
          { kind: "doi", value: "10.1109/cvpr.2019.00001" },
          { kind: "openalex", value: "W2963037989" },
          { kind: "mag", value: "2963037989" },
        ],
      });
    }
    const resnet = await server.query(`{ paper(id: "journals/corr/1512.03385") { title venue externalIds { kind value } } }`);
    // A stored, curated paper keeps its fields: the import only fills what is empty.
    expect(resnet.data!.paper.title).toBe("Deep Residual Learning for Image Recognition");
    expect(resnet.data!.paper.venue).not.toBe("Somewhere else");
    expect(resnet.data!.paper.externalIds).toContainEqual({ kind: "arxiv", value: "1512.03385" });
    const stub = await server.query(`{ paper(id: "W2194775991") { id stub title } }`);
    expect(stub.data!.paper).toEqual({ id: "openalex:W2194775991", stub: true, title: "openalex:W2194775991" });
  });

  it("a work OpenAlex gives no title (BERT) keeps its identifier as a title only until a record with its title comes", async () => {
    // The key paper cites W2963341956, a stub; the cited page's record of it has title and display_name null.
    for (const page of ["keypaper", "cited"]) await importFile(t.db, path.join(OPENALEX, `${page}_json__results_page_1.json`));
    const bert = `MATCH (p:Paper {openalexId: "W2963341956"}) RETURN p.id AS id, p.title AS title, p.stub AS stub`;
    expect(await t.db.read(bert)).toEqual([{ id: "openalex:W2963341956", title: "openalex:W2963341956", stub: false }]);
    const bib = tempFile(
      "bert.bib",
      `@inproceedings{devlin2019, title = {{BERT}: Pre-training of Deep Bidirectional Transformers for Language Understanding},
        author = {Devlin, Jacob and Chang, Ming-Wei}, year = {2019}, booktitle = {NAACL}, doi = {10.18653/v1/N19-1423}}`,
    );
    expect(await importFile(t.db, bib)).toMatchObject({ papers: 1, created: 0, merged: 1, errors: 0 });
    expect(await t.db.read(bert)).toEqual([
      { id: "openalex:W2963341956", title: "BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding", stub: false },
    ]);
  });

  it("a BibTeX entry imported without a DOI and again once it has one is one paper, which takes the DOI", async () => {
    const entry = (doi: string) => `@article{later, title = {Found Again}, author = {Doe, Jane}, year = {2021}, journal = {J}${doi}}`;
    expect(await importFile(t.db, tempFile("before.bib", entry("")))).toMatchObject({ papers: 1, created: 1, errors: 0 });
    const [{ id }] = await t.db.read(`MATCH (p:Paper {title: "Found Again"}) RETURN p.id AS id`);
    expect(id).toMatch(/^import:/);
    expect(await importFile(t.db, tempFile("after.bib", entry(", doi = {10.1000/Later}")))).toMatchObject({ papers: 1, created: 0, merged: 1, conflicts: 0, errors: 0 });
    expect(await t.db.read(`MATCH (p:Paper {title: "Found Again"}) RETURN p.id AS id, p.doi AS doi`)).toEqual([{ id, doi: "10.1000/later" }]);
    const res = await server.query(`{ paper(id: "10.1000/later") { id } }`);
    expect(res.data!.paper).toEqual({ id });
  });

  it("an aan paper and an S2 record of its ACL id are one node; an aan row's paper without metadata is a stub the S2 record of its id fills", async () => {
    // Real aan records: P03-1026 cites C02-2024 and P98-2133, which has no metadata (one of aan's 1,226 such ids).
    const aanLines = gunzipSync(readFileSync(path.join(DATA_DIR, "aan", "papers.jsonl.gz"))).toString("utf8").split("\n");
    const folder = path.join(mkdtempSync(path.join(os.tmpdir(), "import-")), "aan");
    mkdirSync(folder);
    writeFileSync(path.join(folder, "papers.jsonl.gz"), gzipSync(aanLines.filter((l) => /^\{"id": "(P03-1026|C02-2024)"/.test(l)).join("\n") + "\n"));
    writeFileSync(path.join(folder, "citations.tsv.gz"), gzipSync("citing_id\tcited_id\nP03-1026\tC02-2024\nP03-1026\tP98-2133\n"));
    expect(await importFile(t.db, folder)).toMatchObject({ papers: 2, created: 2, citationsCreated: 2, stubs: 1, errors: 0 });

    const s2 = (paperId: string, acl: string, corpusId: number, title: string) =>
      JSON.stringify({ paperId: paperId.repeat(40), externalIds: { ACL: acl, CorpusId: corpusId }, title, year: 2002, authors: [] });
    const report = await importFile(t.db, tempFile("s2.jsonl", [s2("c", "C02-2024", 1, "An Indexing Scheme"), s2("d", "P98-2133", 2, "The Cited Paper")].join("\n")));
    expect(report).toMatchObject({ papers: 2, created: 0, merged: 2, filledStubs: 1, conflicts: 0 });
    const rows = await t.db.read(
      `MATCH (p:Paper) WHERE p.id STARTS WITH "aan:" RETURN p.id AS id, p.aclId AS acl, p.corpusId AS corpus, p.stub AS stub, COUNT { (p)<-[:CITES]-() } AS citedBy ORDER BY id`,
    );
    expect(rows).toEqual([
      { id: "aan:C02-2024", acl: "C02-2024", corpus: "1", stub: false, citedBy: 1 },
      { id: "aan:P03-1026", acl: "P03-1026", corpus: null, stub: false, citedBy: 0 },
      { id: "aan:P98-2133", acl: "P98-2133", corpus: "2", stub: false, citedBy: 1 },
    ]);
    const byAcl = await server.query(`{ paper(id: "acl:C02-2024") { id title } }`);
    expect(byAcl.data!.paper).toEqual({ id: "aan:C02-2024", title: "An Indexing Scheme For Typed Feature Structures" });
  });

  it("concurrent imports of overlapping records make one node per paper", async () => {
    const before = (await t.counts()).papers;
    const a = tempFile("a.json", openAlexWork("W1", "10.1000/shared", "Shared"));
    const b = tempFile("b.bib", `@article{s, title = {Shared}, author = {Doe, Jane}, year = {2019}, doi = {10.1000/SHARED}}`);
    const c = tempFile("c.json", JSON.stringify({ paperId: "a".repeat(40), externalIds: { DOI: "10.1000/Shared", CorpusId: 7 }, title: "Shared", authors: [] }));
    const reports = await Promise.all([a, b, c, a, b, c].map((f) => importFile(t.db, f)));
    expect(reports.every((r) => r.errors === 0)).toBe(true);
    expect(sum(reports, "created")).toBe(1);
    expect((await t.counts()).papers).toBe(before + 1);
    const [row] = await t.db.read(`MATCH (p:Paper {doi: "10.1000/shared"}) RETURN p.id AS id, p.openalexId AS w, p.s2Id AS s2, p.corpusId AS corpus`);
    expect(row).toEqual({ id: "doi:10.1000/shared", w: "W1", s2: "a".repeat(40), corpus: "7" });
  });

  const IMPORT = `mutation($content: String!, $format: ImportFormat) { importPapers(content: $content, format: $format) {
    file format papers created merged stubs citations citationsCreated errors problems { file location message } } }`;

  it("importPapers: a curator's BibTeX text goes through the same importer and answers with its report", async () => {
    const before = (await t.counts()).papers;
    const content = `@article{a, title = {Sent Through The API}, author = {Doe, Jane}, year = {2020}, doi = {10.1000/API}}
@article{broken, title = {Unclosed
@article{b, title = {Deep Residual Learning}, author = {He, Kaiming}, year = {2015}, eprint = {1512.03385}}`;
    for (const headers of [{}, await asContributor()]) {
      const refused = await server.query(IMPORT, { content }, headers);
      expect(refused.errors?.[0].extensions?.code).toMatch(/^(UNAUTHENTICATED|FORBIDDEN)$/);
    }
    expect((await t.counts()).papers).toBe(before);
    const res = await server.query(IMPORT, { content }, await asCurator());
    expect(res.errors).toBeUndefined();
    expect(res.data!.importPapers).toMatchObject({ file: "content", format: "BIBTEX", created: 1, merged: 1, errors: 1 });
    expect(res.data!.importPapers.problems[0]).toMatchObject({ file: "content" });
    expect(res.data!.importPapers.problems[0].message).not.toContain("/tmp");
    expect((await t.counts()).papers).toBe(before + 1);
    const found = await server.query(`{ paper(id: "https://doi.org/10.1000/api") { id title stub } }`);
    expect(found.data!.paper).toEqual({ id: "doi:10.1000/api", title: "Sent Through The API", stub: false });
  });

  it("importPapers refuses content in no known format, or too much of it, as BAD_USER_INPUT, and changes nothing", async () => {
    const counts = await t.counts();
    const curator = await asCurator();
    for (const content of ["just some notes", "x".repeat(500_001), ""]) {
      const res = await server.query(IMPORT, { content }, curator);
      expect(res.status).toBeLessThan(500);
      expect(res.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    }
    const notes = await server.query(IMPORT, { content: "just some notes" }, curator);
    expect(notes.errors![0].message).toMatch(/^content: .*OpenAlex.*BibTeX.*CSL-JSON/);
    const forced = await server.query(IMPORT, { content: "@article{a, title = {T}, year = {2020}}", format: "OPENALEX" }, curator);
    expect(forced.errors).toBeUndefined();
    expect(forced.data!.importPapers).toMatchObject({ papers: 0, created: 0, errors: 1 });
    expect(await t.counts()).toEqual(counts);
  });
});
