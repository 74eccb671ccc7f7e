// Every id form of papers/paper-ids: what each spelling a user or a summary may write reads as, what is refused,
// and the ids, DOIs and stubs derived from them.
import {
  ARXIV_ID,
  DOI,
  PAPER_ID,
  SUMMARY_ID,
  arxivDoi,
  arxivIdKey,
  datasetIdPrefix,
  datasetPaperId,
  doiOfPaperId,
  newSummaryId,
  normalizePaperKey,
  paperIdentifiers,
  paperRefOfUrl,
  paperRefsInText,
  parsePaperRef,
} from "../../src/papers/paper-ids";

describe("parsePaperRef", () => {
  it.each([
    // arXiv, new style: bare, versioned, prefixed, abs and pdf URLs
    ["1512.03385", "arxiv", "1512.03385"],
    ["1512.03385v2", "arxiv", "1512.03385"],
    ["2101.00001", "arxiv", "2101.00001"],
    ["arXiv:1512.03385v2", "arxiv", "1512.03385"],
    ["ARXIV:1512.03385", "arxiv", "1512.03385"],
    ["https://arxiv.org/abs/1512.03385", "arxiv", "1512.03385"],
    ["http://arxiv.org/pdf/1512.03385v1.pdf", "arxiv", "1512.03385"],
    ["https://www.arxiv.org/abs/1512.03385v3", "arxiv", "1512.03385"],
    ["https://export.arxiv.org/abs/1512.03385/", "arxiv", "1512.03385"],
    // arXiv, old style, with and without subject class
    ["hep-th/9901001", "arxiv", "hep-th/9901001"],
    ["math.AG/0601001", "arxiv", "math.AG/0601001"],
    ["arXiv:hep-th/9901001v1", "arxiv", "hep-th/9901001"],
    ["https://arxiv.org/abs/hep-th/9201001", "arxiv", "hep-th/9201001"],
    ["https://arxiv.org/pdf/hep-th/9901001v3.pdf", "arxiv", "hep-th/9901001"],
    // ... in any case, read as arXiv writes it: the archive lower-case, the subject class upper-case
    ["arXiv:HEP-TH/9901001", "arxiv", "hep-th/9901001"],
    ["https://arxiv.org/abs/math.ag/0601001v2", "arxiv", "math.AG/0601001"],
    // DOIs: bare, prefixed, URLs; an arXiv DOI stays a DOI (it is what a paper stores)
    ["10.1109/X", "doi", "10.1109/X"],
    ["doi:10.1109/X", "doi", "10.1109/X"],
    ["DOI:10.1109/CVPR.2016.90", "doi", "10.1109/CVPR.2016.90"],
    ["https://doi.org/10.1109/X", "doi", "10.1109/X"],
    ["http://dx.doi.org/10.1145/3292500.3330701", "doi", "10.1145/3292500.3330701"],
    ["https://doi.org/10.48550/arXiv.1512.03385", "doi", "10.48550/arXiv.1512.03385"],
    // paper ids: DBLP-style keys (also the one holding an old-style arXiv id) and namespaced ids, trimmed
    ["  journals/corr/1512.03385 ", "id", "journals/corr/1512.03385"],
    ["conf/nips/GrefenstetteHSB15", "id", "conf/nips/GrefenstetteHSB15"],
    ["journals/corr/hep-th/9901001", "id", "journals/corr/hep-th/9901001"],
    ["hepth:9201001", "id", "hepth:9201001"],
    ["aan:D10-1001", "id", "aan:D10-1001"],
    ["cora-lda:17", "id", "cora-lda:17"],
    // a bare old-style id with a version is also a DBLP-style key, so it is not read as arXiv
    ["hep-th/9901001v3", "id", "hep-th/9901001v3"],
    // not quite any form: kept as they are, so a lookup finds nothing rather than something else
    ["1512.033", "id", "1512.033"],
    ["arXiv:1512.03385.tex", "id", "arXiv:1512.03385.tex"],
    ["https://arxiv.org/list/cs.LG", "id", "https://arxiv.org/list/cs.LG"],
    [`arXiv:${"a".repeat(33)}/1234567`, "id", `arXiv:${"a".repeat(33)}/1234567`],
    ["doi:11.1109/X", "id", "doi:11.1109/X"],
    ["https://doi.org/10.1109/X Y", "id", "https://doi.org/10.1109/X Y"],
    ["", "id", ""],
  ])("%p is %s %p", (raw, kind, value) => {
    expect(parsePaperRef(raw)).toEqual({ kind, value });
    expect(normalizePaperKey(raw)).toBe(value);
  });

  it("reads a namespaced DOI paper id as its DOI, the property such a paper stores it under", () => {
    // doiPaperId("10.1145/3292500.3330701") is also a valid paper id; lookups match the DOI against id, arXiv id and DOI.
    expect(PAPER_ID.test("doi:10.1145/3292500.3330701")).toBe(true);
    expect(parsePaperRef("doi:10.1145/3292500.3330701")).toEqual({ kind: "doi", value: "10.1145/3292500.3330701" });
  });
});

describe("validation patterns", () => {
  it.each(["journals/corr/1512.03385", "conf/nips/GrefenstetteHSB15", "journals/corr/hep-th/9901001", "a/b/c/d", "hepth:9201001", "doi:10.1145/3292500.3330701"])(
    "PAPER_ID accepts %p",
    (id) => expect(PAPER_ID.test(id)).toBe(true),
  );

  it.each(["", "1512.03385", "journals", "a/b/c/d/e", "Hepth:9201001", "hepth:", "journals/corr/15 12", "/corr/x", "journals/corr/"])(
    "PAPER_ID refuses %p",
    (id) => expect(PAPER_ID.test(id)).toBe(false),
  );

  it.each([
    ["1512.03385", true],
    ["1512.12345", true],
    ["hep-th/9901001", true],
    ["math.AG/0601001", true],
    ["1512.03385v2", false],
    ["arXiv:1512.03385", false],
    ["HEP-TH/9901001", false],
    ["hep-th/990100", false],
    // an archive name is at most 32 letters and hyphens (real ones are under 10: hep-th, cond-mat, chao-dyn)
    [`${"a".repeat(32)}/1234567`, true],
    [`${"a".repeat(33)}/1234567`, false],
  ])("ARXIV_ID on %p is %p", (id, ok) => expect(ARXIV_ID.test(id)).toBe(ok));

  it.each([
    ["10.1145/3292500.3330701", true],
    ["10.48550/arXiv.1512.03385", true],
    ["doi:10.1145/3292500.3330701", false],
    ["https://doi.org/10.1145/3292500.3330701", false],
    ["10.1/x", false],
    ["10.1145/a b", false],
  ])("DOI on %p is %p", (doi, ok) => expect(DOI.test(doi)).toBe(ok));

  it.each([
    ["shortscience/resnet", true],
    ["summaries/4f1c2a4e-9d7b-4f7e-8a58-2d6c0f1e9b3a", true],
    ["Shortscience/resnet", false],
    ["resnet", false],
    ["a/b/c", false],
  ])("SUMMARY_ID on %p is %p", (id, ok) => expect(SUMMARY_ID.test(id)).toBe(ok));

  it("makes new summary ids of the summary id form, each different", () => {
    const [a, b] = [newSummaryId(), newSummaryId()];
    expect(a).toMatch(SUMMARY_ID);
    expect(a).toMatch(/^summaries\//);
    expect(a).not.toBe(b);
  });
});

describe("paperRefOfUrl", () => {
  it.each([
    ["http://www.shortscience.org/paper?bibtexKey=journals/corr/1608.06993", { kind: "id", value: "journals/corr/1608.06993" }],
    ["https://shortscience.org/paper?bibtexKey=conf%2Fnips%2FGrefenstetteHSB15", { kind: "id", value: "conf/nips/GrefenstetteHSB15" }],
    ["https://arxiv.org/abs/1511.06434", { kind: "arxiv", value: "1511.06434" }],
    ["https://arxiv.org/pdf/1511.06434v2.pdf", { kind: "arxiv", value: "1511.06434" }],
    ["https://export.arxiv.org/abs/1511.06434?context=cs#x", { kind: "arxiv", value: "1511.06434" }],
    ["http://arxiv.org/abs/hep-th/9901001", { kind: "arxiv", value: "hep-th/9901001" }],
    ["https://arxiv.org/pdf/hep-th/9901001v3.pdf", { kind: "arxiv", value: "hep-th/9901001" }],
    ["https://doi.org/10.1145/3292500.3330701", { kind: "doi", value: "10.1145/3292500.3330701" }],
    ["https://doi.org/10.1109/X", { kind: "doi", value: "10.1109/X" }],
    ["https://doi.org/10.1000/a%2Fb", { kind: "doi", value: "10.1000/a/b" }],
    // arXiv's own DOI names the arXiv paper
    ["https://doi.org/10.48550/arXiv.1512.03385", { kind: "arxiv", value: "1512.03385" }],
    ["https://doi.org/10.48550/arxiv.math.ag/0601001", { kind: "arxiv", value: "math.AG/0601001" }],
    // an old-style id in any case is the one arXiv writes lower-case
    ["https://arxiv.org/abs/HEP-TH/9901001", { kind: "arxiv", value: "hep-th/9901001" }],
  ])("reads %s", (url, ref) => {
    expect(paperRefOfUrl(url)).toEqual(ref);
  });

  it("ignores an arXiv URL whose archive name is thousands of letters: its stub's id would be more than Neo4j indexes", () => {
    expect(paperRefOfUrl(`https://arxiv.org/abs/${"a".repeat(9000)}/1234567`)).toBeNull();
    expect(paperRefOfUrl(`https://arxiv.org/abs/${"a".repeat(33)}/1234567`)).toBeNull();
  });

  it.each(["https://example.org/paper", "https://arxiv.org/list/cs.LG", "javascript:alert(1)", "arXiv:1512.03385", "doi:10.1109/X"])(
    "ignores %s",
    (url) => {
      expect(paperRefOfUrl(url)).toBeNull();
    },
  );
});

describe("paperRefsInText", () => {
  it("finds \\cite keys, arXiv ids and DOIs in order, without versions or trailing punctuation", () => {
    const text = "As \\citet[p. 3]{a/b/c} showed (doi:10.1000/xyz123), see arXiv: 1512.03385v2 and 10.48550/arXiv.1701.05369; \\cite{d/e/f,g/h/i}.";
    expect(paperRefsInText(text).map((r) => r.ref)).toEqual([
      { kind: "id", value: "a/b/c" },
      { kind: "doi", value: "10.1000/xyz123" },
      { kind: "arxiv", value: "1512.03385" },
      { kind: "arxiv", value: "1701.05369" },
      { kind: "id", value: "d/e/f" },
      { kind: "id", value: "g/h/i" },
    ]);
  });

  it("reads an old-style arXiv id in any case as arXiv writes it, and no id at all from an archive name no archive has", () => {
    expect(paperRefsInText("See arXiv:HEP-TH/9901001v2 and arXiv:Math.ag/0601001.").map((r) => r.ref)).toEqual([
      { kind: "arxiv", value: "hep-th/9901001" },
      { kind: "arxiv", value: "math.AG/0601001" },
    ]);
    expect(paperRefsInText(`See arXiv:${"a".repeat(9000)}/1234567 and arXiv:${"a".repeat(33)}/1234567.`)).toEqual([]);
    expect(paperRefsInText(`See arXiv:${"a".repeat(32)}/1234567.`).map((r) => r.ref)).toEqual([{ kind: "arxiv", value: `${"a".repeat(32)}/1234567` }]);
  });

  // The forms \cite has always been read in, and what each gives: written out, so that a change to CITE_IN_TEXT
  // (made linear, test/unit/text-patterns.test.ts) cannot change them unnoticed.
  it.each([
    ["\\cite{a/b/c}", ["a/b/c"]],
    ["\\cite{a/b/c,d/e/f}", ["a/b/c", "d/e/f"]],
    ["\\cite{ a/b/c , hepth:9201001 }", ["a/b/c", "hepth:9201001"]],
    ["\\citep{a/b/c} and \\citet{d/e/f}", ["a/b/c", "d/e/f"]],
    ["\\cite*{a/b/c}, \\citep*{d/e/f}, \\citet*{g/h/i}", ["a/b/c", "d/e/f", "g/h/i"]],
    ["\\cite[p.~3]{a/b/c}", ["a/b/c"]],
    ["\\cite[see][p.~3]{a/b/c}", ["a/b/c"]],
    ["\\citep[e.g.][]{a/b/c}", ["a/b/c"]],
    ["\\citet*[][ch.~2]{a/b/c,d/e/f}", ["a/b/c", "d/e/f"]],
    ["\\cite[see {\\S}3]{a/b/c}", ["a/b/c"]],
    ["\\cite{a/b/c}\\citep{d/e/f}", ["a/b/c", "d/e/f"]],
    ["\\cite{a/b/c,he2016deep}", ["a/b/c"]],
    // not a \cite of a paper: a key that is no paper id, another command, a space before the brace, no keys, no close
    ["\\cite{he2016deep}", []],
    ["\\nocite{d/e/f} \\cite {g/h/i} \\cite{} \\cite[a/b/c]", []],
    ["\\cite{a/b/c", []],
    ["\\cite[see [1]]{a/b/c}", []],
  ])("reads %s as %j", (text, keys) => {
    expect(paperRefsInText(text).map((r) => r.ref)).toEqual(keys.map((value) => ({ kind: "id", value })));
  });

  // Each citation command natbib and biblatex users write, bare, starred and with optional arguments.
  it.each([
    "citealp",
    "citealt",
    "citeauthor",
    "citeyear",
    "citeyearpar",
    "Cite",
    "Citep",
    "Citet",
    "Citealp",
    "Citeauthor",
    "parencite",
    "Parencite",
    "Textcite",
    "Autocite",
    "textcite",
    "autocite",
    "footcite",
    "smartcite",
    "supercite",
  ])("reads the keys of \\%s", (command) => {
    const text = `\\${command}{a/b/c, d/e/f} \\${command}*{g/h/i} \\${command}[see][p.~3]{j/k/l} \\${command}*[][]{m/n/o}`;
    expect(paperRefsInText(text).map((r) => r.ref.value)).toEqual(["a/b/c", "d/e/f", "g/h/i", "j/k/l", "m/n/o"]);
  });

  // Commands that only begin like one: the name must end right before its *, [ or {. Nor are the commands left out
  // of the list read: biblatex's \cites (several key groups), \fullcite; capitalised is the first letter only.
  it.each([
    "\\citex{a/b/c}",
    "\\citation{a/b/c}",
    "\\recite{a/b/c}",
    "\\cites{a/b/c}{d/e/f}",
    "\\citealpx{a/b/c}",
    "\\citeyearparx*{a/b/c}",
    "\\parencites{a/b/c}",
    "\\CITEP{a/b/c}",
    "\\ParenCite{a/b/c}",
    "\\Parencites{a/b/c}{d/e/f}",
    "\\fullcite{a/b/c}",
    "\\paren cite{a/b/c}",
  ])("reads no paper from %s", (text) => {
    expect(paperRefsInText(text)).toEqual([]);
  });

  it("finds a \\cite after one left open, which used to swallow the next", () => {
    expect(paperRefsInText("\\cite{a/b/c \\cite{d/e/f} \\cite[x \\citep{g/h/i}")).toEqual([
      { ref: { kind: "id", value: "d/e/f" }, at: 12 },
      { ref: { kind: "id", value: "g/h/i" }, at: 33 },
    ]);
  });

  it.each([
    ["doi:10.1000/xyz123).", "10.1000/xyz123"],
    ["(10.1000/a.b.c;)", "10.1000/a.b.c"],
    ["[10.1000/xyz],", "10.1000/xyz"],
    ["10.1000/x.)y.", "10.1000/x.)y"],
  ])("reads %s as the DOI %s, without the sentence's punctuation", (text, doi) => {
    expect(paperRefsInText(text).map((r) => r.ref)).toEqual([{ kind: "doi", value: doi }]);
  });

  it("says where each mention starts", () => {
    const text = "x arXiv:1512.03385 y";
    expect(paperRefsInText(text)).toEqual([{ ref: { kind: "arxiv", value: "1512.03385" }, at: 2 }]);
  });
});

describe("arxivIdKey", () => {
  it.each([
    ["HEP-TH/9901001", "hep-th/9901001"],
    ["hep-th/9901001", "hep-th/9901001"],
    ["MATH.ag/0601001", "math.AG/0601001"],
    ["1512.03385", "1512.03385"],
    ["not an id", "not an id"],
  ])("stores %p as %p", (id, key) => expect(arxivIdKey(id)).toBe(key));
});

describe("derived ids", () => {
  it("stores an arXiv reference under ShortScience's id, the arXiv id and arXiv's DOI (DOIs lower-case)", () => {
    expect(paperIdentifiers({ kind: "arxiv", value: "1512.03385" })).toEqual({
      id: "journals/corr/1512.03385",
      arxivId: "1512.03385",
      doi: "10.48550/arxiv.1512.03385",
    });
    expect(arxivDoi("hep-th/9901001")).toBe("10.48550/arXiv.hep-th/9901001");
  });

  it("stores a DOI reference under a doi: id and the DOI, both lower-case; a paper id under itself", () => {
    expect(paperIdentifiers({ kind: "doi", value: "10.1109/X" })).toEqual({ id: "doi:10.1109/x", arxivId: null, doi: "10.1109/x" });
    expect(paperIdentifiers({ kind: "id", value: "conf/nips/GrefenstetteHSB15" })).toEqual({
      id: "conf/nips/GrefenstetteHSB15",
      arxivId: null,
      doi: null,
    });
  });

  it("makes every derived paper id a valid paper id that reads back as what it was made from", () => {
    for (const ref of [
      { kind: "arxiv", value: "1512.03385" },
      { kind: "arxiv", value: "hep-th/9901001" },
      { kind: "doi", value: "10.1145/3292500.3330701" },
    ] as const) {
      expect(paperIdentifiers(ref).id).toMatch(PAPER_ID);
    }
    expect(parsePaperRef(paperIdentifiers({ kind: "doi", value: "10.1109/X" }).id)).toEqual({ kind: "doi", value: "10.1109/x" });
  });

  it.each([
    ["doi:10.1109/cvpr.2016.90", "10.1109/cvpr.2016.90"],
    ["doi:10.1109/CVPR.2016.90", "10.1109/cvpr.2016.90"],
    ["https://doi.org/10.1109/cvpr.2016.90", null],
    ["arxiv:1512.03385", null],
    ["journals/corr/1512.03385", null],
    ["hepth:9201001", null],
  ])("reads the DOI a paper id %p names as %p", (id, doi) => expect(doiOfPaperId(id)).toBe(doi));

  it("namespaces dataset papers, all under one prefix", () => {
    expect(datasetPaperId("hepth", "9201001")).toBe("hepth:9201001");
    expect(datasetPaperId("cora-lda", 17)).toBe("cora-lda:17");
    expect(datasetPaperId("aan", "D10-1001").startsWith(datasetIdPrefix("aan"))).toBe(true);
    expect(datasetPaperId("aan", "D10-1001")).toMatch(PAPER_ID);
  });
});
