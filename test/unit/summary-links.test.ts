// Link extraction from summary markdown: every form the issue names, "see also" detection, and the seed's five bodies.
import { readSeed } from "../../seed/seed";
import { SeeAlsoSentence } from "../../src/summaries/see-also-sentence";
import { extractSummaryLinks } from "../../src/summaries/summary-links";
import { runInWorker } from "../helpers/bounded-work";

// Both tests of a long sentence run in a worker stopped at this deadline, since jest's timeout cannot stop work that
// never yields. It is far above what reading each unit once takes, and far below what a reading that goes back over
// the sentence for each token takes (as links were read before SeeAlsoSentence): docs/operations.md#ci.
const LONG_SENTENCE_DEADLINE_MS = 30_000;

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

  it("finds the keys of natbib's and biblatex's citation commands, but none from a command that only begins like one", () => {
    const links = extractSummaryLinks(
      "As \\citet*{a/b/c} showed \\parencite[p.~3]{d/e/f}, and \\textcite{g/h/i}.\n\nNot \\citation{x/y}, \\citex{x/z} or \\cites{x/w}{x/v}.\n",
    );
    expect(links.map((l) => l.ref)).toEqual([
      { kind: "id", value: "a/b/c" },
      { kind: "id", value: "d/e/f" },
      { kind: "id", value: "g/h/i" },
    ]);
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

  it("catches a 'see also' split across text, emphasis, code and line breaks", () => {
    const md = "This *see* also [a](https://arxiv.org/abs/1111.11111), and `see`\nalso [b](https://arxiv.org/abs/2222.22222). Then\nsee [c](https://arxiv.org/abs/3333.33333).";
    expect(extractSummaryLinks(md).map((l) => [l.text, l.seeAlso])).toEqual([
      ["a", true],
      ["b", true],
      ["c", false],
    ]);
  });

  it("reads a link after a sentence of 500,000 lines without a full stop (ten times a body's bound), each unit once", async () => {
    const body = `${"a\n".repeat(500_000)}see also [x](https://arxiv.org/abs/1111.11111)`;
    const links = await runInWorker("src/summaries/summary-links", "extractSummaryLinks", [body], LONG_SENTENCE_DEADLINE_MS);
    expect(links).toEqual([{ ref: { kind: "arxiv", value: "1111.11111" }, text: "x", seeAlso: true }]);
  });
});

describe("SeeAlsoSentence", () => {
  // The definition it must agree with: the sentence as a string, cut at its last end each time running text arrives.
  class StringSentence {
    private text = "";
    saysSeeAlso = () => /\bsee\s+also\b/i.test(this.text);
    append(text: string) {
      this.text += text;
    }
    read(text: string, at: readonly number[] = []) {
      const last = (t: string) => t.split(/[.!?](?:\s|$)/).pop() ?? "";
      const says = at.map((i) => /\bsee\s+also\b/i.test(last(this.text + text.slice(0, i))));
      this.text = last(this.text + text);
      return says;
    }
  }

  it("answers as the whole sentence re-read would, on 10,000 random sequences of appends and reads", () => {
    const pieces = ["s", "S", "e", "E", "a", "A", "l", "o", "x", "_", "1", ",", ".", "!", "?", " ", "\n", "\u00a0", "see", "also", "see also", "sees", "\u{1F600}"];
    // mulberry32, seeded: the same sequences every run (a plain LCG's successive draws were too alike to ever
    // spell "see see also").
    let seed = 42;
    const random = (n: number) => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return Math.floor((((t ^ (t >>> 14)) >>> 0) / 2 ** 32) * n);
    };
    const text = () => Array.from({ length: random(6) }, () => pieces[random(pieces.length)]).join("");
    const differences: string[] = [];
    let seeAlso = 0;
    for (let run = 0; run < 10_000 && differences.length < 5; run++) {
      const fast = new SeeAlsoSentence();
      const slow = new StringSentence();
      const ops: string[] = [];
      for (let op = 0; op < 12; op++) {
        const t = text();
        if (random(3) === 0) {
          ops.push(`append ${JSON.stringify(t)}`);
          fast.append(t);
          slow.append(t);
        } else {
          const at = Array.from({ length: random(4) }, () => random(t.length + 1)).sort((a, b) => a - b);
          ops.push(`read ${JSON.stringify(t)} at ${at}`);
          const [got, want] = [fast.read(t, at), slow.read(t, at)];
          if (got.join() !== want.join()) differences.push(`${ops.join(", ")}: ${got} instead of ${want}`);
        }
        if (fast.saysSeeAlso() !== slow.saysSeeAlso()) differences.push(`${ops.join(", ")}: saysSeeAlso ${fast.saysSeeAlso()}`);
        if (slow.saysSeeAlso()) seeAlso += 1;
      }
    }
    expect(differences).toEqual([]);
    expect(seeAlso).toBeGreaterThan(5_000); // the phrase comes up often enough for the comparison to mean something
  });

  it("reads each unit of a sentence of two million tokens once", async () => {
    // The string definition above re-splits the whole sentence for each token: ~10^12 units here.
    const says = await runInWorker("test/unit/summary-links.work", "readWordByWord", [1_000_000], LONG_SENTENCE_DEADLINE_MS);
    expect(says).toEqual([false, true]);
  });
});
