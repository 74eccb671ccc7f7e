// The identity planner without a database: which node each record becomes, and what it may write into it.
import { lookupsOf, planPapers, planStubs } from "../../src/ingest/identity-plan";
import type { FoundPaper } from "../../src/ingest/corpus-write.repository";
import type { ImportPaper } from "../../src/ingest/formats";
import { derivedPaperId } from "../../src/papers/paper-identity";

const paper = (ids: ImportPaper["ids"], fields: Partial<ImportPaper> = {}): ImportPaper => ({ ids, title: "T", authors: [], ...fields });

function stored(id: string, values: Record<string, unknown>, extra: Partial<FoundPaper> = {}): FoundPaper {
  return { id, stub: false, hasAuthors: true, values: { title: "Stored", abstract: null, year: null, venue: null, url: null, ...values }, ...extra };
}

/** Found papers as findPapers returns them: property → value → papers. */
function found(entries: Array<[string, string, FoundPaper]>) {
  const map = new Map<string, Map<string, FoundPaper[]>>();
  for (const [property, value, p] of entries) {
    const byValue = map.get(property) ?? new Map<string, FoundPaper[]>();
    byValue.set(value, [...(byValue.get(value) ?? []), p]);
    map.set(property, byValue);
  }
  return map;
}

describe("lookupsOf", () => {
  it("looks each record up by its derived id and every identifier, DOIs lower-case", () => {
    const lookups = lookupsOf([{ ids: { doi: "10.1/AB", openalex: "W1" } }]);
    expect([...lookups.get("id")!]).toEqual(["doi:10.1/ab"]);
    expect([...lookups.get("doi")!]).toEqual(["10.1/ab"]);
    expect([...lookups.get("openalexId")!]).toEqual(["W1"]);
    expect(lookups.get("s2Id")!.size).toBe(0);
  });
});

describe("lookupsOf", () => {
  it("looks a paper record with identifiers up by the import: id it would have had without them too", () => {
    const record = paper({ doi: "10.1/x" }, { title: "Title", year: 2020, authors: ["A"] });
    const earlier = derivedPaperId({}, record);
    expect(earlier).toMatch(/^import:/);
    expect([...lookupsOf([{ ids: record.ids, paper: record }]).get("id")!]).toEqual(["doi:10.1/x", earlier]);
    expect([...lookupsOf([{ ids: { datasetId: "hepth:1" }, paper: paper({ datasetId: "hepth:1" }) }]).get("id")!]).toEqual(["hepth:1"]);
  });
});

describe("planPapers", () => {
  it("finds a paper imported before without identifiers by its import: id, which then takes the record's", () => {
    const record = paper({ doi: "10.1/x" }, { title: "Title", year: 2020, authors: ["A"] });
    const earlier = derivedPaperId({}, record);
    const plan = planPapers([record], found([["id", earlier, stored(earlier, { title: "Title", doi: null })]]));
    expect(plan).toMatchObject({ targets: [earlier], created: 0, merged: 1, conflicts: 0 });
    expect(plan.papers[0].identifiers).toEqual({ doi: "10.1/x" });
  });

  it("takes a paper found by its import: id only when it holds no other identifier of the kind, and after every identifier", () => {
    const record = paper({ doi: "10.1/x" }, { title: "Title", year: 2020, authors: ["A"] });
    const earlier = derivedPaperId({}, record);
    const other = planPapers([record], found([["id", earlier, stored(earlier, { doi: "10.1/other" })]]));
    expect(other).toMatchObject({ targets: ["doi:10.1/x"], created: 1, merged: 0 });
    const byDoi = stored("doi:10.1/x", { doi: "10.1/x" });
    const both = planPapers([record], found([["doi", "10.1/x", byDoi], ["id", earlier, stored(earlier, { doi: null })]]));
    expect(both).toMatchObject({ targets: ["doi:10.1/x"], created: 0, conflicts: 1 });
  });

  // Before, a stored import: paper found this way joined every record that reached it into one group: two papers of
  // one title, year and first author with different DOIs became one (the second DOI lost), and importing a file
  // that holds a work with and without its DOI a second time merged what the first import had kept apart.
  it("joins no records through a paper found by its import: id, and gives it to no group when two reach it", () => {
    const editorial = (doi?: string) => paper(doi ? { doi } : {}, { title: "Editorial", year: 2019, authors: ["J. Smith"] });
    const earlier = derivedPaperId({}, editorial());
    const two = planPapers([editorial("10.1/aaa"), editorial("10.1/bbb")], found([["id", earlier, stored(earlier, { title: "Editorial", doi: null })]]));
    expect(two).toMatchObject({ targets: ["doi:10.1/aaa", "doi:10.1/bbb"], created: 2, merged: 0, conflicts: 0 });

    const byDoi = stored("doi:10.1/aaa", { doi: "10.1/aaa" });
    const again = planPapers(
      [editorial(), editorial("10.1/aaa")],
      found([["id", earlier, stored(earlier, { title: "Editorial", doi: null })], ["doi", "10.1/aaa", byDoi], ["id", "doi:10.1/aaa", byDoi]]),
    );
    expect(again).toMatchObject({ targets: [earlier, "doi:10.1/aaa"], created: 0, merged: 2, conflicts: 0 });
  });

  it("makes records sharing an identifier, even through a third record, one new paper named by its best identifier", () => {
    const plan = planPapers([paper({ openalex: "W1" }), paper({ s2: "a".repeat(40) }, { venue: "V" }), paper({ openalex: "W1", doi: "10.1/x", s2: "a".repeat(40) })], new Map());
    expect(plan.targets).toEqual(["doi:10.1/x", "doi:10.1/x", "doi:10.1/x"]);
    expect(plan).toMatchObject({ created: 1, merged: 2 });
    expect(plan.papers).toHaveLength(1);
    expect(plan.papers[0]).toMatchObject({ venue: "V", identifiers: { doi: "10.1/x", openalexId: "W1", s2Id: "a".repeat(40) } });
  });

  it("merges into a stored paper, filling only what it lacks and keeping the identifiers it holds", () => {
    const resnet = stored("journals/corr/1512.03385", { arxivId: "1512.03385", doi: "10.48550/arxiv.1512.03385", venue: "CVPR" });
    const plan = planPapers(
      [paper({ arxiv: "1512.03385", doi: "10.9/other" }, { title: "Another title", venue: "Elsewhere", year: 2016, authors: ["A"] })],
      found([["arxivId", "1512.03385", resnet]]),
    );
    expect(plan.targets).toEqual(["journals/corr/1512.03385"]);
    expect(plan).toMatchObject({ created: 0, merged: 1 });
    expect(plan.papers[0]).toMatchObject({ title: "Stored", venue: undefined, year: 2016, authors: undefined, identifiers: {} });
  });

  it("fills a stub with everything the record gives", () => {
    const stub = stored("openalex:W1", { openalexId: "W1", title: "openalex:W1" }, { stub: true, hasAuthors: false });
    const plan = planPapers([paper({ openalex: "W1", doi: "10.1/x" }, { title: "Real", venue: "V", authors: ["A"] })], found([["openalexId", "W1", stub]]));
    expect(plan).toMatchObject({ created: 0, filledStubs: 1, targets: ["openalex:W1"] });
    expect(plan.papers[0]).toMatchObject({ title: "Real", venue: "V", authors: ["A"], identifiers: { doi: "10.1/x" } });
  });

  it("gives a stored paper titled only by an identifier's label the record's title, and keeps a stored title", () => {
    const labelled = stored("openalex:W1", { openalexId: "W1", doi: "10.1/x", title: "openalex:W1" });
    const dataset = stored("hepth:1", { title: "hepth:1" });
    const titled = stored("doi:10.1/y", { doi: "10.1/y", title: "doi:10.1/y is its name" });
    const plan = planPapers(
      [paper({ doi: "10.1/x" }, { title: "Real" }), paper({ datasetId: "hepth:1" }, { title: "Also Real" }), paper({ doi: "10.1/y" }, { title: "Other" })],
      found([["doi", "10.1/x", labelled], ["id", "hepth:1", dataset], ["doi", "10.1/y", titled]]),
    );
    expect(plan.papers.map((p) => [p.id, p.title])).toEqual([
      ["openalex:W1", "Real"],
      ["hepth:1", "Also Real"],
      ["doi:10.1/y", "doi:10.1/y is its name"],
    ]);
  });

  it("when identifiers name two stored papers, picks the better-ranked one and leaves the other paper's identifier alone", () => {
    const byDoi = stored("doi:10.1/x", { doi: "10.1/x" });
    const byW = stored("openalex:W1", { openalexId: "W1" });
    const plan = planPapers([paper({ doi: "10.1/x", openalex: "W1" })], found([["doi", "10.1/x", byDoi], ["openalexId", "W1", byW]]));
    expect(plan).toMatchObject({ targets: ["doi:10.1/x"], conflicts: 1 });
    expect(plan.papers[0].identifiers).toEqual({});
  });
});

describe("planStubs", () => {
  it("makes one stub per cited work, reuses stored papers, and titles a stub by its identifier", () => {
    const known = stored("journals/corr/1512.03385", { arxivId: "1512.03385" });
    const plan = planStubs([{ openalex: "W9" }, { arxiv: "1512.03385" }, { openalex: "W9", doi: "10.1/y" }], found([["arxivId", "1512.03385", known]]));
    expect(plan.targets).toEqual(["doi:10.1/y", "journals/corr/1512.03385", "doi:10.1/y"]);
    expect(plan.stubs).toEqual([{ id: "doi:10.1/y", title: "doi:10.1/y", props: { doi: "10.1/y", openalexId: "W9" } }]);
  });
});
