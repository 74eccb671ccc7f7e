import { counted, describeImport, describeRestore } from "../../src/ingest/import-report";
import type { CorpusImportReport } from "../../src/ingest/corpus-import";

const report = (over: Partial<CorpusImportReport>): CorpusImportReport => ({
  file: "refs.bib", format: "bibtex", papers: 0, created: 0, merged: 0, filledStubs: 0, conflicts: 0, citations: 0, selfCitations: 0,
  citationsCreated: 0, stubs: 0, skipped: 0, errors: 0, problems: [], warnings: 0, notes: [], seconds: 0.1, recordsPerSecond: 10, interrupted: false,
  ...over,
});

describe("the import report", () => {
  it("puts each count's noun in the singular for 1 and the plural otherwise", () => {
    expect([0, 1, 2, 1000].map((n) => counted(n, "value"))).toEqual(["0 values", "1 value", "2 values", "1000 values"]);
    expect(counted(1, "entry", "entries")).toBe("1 entry");
    expect(counted(3, "entry", "entries")).toBe("3 entries");
  });

  it("says 1 of each as 1, not '1 values left out'", () => {
    const note = { file: "refs.bib", location: "@a (line 1)", message: "journal uses the undefined @string X: left out" };
    const one = describeImport(report({ papers: 1, created: 1, filledStubs: 1, citations: 1, citationsCreated: 1, selfCitations: 1, stubs: 1, errors: 1, problems: [], warnings: 1, notes: [note] }));
    expect(one.split("\n").slice(0, 4)).toEqual([
      "refs.bib (bibtex): 1 paper record: 1 new paper, 0 merged into known papers (1 stub filled in)",
      "  1 citation: 1 new edge, 1 self-citation skipped, 1 new stub for cited works outside the file",
      "  0 skipped (nothing to import), 1 error (first 0 below)",
      "  1 value left out",
    ]);
    const many = describeImport(report({ papers: 2, created: 2, citations: 3, warnings: 5, notes: [note] }));
    expect(many).toContain("refs.bib (bibtex): 2 paper records: 2 new papers,");
    expect(many).toContain("  3 citations: 0 new edges, 0 self-citations skipped, 0 new stubs for cited works outside the file");
    expect(many).toContain("  5 values left out (first 1 below)\n    refs.bib @a (line 1): journal uses the undefined @string X: left out\n");
  });

  it("counts a restore's nodes and edges the same way", () => {
    const restore = { folder: "backup", exportedAt: "2026-12-04T00:00:00Z", nodes: 1, edges: 2, edgesWithoutEnds: 1, interrupted: false, seconds: 1 };
    expect(describeRestore(restore).split("\n")[0]).toBe("backup (export of 2026-12-04T00:00:00Z): 1 node, 2 edges, 1 edge naming nodes not in the export (not written)");
  });
});
