// The export's value encoding: every type the store holds comes back as the same Bolt value, and anything else is
// refused with where it was.
import neo4j from "neo4j-driver";
import { decodeValue, encodeValue, ExportFormatError, nodeKey } from "../../src/backup/export-format";

describe("export value encoding", () => {
  const roundTrip = (value: unknown) => decodeValue(JSON.parse(JSON.stringify(encodeValue(value, "x"))), "x");

  it("keeps integers, floats, strings, booleans and lists apart", () => {
    expect(encodeValue(neo4j.int(2017), "x")).toBe(2017);
    expect(roundTrip(neo4j.int(2017))).toEqual(neo4j.int(2017));
    expect(encodeValue(2.5, "x")).toEqual({ $float: 2.5 });
    expect(roundTrip(2)).toBe(2);
    expect(roundTrip(["a", neo4j.int(-1)])).toEqual(["a", neo4j.int(-1)]);
    expect(roundTrip("{\"$float\": 1}")).toBe("{\"$float\": 1}");
    expect(roundTrip(false)).toBe(false);
  });

  it("keeps date-times to the nanosecond, with their offset or zone", () => {
    for (const text of ["2026-11-30T02:39:12.123456789Z", "2026-11-30T02:39:12Z", "1999-01-02T03:04:05.500000000+05:30", "2026-06-01T12:00:00+02:00[Europe/Berlin]"]) {
      const value = decodeValue({ $datetime: text }, "x") as object;
      expect(neo4j.isDateTime(value)).toBe(true);
      expect(encodeValue(value, "x")).toEqual({ $datetime: text });
    }
    expect(neo4j.isDateTime(roundTrip(new neo4j.types.DateTime(2026, 11, 30, 2, 39, 12, 1000, 0)))).toBe(true);
    expect(roundTrip(new neo4j.types.Date(2026, 1, 2))).toEqual(new neo4j.types.Date(2026, 1, 2));
  });

  it("refuses values it does not carry, naming where", () => {
    expect(() => encodeValue(neo4j.int("9007199254740993"), "Paper a.year")).toThrow(new ExportFormatError("Paper a.year: integer 9007199254740993 is outside the exportable range"));
    expect(() => decodeValue({ $datetime: "yesterday" }, "summaries.jsonl:4.createdAt")).toThrow(ExportFormatError);
    expect(() => decodeValue({ $float: 1, extra: 2 }, "x")).toThrow(ExportFormatError);
  });

  it("keys a person by identity when signed in, else by name", () => {
    expect(nodeKey("Person", { identity: "iss|sub", name: "A" })).toEqual({ identity: "iss|sub" });
    expect(nodeKey("Person", { name: "A" })).toEqual({ name: "A" });
    expect(nodeKey("Paper", { id: "p" })).toBe("p");
    expect(nodeKey("Summary", {})).toBeNull();
  });
});
