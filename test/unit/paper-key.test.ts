import { normalizePaperKey } from "../../src/papers/paper-key";

describe("normalizePaperKey", () => {
  it.each([
    ["1512.03385", "1512.03385"],
    ["1512.03385v2", "1512.03385"],
    ["arXiv:1512.03385v3", "1512.03385"],
    ["https://arxiv.org/abs/1512.03385", "1512.03385"],
    ["http://arxiv.org/pdf/1512.03385v1.pdf", "1512.03385"],
    ["https://arxiv.org/abs/hep-th/9201001", "hep-th/9201001"],
    ["doi:10.1109/CVPR.2016.90", "10.1109/CVPR.2016.90"],
    ["https://doi.org/10.48550/arXiv.1512.03385", "10.48550/arXiv.1512.03385"],
    ["  journals/corr/1512.03385 ", "journals/corr/1512.03385"],
    ["conf/nips/GrefenstetteHSB15", "conf/nips/GrefenstetteHSB15"],
  ])("%p -> %p", (raw, expected) => {
    expect(normalizePaperKey(raw)).toBe(expected);
  });
});
