// The seed is the ShortScience front page as data: its bodies are the front page's text, its links are the text's.
import { readFileSync } from "node:fs";
import path from "node:path";
import { readSeed } from "../../seed/seed";

const FRONT_PAGE = path.join(__dirname, "..", "..", "..", "shared", "seed-source", "shortscience-front-page.txt");
const squash = (s: string) => s.replace(/\s+/g, " ").trim();

describe("the ShortScience seed", () => {
  const seed = readSeed();
  const ids = new Set(seed.papers.map((p) => p.id));

  it("holds the five front-page summaries with their text as written (line breaks aside)", () => {
    // Each "[link]" block of the front page ends with "![]() |"; the seed restores line breaks, nothing else.
    const blocks = readFileSync(FRONT_PAGE, "utf8")
      .split("[link]")
      .slice(1)
      .map((b) => squash(b.replace(/!\[\]\(\)\s*\|\s*$/, "")));
    expect(blocks).toHaveLength(5);
    expect(seed.summaries.map((s) => squash(s.body))).toEqual(blocks);
  });

  it("links only papers it holds, and every summary summarizes one of them", () => {
    for (const s of seed.summaries) {
      expect(ids).toContain(s.paperId);
      for (const m of s.mentions) expect(ids).toContain(m);
    }
    for (const e of [...seed.citations, ...seed.seeAlso]) {
      expect(ids).toContain(e.from);
      expect(ids).toContain(e.to);
    }
  });

  it("records the links the summaries' text states", () => {
    const mentions = Object.fromEntries(seed.summaries.map((s) => [s.id, s.mentions]));
    expect(mentions).toEqual({
      "shortscience/resnet": ["journals/corr/1608.06993"],
      "shortscience/bayesian-compression": ["journals/corr/1701.05369"],
      "shortscience/draw": [],
      "shortscience/adaptive-computation-time": ["conf/nips/GrefenstetteHSB15"],
      "shortscience/dcgan": [],
    });
    expect(seed.seeAlso).toEqual([
      { from: "journals/corr/1512.03385", to: "journals/corr/1608.06993", note: "DenseNets", source: "shortscience/resnet" },
    ]);
  });
});
