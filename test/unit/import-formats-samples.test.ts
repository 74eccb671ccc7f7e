// The real samples of ../shared/data/formats read through the formats layer, checked against the counts their
// SOURCE.md files state (counted there with python3, independently of this code).
import { readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { openImportFile, type ImportItem, type ImportPaper } from "../../src/ingest/formats";
import { s2GraphItems } from "../../src/ingest/formats/semantic-scholar";
import { planPapers } from "../../src/ingest/identity-plan";
import { DATA_DIR } from "../helpers/datasets";
import { FIXTURES, FORMAT_SAMPLES, idCoverage, readItems, ReadItems, readPapers, scratchFile } from "../helpers/import-items";

const sample = (...parts: string[]) => path.join(FORMAT_SAMPLES, ...parts);
const unique = (values: (string | undefined)[]) => new Set(values.filter((v) => v !== undefined)).size;

describe("OpenAlex snowball sample (three /works pages and their empty second pages)", () => {
  const pages = ["keypaper", "cited", "citing"] as const;
  const read: Record<string, ReadItems> = {};
  let works: ImportPaper[];

  beforeAll(async () => {
    for (const p of pages) read[p] = await readItems(sample("openalex-snowball", `${p}_json__results_page_1.json`));
    works = pages.flatMap((p) => read[p].papers.map((i) => i.paper));
  });

  it("reads 2 + 41 + 3 = 46 works with unique ids, and nothing else", () => {
    expect(pages.map((p) => [read[p].format, read[p].papers.length])).toEqual([
      ["openalex", 2],
      ["openalex", 41],
      ["openalex", 3],
    ]);
    expect(unique(works.map((w) => w.ids.openalex))).toBe(46);
    for (const p of pages) expect([...read[p].errors, ...read[p].skipped, ...read[p].citations]).toEqual([]);
  });

  it.each(pages)("detects the empty final page %s page 2 as OpenAlex with no works", async (p) => {
    const page2 = await readItems(sample("openalex-snowball", `${p}_json__results_page_2.json`));
    expect([page2.format, page2.papers.length, page2.errors.length]).toEqual(["openalex", 0, 0]);
  });

  it("has the id coverage of SOURCE.md: openalex 46, mag 43, doi 34, pmid 6, pmcid 4", () => {
    expect(idCoverage(works)).toMatchObject({ openalex: 46, mag: 43, doi: 34, pubmed: 6, pmcid: 4 });
    // SOURCE.md: no arXiv ids in `ids`; 9 works have an arxiv.org location (two of them an arXiv DOI).
    expect(idCoverage(works).arxiv).toBe(9);
  });

  it("keeps the null title (1) and rebuilds the abstracts that are not null (46 - 11 = 35)", () => {
    expect(works.filter((w) => w.title === null)).toHaveLength(1);
    expect(works.filter((w) => w.abstract !== undefined)).toHaveLength(35);
  });

  it("takes referenced_works as references: 1,295, of which 81 inside the set (42 + 36 + 3); related_works are not references", () => {
    expect(works.reduce((n, w) => n + (w.references?.length ?? 0), 0)).toBe(1295);
    const ids = (p: string) => new Set(read[p].papers.map((i) => i.paper.ids.openalex));
    const edgesInto = (from: string, to: string) =>
      read[from].papers.reduce((n, i) => n + (i.paper.references ?? []).filter((r) => ids(to).has(r.openalex)).length, 0);
    expect([edgesInto("keypaper", "cited"), edgesInto("cited", "cited"), edgesInto("citing", "keypaper")]).toEqual([42, 36, 3]);
    const all = new Set(works.map((w) => w.ids.openalex));
    expect(works.reduce((n, w) => n + (w.references ?? []).filter((r) => all.has(r.openalex)).length, 0)).toBe(81);

    const raw = JSON.parse(readFileSync(sample("openalex-snowball", "keypaper_json__results_page_1.json"), "utf8")).results[0];
    const key = read.keypaper.papers[0].paper;
    expect(key.references).toHaveLength(raw.referenced_works_count);
    expect(key.references!.map((r) => r.openalex)).not.toContain(raw.related_works[0].replace("https://openalex.org/", ""));
  });

  it("maps the key paper W3046863325 field by field", () => {
    const key = read.keypaper.papers.find((i) => i.paper.ids.openalex === "W3046863325")!;
    expect(key.location).toBe("results[0]");
    expect(key.paper).toMatchObject({
      ids: { openalex: "W3046863325", doi: "10.1145/3383583.3398584", mag: "3046863325" },
      title: "Trends of Publications' Citations and Altmetrics Based on Open Access Types",
      year: 2020,
      month: 8,
      day: 1,
      url: "https://doi.org/10.1145/3383583.3398584",
    });
    expect(key.paper.authors[0]).toBe("Chifumi Nishioka");
    expect(key.paper.abstract).toMatch(/^This paper analyzes trends of citation and altmetrics with respect to different OA types \(e\.g\., gold,/);
  });
});

describe("Semantic Scholar Graph API paper (gzipped, one root with 1,000 citations and 14 references)", () => {
  let read: ReadItems;
  const root = () => read.papers[0].paper;

  beforeAll(async () => {
    read = await readItems(sample("s2-graph-api-paper", "Paper.json.gz"));
  });

  it("reads the root, 1,000 citing and 8 cited papers: 1,009 unique paperIds", () => {
    expect(read.format).toBe("s2-graph");
    expect(read.papers).toHaveLength(1009);
    expect(unique(read.papers.map((i) => i.paper.ids.s2))).toBe(1009);
    expect(read.papers.filter((i) => i.location.startsWith("citations["))).toHaveLength(1000);
    expect(read.papers.filter((i) => i.location.startsWith("references["))).toHaveLength(8);
    expect(read.errors).toEqual([]);
  });

  it("skips the 6 references without paperId or corpusId, naming them", () => {
    expect(read.skipped).toHaveLength(6);
    expect(read.skipped.map((s) => s.message)).toContain('cited work without an id: "London Math. Soc"');
  });

  it("turns the nesting into edges: 1,000 citations into the root, 8 references out of it", () => {
    expect(read.citations).toHaveLength(1000);
    expect(read.citations.every((c) => c.citation.to.s2 === root().ids.s2)).toBe(true);
    expect(root().references).toHaveLength(8);
    const citing = new Set(read.citations.map((c) => c.citation.from.s2));
    expect(root().references!.filter((r) => citing.has(r.s2))).toEqual([]);
    // nested papers carry no reference lists of their own
    expect(read.papers.slice(1).filter((i) => i.paper.references !== undefined)).toEqual([]);
  });

  it("has the externalIds coverage of SOURCE.md over all objects with an id", () => {
    expect(idCoverage(read.papers.map((i) => i.paper))).toEqual({
      s2: 1009,
      corpusId: 1009,
      doi: 981,
      dblp: 389,
      arxiv: 243,
      pubmed: 220,
      pmcid: 137,
      acl: 12,
      mag: 9,
    });
  });

  it("keeps 774 citing abstracts (226 of 1,000 are null or empty) and 2 empty author lists among papers with ids", () => {
    expect(read.papers.filter((i) => i.location.startsWith("citations[") && i.paper.abstract)).toHaveLength(774);
    expect(read.papers.filter((i) => i.paper.authors.length === 0)).toHaveLength(2);
  });

  it("maps the root (Turing 1950) with a lower-cased DOI and the corpus id as a string", () => {
    expect(root()).toMatchObject({
      ids: {
        s2: "2d5673caa9e6af3a7b82a43f19ee920992db07ad",
        corpusId: "14636783",
        doi: "10.1093/mind/lix.236.433",
        dblp: "journals/x/Turing50",
        mag: "2145482038",
      },
      title: "Computing Machinery and Intelligence",
      year: 1950,
      month: 10,
      day: 1,
      authors: ["A. Turing"],
    });
    expect(read.papers.slice(0, 2).map((i) => i.location)).toEqual(["document", "citations[0]"]);
  });
});

describe("S2AG dataset samples (papers and citations, independent random samples)", () => {
  let papers: ReadItems;
  let citations: ReadItems;

  beforeAll(async () => {
    papers = await readItems(sample("s2ag-samples", "papers__papers-sample.jsonl"));
    citations = await readItems(sample("s2ag-samples", "citations__citations-sample.jsonl"));
  });

  it("reads 100 papers with 100 unique corpus ids: CorpusId 100, MAG 98, DOI 20, ArXiv 0", () => {
    expect(papers.format).toBe("s2ag");
    expect(papers.papers).toHaveLength(100);
    expect(unique(papers.papers.map((i) => i.paper.ids.corpusId))).toBe(100);
    // s2: the paperId at the end of each line's url
    expect(idCoverage(papers.papers.map((i) => i.paper))).toEqual({ corpusId: 100, s2: 100, mag: 98, doi: 20 });
    expect(papers.errors).toEqual([]);
  });

  it("keeps missing years (3) missing, empty venues absent and the 52 non-ASCII titles as they are", () => {
    const ps = papers.papers.map((i) => i.paper);
    expect(ps.filter((p) => p.year === undefined)).toHaveLength(3);
    expect(ps.filter((p) => p.venue === "")).toEqual([]);
    expect(ps.filter((p) => /[^\x00-\x7f]/.test(p.title ?? ""))).toHaveLength(52);
    expect(ps[1].title).toBe("El paraíso republicano de la tolerancia religiosa: Los Países Bajos en el siglo XVII");
  });

  it("reads the citations file as 77 edges and 23 skipped rows (citedcorpusid null), no duplicate pairs", () => {
    expect(citations.format).toBe("s2ag");
    expect(citations.citations).toHaveLength(77);
    expect(citations.skipped).toHaveLength(23);
    expect(citations.papers).toEqual([]);
    expect(unique(citations.citations.map((c) => `${c.citation.from.corpusId}>${c.citation.to.corpusId}`))).toBe(77);
    expect(citations.citations[0]).toMatchObject({ location: "line 1", citation: { from: { corpusId: "20187272" }, to: { corpusId: "85219962" } } });
  });

  it("shares no corpus id between the two samples (SOURCE.md: 0 internal edges)", () => {
    const ids = new Set(papers.papers.map((i) => i.paper.ids.corpusId));
    expect(citations.citations.filter((c) => ids.has(c.citation.from.corpusId) || ids.has(c.citation.to.corpusId))).toEqual([]);
  });
});

describe("BibTeX: a Better BibTeX auto-export of a Zotero library", () => {
  let read: ReadItems;
  const entry = (key: string) => read.papers.find((i) => i.location.startsWith(`@${key} `))!.paper;
  const bibEntry = (key: string) => `@${readFileSync(sample("bibtex-zotero", "My Library.bib"), "utf8").split("\n@").find((e) => e.includes(`{${key},`))}`;

  beforeAll(async () => {
    read = await readItems(sample("bibtex-zotero", "My Library.bib"));
  });

  it("reads 524 entries, one per key, with no errors", () => {
    expect(read.format).toBe("bibtex");
    expect(read.papers).toHaveLength(524);
    expect(unique(read.papers.map((i) => i.location.split(" ")[0]))).toBe(524);
    expect(read.errors).toEqual([]);
    expect(read.papers[0].location).toBe("@abdalla2022 (line 1)");
  });

  it("has doi 383, and an arXiv id for 154 of the 172 entries with an arXiv signal", () => {
    const papers = read.papers.map((i) => i.paper);
    expect(idCoverage(papers)).toEqual({ doi: 383, arxiv: 154 });
    // 89 arXiv DOIs, each giving its arXiv id
    const arxivDois = papers.filter((p) => p.ids.doi?.startsWith("10.48550/arxiv."));
    expect(arxivDois).toHaveLength(89);
    expect(arxivDois.every((p) => p.ids.doi === `10.48550/arxiv.${p.ids.arxiv!.toLowerCase()}`)).toBe(true);
    // eprint 108: 107 arXiv, 1 handle (eprinttype = {hdl}) that is not an arXiv id
    expect(entry("janish2012").ids.arxiv).toBeUndefined();
  });

  it("finds the duplicates SOURCE.md lists", () => {
    expect(entry("hildebrandt2021").ids.doi).toBe("10.1051/0004-6361/202039018");
    expect(entry("hildebrandt2021a").ids.doi).toBe("10.1051/0004-6361/202039018");
    expect(entry("szalai-gindl2018").ids.doi).toBe(entry("szalai-gindl2018a").ids.doi);
    expect(entry("szalai-gindl2018").ids.doi).toBe("10.1016/j.ascom.2018.10.004");
    expect([entry("gemici2016").ids.arxiv, entry("gemici2016a").ids.arxiv]).toEqual(["1611.02304", "1611.02304"]);
    const dois = read.papers.map((i) => i.paper.ids.doi).filter((d) => d !== undefined);
    expect(dois.length - new Set(dois).size).toBe(2);
  });

  it("leaves the 3 year-less entries without a year, and reads the 461 month macros as numbers", () => {
    expect(read.papers.filter((i) => i.paper.year === undefined).map((i) => i.location.split(" ")[0])).toEqual(["@belloni", "@boonekyle", "@sinai"]);
    const months = read.papers.map((i) => i.paper.month).filter((m) => m !== undefined);
    expect(months).toHaveLength(461);
    expect(months.every((m) => m! >= 1 && m! <= 12)).toBe(true);
    expect(entry("hildebrandt2021")).toMatchObject({ year: 2021, month: 3 });
  });

  it("turns LaTeX accents into Unicode and drops case-protecting braces", () => {
    const authors = entry("abdalla2022").authors;
    // composed (NFC): the parser writes {\'a} as a + U+0301, which would not match "Abellán" from another source
    expect(authors).toEqual(expect.arrayContaining(["Guillermo Franco Abellán", "Özgür Akarsu", "François R. Bouchet", "Radosław Wojtak", "Eoin Ó Colgáin"]));
    expect(authors.length).toBeGreaterThan(200);
    // No braces or TeX accents are left, except in the entries where Zotero itself holds TeX source, which Better
    // BibTeX escaped as {\textbackslash}'a: there `Fern\'andez` is the field's real content.
    const literalTex = new Set(
      readFileSync(sample("bibtex-zotero", "My Library.bib"), "utf8")
        .split("\n@")
        .filter((e) => e.includes("{\\textbackslash}"))
        .map((e) => e.slice(e.indexOf("{") + 1, e.indexOf(","))),
    );
    const leftOver = read.papers.filter((i) => [i.paper.title ?? "", ...i.paper.authors].some((t) => /[{}]|\\['"`^~cv]/.test(t)));
    expect(leftOver.length).toBeGreaterThan(0);
    expect(leftOver.map((i) => i.location.split(" ")[0].slice(1)).filter((key) => !literalTex.has(key))).toEqual([]);
    expect(entry("dask").authors).toEqual(["Dask Development Team"]); // braced: one corporate name, not "Team, Dask Development"
    expect(entry("hildebrandt2021").authors).toContain("J. L. van den Busch");
  });

  it.each(["others", "Others"])("reads `and %s` (et al.) as the end of the list, not as an author", async (others) => {
    // The library has no truncated list; a real entry of it is given the ending Google Scholar and ADS exports write.
    const huterer = bibEntry("huterer2018").replace("Shafer, Daniel L.}", `Shafer, Daniel L. and ${others}}`);
    expect(huterer).toContain(` and ${others}}`);
    const edited = await readItems(scratchFile(huterer));
    expect(edited.papers.map((i) => i.paper.authors)).toEqual([["Dragan Huterer", "Daniel L. Shafer"]]);
  });

  it("keeps urls (492) and venues from journal or booktitle", () => {
    expect(read.papers.filter((i) => i.paper.url !== undefined)).toHaveLength(492);
    expect(entry("hildebrandt2021").venue).toBe("Astronomy and Astrophysics");
  });
});

describe("CSL-JSON: a hand-written Zotero-style export (test/fixtures/formats)", () => {
  let read: ReadItems;
  const item = (title: string) => read.papers.find((i) => i.paper.title === title)!.paper;

  beforeAll(async () => {
    read = await readItems(path.join(FIXTURES, "zotero-export.csl.json"));
  });

  it("reads the 8 items", () => {
    expect(read.format).toBe("csl-json");
    expect(read.papers.map((i) => i.location)).toEqual(["[0]", "[1]", "[2]", "[3]", "[4]", "[5]", "[6]", "[7]"]);
    expect(read.errors).toEqual([]);
  });

  it("reads dates at year, month and day precision, numbers or strings, and none", () => {
    const date = (t: string) => {
      const { year, month, day } = item(t);
      return [year, month, day];
    };
    expect(date("Deep learning")).toEqual([2015, 5, 28]);
    expect(date("Deep Residual Learning for Image Recognition")).toEqual([2015, 12, 10]);
    expect(date("Planck 2018 results. VI. Cosmological parameters")).toEqual([2020, 9, undefined]);
    expect(date("Attention is All you Need")).toEqual([2017, undefined, undefined]);
    expect(date("Training Recurrent Neural Networks")).toEqual([2013, undefined, undefined]);
    expect(date("PyTorch documentation")).toEqual([undefined, undefined, undefined]);
  });

  it("reads family/given, particles and literal authors", () => {
    expect(item("Deep learning").authors).toEqual(["Yann LeCun", "Yoshua Bengio", "Geoffrey Hinton"]);
    expect(item("Visualizing Data using t-SNE").authors).toEqual(["Laurens van der Maaten", "Geoffrey Hinton"]);
    expect(item("Planck 2018 results. VI. Cosmological parameters").authors).toEqual(["Planck Collaboration"]);
    expect(item("Attention is All you Need").authors).toContain("Łukasz Kaiser");
  });

  it("normalises DOI, URL, PMID and PMCID into ids", () => {
    expect(item("Deep learning").ids).toEqual({ doi: "10.1038/nature14539" });
    expect(item("Deep Residual Learning for Image Recognition").ids).toEqual({ doi: "10.48550/arxiv.1512.03385", arxiv: "1512.03385" });
    expect(item("Planck 2018 results. VI. Cosmological parameters").ids).toEqual({ doi: "10.1051/0004-6361/201833910" });
    expect(item("Highly accurate protein structure prediction with AlphaFold").ids).toEqual({
      doi: "10.1038/s41586-021-03819-2",
      pubmed: "34265844",
      pmcid: "PMC8371605",
    });
    expect(item("Visualizing Data using t-SNE")).toMatchObject({ ids: {}, url: "http://jmlr.org/papers/v9/vandermaaten08a.html", venue: "Journal of Machine Learning Research" });
  });
});

describe("dataset folders (the project's own format) behind the same interface", () => {
  it("reads cora-lda through datasets.ts: 2,410 papers and 4,356 citation rows, ids namespaced", async () => {
    const read = await readItems(path.join(DATA_DIR, "cora-lda"));
    expect(read.format).toBe("dataset");
    expect(read.papers).toHaveLength(2410);
    expect(read.citations).toHaveLength(4356);
    expect(read.errors).toEqual([]);
    expect(read.papers[0].paper.ids.datasetId).toMatch(/^cora-lda:\d+$/);
    expect(read.citations[0]).toMatchObject({ location: "line 2" });
    const ids = new Set(read.papers.map((i) => i.paper.ids.datasetId));
    expect(read.citations.filter((c) => !ids.has(c.citation.from.datasetId) || !ids.has(c.citation.to.datasetId))).toEqual([]);
  });

  it("gives aan's papers and citation rows their ACL Anthology id, so an S2 record with that ACL id is the same paper", async () => {
    const read = await readItems(path.join(DATA_DIR, "aan"));
    expect([read.papers.length, read.citations.length, read.errors]).toEqual([18041, 94973, []]);
    expect(read.papers.filter((i) => i.paper.ids.acl === undefined || i.paper.ids.datasetId !== `aan:${i.paper.ids.acl}`)).toEqual([]);
    expect(read.papers.find((i) => i.paper.ids.acl === "J79-1032b")).toBeDefined();
    expect(read.citations[0].citation).toEqual({ from: { datasetId: "aan:C08-3004", acl: "C08-3004" }, to: { datasetId: "aan:A00-1002", acl: "A00-1002" } });

    // The Graph API sample's first nested paper with an ACL id, given D10-1001's.
    const root = JSON.parse(gunzipSync(readFileSync(sample("s2-graph-api-paper", "Paper.json.gz"))).toString("utf8"));
    const cited = root.citations.map((c: { citingPaper?: unknown }) => c.citingPaper ?? c).find((p: { externalIds?: { ACL?: string } }) => p.externalIds?.ACL);
    const [s2] = [...s2GraphItems({ ...cited, externalIds: { ...cited.externalIds, ACL: "D10-1001" } }, { file: "s2.json", location: "document" })];
    const aan = read.papers[0].paper;
    expect([aan.ids.acl, s2.kind === "paper" && s2.paper.ids.acl]).toEqual(["D10-1001", "D10-1001"]);
    const plan = planPapers([aan, (s2 as Extract<ImportItem, { kind: "paper" }>).paper], new Map());
    expect(plan).toMatchObject({ created: 1, merged: 1, targets: ["aan:D10-1001", "aan:D10-1001"] });
    expect(plan.papers[0].identifiers).toMatchObject({ aclId: "D10-1001", corpusId: expect.any(String) });
  });

  it("gives aan's \"Family, Given\" names as \"Given Family\", as every other source has them", async () => {
    const papers = new Map((await readPapers(path.join(DATA_DIR, "aan"))).map((p) => [p.ids.acl, p]));
    expect(papers.get("D10-1001")!.authors).toEqual(["Alexander M. Rush", "David Sontag", "Michael John Collins", "Tommi Jaakkola"]);
    expect(papers.get("H92-1092")!.authors).toEqual(["Charles R. Jankowski Jr.", "Richard P. Lippmann"]);
    expect(papers.get("M91-1008")!.authors).toEqual(["Charles T. Taylor II"]); // BibTeX's "Family, Jr., Given"
    const names = new Set([...papers.values()].flatMap((p) => p.authors));
    expect([...names].filter((n) => n.includes(","))).toEqual([]);
    // SOURCE.md counts 13,939 distinct strings; "Teh, Yee Whye" and "Whye Teh, Yee" are one name.
    expect(names.size).toBe(13_938);
  });

  it("decodes the TeX accents of hepth's names as the BibTeX parser does, leaving only the 6 it cannot read", async () => {
    const papers = new Map((await readPapers(path.join(DATA_DIR, "hepth"))).map((p) => [p.ids.datasetId, p]));
    expect(papers.get("hepth:9202051")!.authors).toEqual(["P. Berglund", "B.R. Greene", "T. Hübsch"]); // T.~H\"ubsch
    expect(papers.get("hepth:9205060")!.authors).toEqual(["M. Cvetič", "R. L. Davis"]); // M. Cveti\v c
    expect(papers.get("hepth:9204065")!.authors).toEqual(["Joaquim Gomis", "Jordi París"]); // Jordi Par\'{\i}s
    const names = new Set([...papers.values()].flatMap((p) => p.authors));
    expect([...names].filter((n) => /[\\{}~\u00a0]|\u0131\p{Mn}/u.test(n))).toHaveLength(6); // e.g. Dj. \v{S}ija\vc}ki
    // 15,186 distinct strings in the file; spellings of one name (Dieter L\"ust, Dieter L\"{u}st) are now one.
    expect(names.size).toBe(15_144);
  });

  it("keeps hepth's arXiv ids", async () => {
    const opened = await openImportFile(path.join(DATA_DIR, "hepth"));
    let first: ImportItem | undefined;
    for await (const item of opened.items) {
      first = item;
      break;
    }
    expect(first).toMatchObject({ kind: "paper", location: "line 1" });
    expect(first?.kind === "paper" && first.paper).toMatchObject({
      ids: { datasetId: "hepth:9201001", arxiv: "hep-th/9201001" },
      title: "Combinatorics of the Modular Group II: the Kontsevich integrals",
      year: 1992,
      authors: ["C. Itzykson", "J.-B. Zuber"],
      url: "https://arxiv.org/abs/hep-th/9201001",
    });
  });
});
