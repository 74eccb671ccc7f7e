// Link extraction from summary markdown: every form the issue names, "see also" detection, and the seed's five bodies.
import { readSeed } from "../../seed/seed";
import { extractSummaryLinks } from "../../src/summaries/summary-links";

describe("extractSummaryLinks", () => {
  it("finds \\cite keys, DOIs and arXiv ids in text, but nothing in code", () => {
    const links = extractSummaryLinks(
      "We build on \\citep{a/b/c, d/e/f} and doi:10.1000/xyz123. Also arXiv:hep-th/9901001v1.\n\n`\\cite{x/y}` and\n\n    \\cite{z/w}\n",
    );
    expect(links.map((l) => l.ref)).toEqual([
      { kind: "id", value: "a/b/c" },
      { kind: "id", value: "d/e/f" },
      { kind: "doi", value: "10.1000/xyz123" },
      { kind: "arxiv", value: "hep-th/9901001" },
    ]);
    expect(links.every((l) => !l.seeAlso && l.text === null)).toBe(true);
  });

  it("resolves markdown reference definitions and bare URLs", () => {
    const links = extractSummaryLinks("Like [the other paper][ref] and https://arxiv.org/abs/1701.05369.\n\n[ref]: https://arxiv.org/abs/1608.06993\n");
    expect(links).toEqual([
      { ref: { kind: "arxiv", value: "1608.06993" }, text: "the other paper", seeAlso: false },
      { ref: { kind: "arxiv", value: "1701.05369" }, text: null, seeAlso: false },
    ]);
  });

  it("marks links under a See also heading, after a 'See also:' paragraph, or in a 'see also' sentence", () => {
    const md = [
      "Intro [plain](https://arxiv.org/abs/1111.11111). This extends it (see also [inline](https://arxiv.org/abs/2222.22222)).",
      "",
      "See also:",
      "",
      "* [listed](https://arxiv.org/abs/3333.33333)",
      "",
      "Back to [normal](https://arxiv.org/abs/4444.44444).",
      "",
      "## See Also",
      "",
      "* [sectioned](https://arxiv.org/abs/5555.55555)",
      "",
      "## Next",
      "",
      "[after](https://arxiv.org/abs/6666.66666)",
    ].join("\n");
    expect(extractSummaryLinks(md).map((l) => [l.text, l.seeAlso])).toEqual([
      ["plain", false],
      ["inline", true],
      ["listed", true],
      ["normal", false],
      ["sectioned", true],
      ["after", false],
    ]);
  });

  it("ignores links whose escapes do not decode (%E0 alone) instead of failing", () => {
    const md = "See https://doi.org/10.1234/%E0 and [x](https://doi.org/10.1234/%zz) and [y](http://www.shortscience.org/paper?bibtexKey=a%E0/b) and https://doi.org/10.1234/ok%41";
    // markdown-it escapes the % of a link that is no escape (%zz becomes %25zz), so that one decodes to itself.
    expect(extractSummaryLinks(md).map((l) => l.ref.value)).toEqual(["10.1234/%zz", "10.1234/okA"]);
  });

  it("links only \\cite keys and ShortScience keys that upsertPaper accepts as paper ids", () => {
    const long = `a/${"x".repeat(300)}`;
    const md = `\\cite{he2016deep, a/b, ${long}, ns:\u0001x, ns:\ud800x, ok:1} [s](https://shortscience.org/paper?bibtexKey=nokey) [t](https://shortscience.org/paper?bibtexKey=conf%2Fnips%2FX15)`;
    expect(extractSummaryLinks(md).map((l) => l.ref.value)).toEqual(["a/b", "ok:1", "conf/nips/X15"]);
  });

  it("keeps one link per paper, preferring a see-also mention", () => {
    const links = extractSummaryLinks("[A](https://arxiv.org/abs/1111.11111) again arXiv:1111.11111. See also [A again](https://arxiv.org/abs/1111.11111).");
    expect(links).toEqual([{ ref: { kind: "arxiv", value: "1111.11111" }, text: "A again", seeAlso: true }]);
  });

  it("finds in the seed's five summaries exactly the links the curated seed records (plus DCGAN's own paper)", () => {
    const byId = Object.fromEntries(readSeed().summaries.map((s) => [s.id, extractSummaryLinks(s.body)]));
    expect(byId).toEqual({
      "shortscience/resnet": [{ ref: { kind: "id", value: "journals/corr/1608.06993" }, text: "DenseNets", seeAlso: true }],
      "shortscience/bayesian-compression": [
        { ref: { kind: "id", value: "journals/corr/1701.05369" }, text: '"Variational Dropout Sparsifies Deep Neural Networks"', seeAlso: false },
      ],
      "shortscience/draw": [],
      "shortscience/adaptive-computation-time": [{ ref: { kind: "id", value: "conf/nips/GrefenstetteHSB15" }, text: null, seeAlso: false }],
      // The summarized paper itself: the repository drops it, since a summary's link to its own paper is not a mention.
      "shortscience/dcgan": [{ ref: { kind: "arxiv", value: "1511.06434" }, text: "Link to the paper", seeAlso: false }],
    });
  });
});
