// The record types follow the projection they were read with: the @ts-expect-error lines are the claim (ts-jest
// type-checks this file, and an expected error that does not happen fails it).
import { perProjection, projectionValues } from "../../src/neo4j/projection";
import { PAPER_PROPERTIES, paperFromValues, PaperProjection, paperProjection, paperValues, SelectedPaper } from "../../src/papers/paper.record";
import { SUMMARY_PROPERTIES, summaryFromValues, summaryValues } from "../../src/summaries/summary.record";

describe("paper records", () => {
  it("hold exactly the properties a projection known in code read", () => {
    const paper = paperFromValues(["p1", "A title"], ["id", "title"] as const);
    expect(paper).toEqual({ id: "p1", title: "A title" });
    const title: string = paper.title;
    // @ts-expect-error year was not read
    expect(paper.year).toBeUndefined();
    expect(title).toBe("A title");
  });

  it("make a resolver check any field but the id of a read chosen at run time", () => {
    const props: PaperProjection = paperProjection(new Set(["year"]));
    const paper: SelectedPaper = paperFromValues(["p1", 1999], props);
    expect(paper).toEqual({ id: "p1", year: 1999 });
    const id: string = paper.id;
    // @ts-expect-error the title may not have been read
    const title: string = paper.title;
    expect([id, title]).toEqual(["p1", undefined]);
  });

  it("read every property with PAPER_PROPERTIES, an absent one as null and an absent stub as false", () => {
    const paper = paperFromValues(["p1", "T", null, null, null, null, null, null, null, null, null, null, null], PAPER_PROPERTIES);
    const year: number | null = paper.year;
    expect(year).toBeNull();
    expect(paper.stub).toBe(false);
  });
});

describe("summary records", () => {
  it("always carry the paper id and the writer, and 0 votes when never voted on", () => {
    const summary = summaryFromValues(["s1", "body", null, "2020-01-01T00:00:00Z", null, null, null, "p1", [null, false, null]], SUMMARY_PROPERTIES);
    expect(summary).toEqual({
      id: "s1",
      body: "body",
      votes: 0,
      createdAt: "2020-01-01T00:00:00Z",
      createdBy: null,
      updatedBy: null,
      updatedAt: null,
      paperId: "p1",
      author: null,
    });
  });

  it("read a writer as an author by name, or as an identity's own node with its key", () => {
    const author = (values: unknown[]) => summaryFromValues(["s1", "p1", values], ["id"]).author;
    expect(author(["Ada", true, null])).toEqual({ name: "Ada", byName: true });
    expect(author(["Ada", true, "papers-graph|ada"])).toEqual({ name: "Ada", byName: true });
    expect(author(["Ada", false, "papers-graph|ada"])).toEqual({ name: "Ada", byName: false, identity: "papers-graph|ada" });
  });
});

describe("statements per projection", () => {
  it("write the properties out in the projection's order, with what follows them", () => {
    expect(paperValues("p", ["id", "title"])).toBe("[p.id, p.title]");
    expect(summaryValues("s", "p.id", "w", ["id", "body"])).toBe(
      "[s.id, s.body, p.id, [coalesce(w.name, w.displayName), w.name IS NOT NULL, w.identity]]",
    );
  });

  it("make each text once per property list and keep only the most recently used", () => {
    const built: string[] = [];
    const statement = perProjection<"id" | "title" | "year">((props) => {
      built.push(props.join());
      return `RETURN ${projectionValues("p", props)}`;
    }, 2);
    expect(statement(["id", "title"])).toBe("RETURN [p.id, p.title]");
    expect(statement(["id", "title"])).toBe("RETURN [p.id, p.title]");
    expect(statement(["id"])).toBe("RETURN [p.id]");
    expect(built).toEqual(["id,title", "id"]);
    statement(["id", "year"]); // a third list: the least recently used, ["id", "title"], goes
    statement(["id"]);
    statement(["id", "title"]);
    expect(built).toEqual(["id,title", "id", "id,year", "id,title"]);
  });
});
