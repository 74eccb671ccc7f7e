// Format detection from content, the format override, refusals, and malformed records that do not stop a file.
import { copyFileSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { detectFormat, ImportFormatError, readImportItems } from "../../src/ingest/formats";
import { FIXTURES, FORMAT_SAMPLES, readItems, scratchFile } from "../helpers/import-items";

const OPENALEX_PAGE = path.join(FORMAT_SAMPLES, "openalex-snowball", "keypaper_json__results_page_1.json");
const S2_PAPER_GZ = path.join(FORMAT_SAMPLES, "s2-graph-api-paper", "Paper.json.gz");
const S2AG_PAPERS = path.join(FORMAT_SAMPLES, "s2ag-samples", "papers__papers-sample.jsonl");
const S2AG_CITATIONS = path.join(FORMAT_SAMPLES, "s2ag-samples", "citations__citations-sample.jsonl");
const BIBTEX = path.join(FORMAT_SAMPLES, "bibtex-zotero", "My Library.bib");
const CSL = path.join(FIXTURES, "zotero-export.csl.json");

const s2Paper = (paperId: string, title: string) => ({ paperId, externalIds: { CorpusId: 1 }, title, year: 2020, authors: [{ authorId: "1", name: "A. Author" }] });
const hex = (c: string) => c.repeat(40);

describe("format detection", () => {
  it.each([
    [OPENALEX_PAGE, "openalex"],
    [S2_PAPER_GZ, "s2-graph"],
    [S2AG_PAPERS, "s2ag"],
    [S2AG_CITATIONS, "s2ag"],
    [BIBTEX, "bibtex"],
    [CSL, "csl-json"],
  ])("%s is %s", async (file, format) => {
    expect(await detectFormat(file)).toBe(format);
  });

  it("looks at the content, not the name: a gzipped BibTeX file called .json, a JSON Lines file called .bib", async () => {
    const bib = scratchFile(readFileSync(BIBTEX, "utf8"), { gzip: true, name: "works.json" });
    expect(await detectFormat(bib)).toBe("bibtex");
    const jsonl = scratchFile(readFileSync(S2AG_PAPERS, "utf8"), { name: "library.bib" });
    expect(await detectFormat(jsonl)).toBe("s2ag");
  });

  it("reads an OpenAlex snapshot as JSON Lines, a bare array, and a pretty-printed page", async () => {
    const works: unknown[] = JSON.parse(readFileSync(path.join(FORMAT_SAMPLES, "openalex-snowball", "citing_json__results_page_1.json"), "utf8")).results;
    const asLines = await readItems(scratchFile(works.map((w) => JSON.stringify(w)).join("\n") + "\n", { gzip: true }));
    const asArray = await readItems(scratchFile(JSON.stringify(works)));
    const pretty = await readItems(scratchFile(JSON.stringify({ meta: { count: 3 }, results: works }, null, 2)));
    for (const read of [asLines, asArray, pretty]) {
      expect(read.format).toBe("openalex");
      expect(read.papers).toHaveLength(3);
    }
    expect(asLines.papers.map((p) => p.location)).toEqual(["line 1", "line 2", "line 3"]);
    expect(asArray.papers.map((p) => p.location)).toEqual(["[0]", "[1]", "[2]"]);
    expect(pretty.papers.map((p) => p.location)).toEqual(["results[0]", "results[1]", "results[2]"]);
    expect(asLines.papers.map((p) => p.paper)).toEqual(pretty.papers.map((p) => p.paper));
  });

  it("reads Graph API papers as an array, as JSON Lines and as a search page {total, offset, data}", async () => {
    const papers = [s2Paper(hex("a"), "First"), s2Paper(hex("b"), "Second")];
    for (const content of [JSON.stringify(papers), papers.map((p) => JSON.stringify(p)).join("\n"), JSON.stringify({ total: 2, offset: 0, data: papers })]) {
      const read = await readItems(scratchFile(content));
      expect([read.format, read.papers.map((p) => p.paper.title)]).toEqual(["s2-graph", ["First", "Second"]]);
    }
  });

  it("refuses a file in no known format with a sentence naming the formats", async () => {
    const csv = scratchFile("citing_id,cited_id\n1,2\n");
    await expect(detectFormat(csv)).rejects.toThrow(ImportFormatError);
    await expect(detectFormat(csv)).rejects.toThrow(
      /is in no format the importer knows; the importer reads OpenAlex works .*, Semantic Scholar Graph API papers .*, Semantic Scholar S2AG .*, BibTeX, CSL-JSON .* and a dataset folder \(papers\.jsonl\.gz and citations\.tsv\.gz\), gzipped or not$/,
    );
    const otherJson = scratchFile(JSON.stringify([{ name: "a", value: 1 }]));
    await expect(detectFormat(otherJson)).rejects.toThrow(/has a first record \(\[0\]\) in no format the importer knows; the importer reads/);
    await expect(detectFormat(scratchFile(""))).rejects.toThrow(ImportFormatError);
  });

  it("takes a format override, and refuses a dataset folder of unknown name", async () => {
    const ambiguous = scratchFile(JSON.stringify([{ id: "x1", type: "article", title: "Only a title" }]));
    await expect(detectFormat(ambiguous)).resolves.toBe("csl-json");
    const asOpenAlex = await readItems(ambiguous, { format: "openalex" });
    expect(asOpenAlex.format).toBe("openalex");
    expect(asOpenAlex.errors.map((e) => e.message)).toEqual(['no OpenAlex id (id is "x1")']);

    const folder = path.join(path.dirname(scratchFile("")), "my-corpus");
    mkdirSync(folder);
    copyFileSync(path.join(FORMAT_SAMPLES, "..", "cora-lda", "papers.jsonl.gz"), path.join(folder, "papers.jsonl.gz"));
    await expect(detectFormat(folder)).rejects.toThrow(/my-corpus: unknown dataset "my-corpus"; known: hepth, aan, cora-lda, citeseer-tape/);
    await expect(readItems(BIBTEX, { format: "dataset" })).rejects.toThrow(/is a file; the dataset format is a folder/);
  });
});

describe("malformed records", () => {
  it("reports a truncated JSON line with its line number and goes on", async () => {
    const lines = readFileSync(S2AG_PAPERS, "utf8").split("\n").slice(0, 5);
    lines[2] = lines[2].slice(0, 80); // truncated mid-record
    const read = await readItems(scratchFile(lines.join("\n")));
    expect(read.papers.map((p) => p.location)).toEqual(["line 1", "line 2", "line 4", "line 5"]);
    expect(read.errors).toHaveLength(1);
    expect(read.errors[0]).toMatchObject({ location: "line 3", message: expect.stringMatching(/^not valid JSON: /) });
    expect(read.errors[0].file).toMatch(/upload\.dat$/);
  });

  it("reads on when the first line itself is truncated", async () => {
    const lines = readFileSync(S2AG_CITATIONS, "utf8").split("\n").slice(0, 4);
    lines[0] = lines[0].slice(0, 30);
    const read = await readItems(scratchFile(lines.join("\n")), { format: "s2ag" });
    expect(read.errors.map((e) => e.location)).toEqual(["line 1"]);
    expect(read.citations.length + read.skipped.length).toBe(3);
  });

  it("reports a record of the right format with the wrong shape, and the next record is read", async () => {
    const content = [
      JSON.stringify(s2Paper(hex("a"), "Good")),
      JSON.stringify("a string"),
      JSON.stringify({ paperId: null, externalIds: null, title: "No ids" }),
      JSON.stringify({ ...s2Paper(hex("c"), "Nested oddities"), citations: [null, { paperId: null, title: "Unresolved" }] }),
      JSON.stringify(s2Paper(hex("d"), "Last")),
    ].join("\n");
    const read = await readItems(scratchFile(content));
    expect(read.papers.map((p) => p.paper.title)).toEqual(["Good", "Nested oddities", "Last"]);
    expect(read.errors.map((e) => [e.location, e.message])).toEqual([
      ["line 2", "the paper is string, not an object"],
      ["line 3", "a paper without paperId, corpusId or externalIds"],
      ["line 4 citations[0]", "a nested paper is null, not an object"],
    ]);
    expect(read.skipped.map((s) => [s.location, s.message])).toEqual([["line 4 citations[1]", 'citing work without an id: "Unresolved"']]);
  });

  it("reports a broken BibTeX entry by key and line, and keeps the entries around it", async () => {
    const bib = [
      "@string{aap = {Astronomy and Astrophysics}}",
      "@article{good1, title = {First}, author = {Sch{\\\"o}neberg, Nils}, journal = aap, year = 2021, month = mar}",
      "@article{broken, title = {Unclosed brace, author = {X}, year = 2020",
      "}",
      "@misc{after, title = {After the broken one}, date = {2019-05-03}, eprint = {hep-th/9901001v2}, archivePrefix = {arXiv}}",
    ].join("\n");
    const read = await readItems(scratchFile(bib));
    expect(read.format).toBe("bibtex");
    expect(read.errors).toHaveLength(1);
    expect(read.errors[0].location).toBe("@broken (line 3)");
    expect(read.papers.map((p) => p.location)).toEqual(["@good1 (line 2)", "@after (line 5)"]);
    expect(read.papers[0].paper).toEqual({ ids: {}, title: "First", year: 2021, month: 3, venue: "Astronomy and Astrophysics", authors: ["Nils Schöneberg"] });
    expect(read.papers[1].paper).toMatchObject({ ids: { arxiv: "hep-th/9901001" }, year: 2019, month: 5, day: 3 });
  });

  it("reports a dataset row that is not two ids", async () => {
    const folder = path.join(path.dirname(scratchFile("")), "cora-lda");
    mkdirSync(folder);
    copyFileSync(path.join(FORMAT_SAMPLES, "..", "cora-lda", "papers.jsonl.gz"), path.join(folder, "papers.jsonl.gz"));
    require("node:fs").writeFileSync(path.join(folder, "citations.tsv.gz"), gzipSync("citing_id\tcited_id\n1\t2\n3\n4\t5\n"));
    const read = await readItems(folder);
    expect(read.citations.map((c) => c.location)).toEqual(["line 2", "line 4"]);
    expect(read.errors).toEqual([{ kind: "error", file: path.join(folder, "citations.tsv.gz"), location: "line 3", message: "expected 2 tab-separated ids, got 1" }]);
  });
});

describe("record edge cases", () => {
  it("reads an older OpenAlex work: host_venue for the venue, ids as URLs", async () => {
    const old = {
      id: "https://openalex.org/W2741809807",
      doi: "https://doi.org/10.7717/PEERJ.4375",
      title: "The state of OA",
      publication_year: 2018,
      publication_date: "2018-02-13",
      ids: { openalex: "https://openalex.org/W2741809807", pmid: "https://pubmed.ncbi.nlm.nih.gov/29456894", mag: "2741809807" },
      host_venue: { id: "https://openalex.org/V1983995261", display_name: "PeerJ", url: "https://doi.org/10.7717/peerj.4375" },
      authorships: [{ author: { display_name: "Heather Piwowar" } }, { author: {}, raw_author_name: "Jason Priem" }],
      abstract_inverted_index: { Despite: [0], growing: [1], interest: [2], "Open": [4], in: [3] },
      referenced_works: ["https://openalex.org/W1", "not-an-id"],
      related_works: ["https://openalex.org/W2"],
    };
    const read = await readItems(scratchFile(JSON.stringify(old)));
    expect(read.papers[0].paper).toEqual({
      ids: { openalex: "W2741809807", doi: "10.7717/peerj.4375", mag: "2741809807", pubmed: "29456894" },
      title: "The state of OA",
      abstract: "Despite growing interest in Open",
      year: 2018,
      month: 2,
      day: 13,
      venue: "PeerJ",
      url: "https://doi.org/10.7717/peerj.4375",
      authors: ["Heather Piwowar", "Jason Priem"],
      references: [{ openalex: "W1" }],
    });
    expect(read.skipped.map((s) => s.message)).toEqual(['reference "not-an-id" is not an OpenAlex work id']);
  });

  it("reads S2AG ids given as integers or strings, and an S2AG line of another dataset as an error", async () => {
    const content = [
      JSON.stringify({ citingcorpusid: 20187272, citedcorpusid: "85219962" }),
      JSON.stringify({ citingcorpusid: "1", citedcorpusid: null }),
      JSON.stringify({ corpusid: 5, abstract: "An abstracts-dataset line", openaccessinfo: null }),
    ].join("\n");
    const read = await readItems(scratchFile(content));
    expect(read.citations.map((c) => c.citation)).toEqual([{ from: { corpusId: "20187272" }, to: { corpusId: "85219962" } }]);
    expect(read.skipped.map((s) => s.message)).toEqual(["cited work not matched to an S2 paper (corpus id null)"]);
    expect(read.errors.map((e) => e.location)).toEqual(["line 3"]);
  });

  it("yields items lazily: a consumer that stops early does not read the rest", async () => {
    const seen = [];
    for await (const item of readImportItems(S2_PAPER_GZ)) {
      seen.push(item);
      if (seen.length === 3) break;
    }
    expect(seen.map((i) => i.kind)).toEqual(["paper", "paper", "paper"]);
  });
});
