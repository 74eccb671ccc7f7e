// User text becomes a Lucene query of lower-cased words only.
import { toLuceneQuery } from "../../src/search/lucene-query";

describe("toLuceneQuery", () => {
  it.each([
    ["deep residual learning", "deep residual learning"],
    ['title:(residual" *~', "title residual"],
    ["AND OR NOT", "and or not"],
    ["Painlevé $x_1$", "painlevé x 1"],
    ["\\cite{a/b}", "cite a b"],
  ])("%p -> %p", (text, query) => {
    expect(toLuceneQuery(text)).toBe(query);
  });

  it.each(["", "   ", '"*~()', "\\"])("has nothing to search in %p", (text) => {
    expect(toLuceneQuery(text)).toBeNull();
  });
});
