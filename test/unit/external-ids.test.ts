import { externalIds, normaliseArxiv, normaliseDoi, normaliseOpenAlex, normaliseS2PaperId } from "../../src/ingest/formats";
import { arxivFromUrl, normalisePmcid } from "../../src/ingest/formats/external-ids";

describe("identifier normalisation", () => {
  it.each([
    ["10.1093/MIND/LIX.236.433", "10.1093/mind/lix.236.433"],
    ["https://doi.org/10.1145/3383583.3398584", "10.1145/3383583.3398584"],
    ["http://dx.doi.org/10.1016/J.JOI.2019.01.008", "10.1016/j.joi.2019.01.008"],
    ["doi:10.1109/CVPR.2016.90", "10.1109/cvpr.2016.90"],
    ["https://doi.org/10.1002/%28SICI%291097-4571", "10.1002/(sici)1097-4571"],
    ["  10.48550/arXiv.1512.03385 ", "10.48550/arxiv.1512.03385"],
  ])("DOI %p -> %p", (raw, doi) => expect(normaliseDoi(raw)).toBe(doi));

  it.each([["not a doi"], ["https://example.org/10.1000/x"], [""], [null], [42]])("%p is no DOI", (raw) => {
    expect(normaliseDoi(raw)).toBeUndefined();
  });

  it.each([
    ["1512.03385", "1512.03385"],
    ["1512.03385v2", "1512.03385"],
    ["arXiv:2006.06872v1", "2006.06872"],
    ["2301.10140", "2301.10140"],
    ["1411.12345", "1411.12345"],
    ["hep-th/9901001", "hep-th/9901001"],
    ["HEP-TH/9901001v3", "hep-th/9901001"],
    ["astro-ph/0509579", "astro-ph/0509579"],
    ["math.ag/0101001", "math.AG/0101001"],
    ["https://arxiv.org/abs/1512.03385v3", "1512.03385"],
    ["http://arxiv.org/pdf/hep-th/9901001v1.pdf", "hep-th/9901001"],
  ])("arXiv %p -> %p", (raw, id) => expect(normaliseArxiv(raw)).toBe(id));

  it.each([["1721.1/78543"], ["12345"], ["arXiv e-prints"], ["hep-th/99"]])("%p is no arXiv id", (raw) => {
    expect(normaliseArxiv(raw)).toBeUndefined();
  });

  it("takes the arXiv id from arXiv DOIs and arxiv.org URLs", () => {
    expect(externalIds({ doi: "https://doi.org/10.48550/arXiv.2006.06872" })).toEqual({ doi: "10.48550/arxiv.2006.06872", arxiv: "2006.06872" });
    expect(externalIds({ doi: "10.48550/arXiv.hep-th/9901001" }).arxiv).toBe("hep-th/9901001");
    expect(externalIds({ arxiv: "1512.03385", doi: "10.48550/arXiv.1611.02304" }).arxiv).toBe("1512.03385");
    expect(arxivFromUrl("https://arxiv.org/abs/1611.02304?context=cs")).toBe("1611.02304");
    expect(arxivFromUrl("https://ui.adsabs.harvard.edu/abs/2022arXiv220801611B")).toBeUndefined();
  });

  it("normalises OpenAlex, S2, corpus, MAG, PubMed and PMC ids, and drops what is not one", () => {
    expect(normaliseOpenAlex("https://openalex.org/W3046863325")).toBe("W3046863325");
    expect(normaliseOpenAlex("w123")).toBe("W123");
    expect(normaliseOpenAlex("https://openalex.org/A5089069811")).toBeUndefined();
    expect(normaliseS2PaperId("2D5673CAA9E6AF3A7B82A43F19EE920992DB07AD")).toBe("2d5673caa9e6af3a7b82a43f19ee920992db07ad");
    expect(normaliseS2PaperId("https://www.semanticscholar.org/paper/d5ec1ea2c9261c54cf41fef1e5c9f2f8abe28ce2")).toBe(
      "d5ec1ea2c9261c54cf41fef1e5c9f2f8abe28ce2",
    );
    expect(normalisePmcid("https://www.ncbi.nlm.nih.gov/pmc/articles/4587898")).toBe("PMC4587898");
    expect(normalisePmcid("4587898")).toBe("PMC4587898");
    expect(
      externalIds({ corpusId: 14636783, mag: "2145482038", pubmed: "https://pubmed.ncbi.nlm.nih.gov/34265844", dblp: null, acl: "" }),
    ).toEqual({ corpusId: "14636783", mag: "2145482038", pubmed: "34265844" });
    expect(externalIds({ corpusId: "108228682" }, { corpusId: 1 })).toEqual({ corpusId: "108228682" });
  });
});
