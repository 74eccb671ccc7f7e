// The cursor codec: keys round-trip, cursors stay opaque and short, and anything but a cursor of the same list is
// refused with BAD_USER_INPUT saying why.
import { GraphQLError } from "graphql";
import { z } from "zod";
import { afterInScope, cursorCodec, cursorDigest, foreignCursor, lazyScope } from "../../src/graphql/cursor";

const byId = cursorCodec("t-id", "things ordered by ID", { id: z.string() });
const byYear = cursorCodec("t-year", "things ordered by YEAR", { value: z.int(), id: z.string() });
const ranked = cursorCodec("t-rank", "ranked things", { score: z.number(), field: z.enum(["TITLE", "ABSTRACT"]), key: z.string() });
const scoped = cursorCodec("t-scoped", "things found", { words: z.string(), fields: z.string(), value: z.int(), id: z.string() });

const raw = (value: unknown) => Buffer.from(JSON.stringify(value), "utf8").toString("base64url");

function refusal(decode: () => unknown): GraphQLError {
  let thrown: unknown;
  try {
    decode();
  } catch (e) {
    thrown = e;
  }
  expect(thrown).toBeInstanceOf(GraphQLError);
  expect((thrown as GraphQLError).extensions.code).toBe("BAD_USER_INPUT");
  return thrown as GraphQLError;
}

describe("cursor codecs", () => {
  it("round-trip their key, including slashes, non-ASCII, floats and negative numbers", () => {
    for (const id of ["journals/corr/1512.03385", "hepth:9201001", "Ünïcödé/ß", "", '"]['])
      expect(byId.decode(byId.encode({ id }))).toEqual({ id });
    expect(byYear.decode(byYear.encode({ value: -12, id: "a" }))).toEqual({ value: -12, id: "a" });
    const hit = { score: 0.1 + 0.2, field: "ABSTRACT" as const, key: "shortscience/resnet" };
    expect(ranked.decode(ranked.encode(hit))).toEqual(hit);
  });

  it("write only the key's fields, whatever else the item holds", () => {
    const item = { id: "a/b", title: "A long title that has no place in a cursor" };
    expect(byId.encode(item)).toBe(byId.encode({ id: "a/b" }));
  });

  it("are opaque and short: the key is not readable, and the cursor is little longer than the key", () => {
    const cursor = byId.encode({ id: "journals/corr/1512.03385" });
    expect(cursor).not.toContain("1512");
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor.length).toBeLessThanOrEqual(Math.ceil((("journals/corr/1512.03385".length + 14) * 4) / 3));
  });

  it("read no cursor, absent or an explicit null, as the first page", () => {
    expect(byId.decodeAfter(undefined)).toBeNull();
    expect(byId.decodeAfter(null)).toBeNull();
    expect(byId.decodeAfter(byId.encode({ id: "x" }))).toEqual({ id: "x" });
  });

  it("refuse a cursor of another list, naming both lists", () => {
    const yearCursor = byYear.encode({ value: 2016, id: "a" });
    const error = refusal(() => byId.decode(yearCursor));
    expect(error.message).toContain("belongs to things ordered by YEAR, not to things ordered by ID");
    // Also when the other list's key would fit this one's shape.
    expect(refusal(() => byYear.decode(byId.encode({ id: "a" }))).message).toContain("belongs to things ordered by ID");
    expect(refusal(() => ranked.decodeAfter(yearCursor)).message).toContain("not to ranked things");
  });

  it.each([
    ["an empty string", ""],
    ["not base64", "not-base64!"],
    ["base64 of no JSON", Buffer.from("nope").toString("base64url")],
    ["a JSON object", raw({ kind: "t-id", id: "a" })],
    ["a JSON string", raw("t-id")],
    ["an array without a kind", raw([1, 2])],
    ["an unknown kind", raw(["k0", "x"])],
    ["the cursor format before codecs", raw(["k1", "journals/corr/1512.03385"])],
  ])("refuse %s as not valid", (_name, cursor) => {
    for (const codec of [byId, byYear, ranked]) {
      expect(refusal(() => codec.decode(cursor)).message).toMatch(/^The cursor ".*" is not valid: pass an endCursor from an earlier page\.$/);
    }
  });

  it.each([
    ["without a key", byId, ["t-id"]],
    ["with a key of the wrong type", byId, ["t-id", 7]],
    ["with an extra field", byId, ["t-id", "a", "b"]],
    ["with a field missing", byYear, ["t-year", 2016]],
    ["with a fractional year", byYear, ["t-year", 2016.5, "a"]],
    ["with a year as a string", byYear, ["t-year", "2016", "a"]],
    ["with an unknown field", ranked, ["t-rank", 1.5, "SUMMARY", "a"]],
  ] as const)("refuse their own kind %s as not valid", (_name, codec, cursor) => {
    expect(refusal(() => codec.decode(raw(cursor))).message).toMatch(/is not valid/);
  });

  it("quote at most 60 characters of a refused cursor", () => {
    const long = "x".repeat(500);
    expect(refusal(() => byId.decode(long)).message).toContain(`"${"x".repeat(60)}"`);
    expect(refusal(() => byId.decode(long)).message).not.toContain("x".repeat(61));
  });

  it("digest the arguments a list's order depends on: the same value alike, another value otherwise, in 8 characters", () => {
    const weights = [1, 0.5, 0.5, 1, 1, 0.5];
    expect(cursorDigest(weights)).toBe(cursorDigest([...weights]));
    expect(cursorDigest(weights)).not.toBe(cursorDigest([1, 0.5, 0.5, 1, 2, 0.5]));
    expect(cursorDigest("journals/corr/1512.03385")).not.toBe(cursorDigest("journals/corr/1608.06993"));
    expect(cursorDigest("journals/corr/1512.03385")).toMatch(/^[A-Za-z0-9_-]{8}$/);
  });

  it("refuse a cursor made for other arguments, saying whose it is", () => {
    const error = foreignCursor("x".repeat(100), "the related papers of another paper");
    expect(error.extensions.code).toBe("BAD_USER_INPUT");
    expect(error.message).toBe(
      `The cursor "${"x".repeat(60)}" belongs to the related papers of another paper: pass an endCursor from an earlier page of the same list.`,
    );
  });

  it("take a cursor of the same scope in a scoped list, and give its key without the scope", () => {
    const scope = { words: cursorDigest("residual networks"), fields: cursorDigest(["TITLE"]) };
    const whose = { words: "a search for other words", fields: "a search of other fields" };
    const cursor = scoped.encode({ ...scope, value: 3, id: "a/b" });
    expect(afterInScope(scoped, cursor, () => ({ ...scope }), whose)).toEqual({ value: 3, id: "a/b" });
    // Without a cursor the scope is not made (lazyScope: a page nobody pages through hashes nothing).
    const made = jest.fn(() => scope);
    expect(afterInScope(scoped, undefined, lazyScope(made), whose)).toBeNull();
    expect(afterInScope(scoped, null, lazyScope(made), whose)).toBeNull();
    expect(made).not.toHaveBeenCalled();
    const once = lazyScope(made);
    expect(afterInScope(scoped, cursor, once, whose)).toEqual({ value: 3, id: "a/b" });
    expect(once()).toBe(scope);
    expect(made).toHaveBeenCalledTimes(1);
  });

  it("refuse a cursor of another scope, naming the argument that differs, and another list's by its kind first", () => {
    const scope = { words: cursorDigest("residual networks"), fields: cursorDigest(["TITLE"]) };
    const whose = { words: "a search for other words", fields: "a search of other fields" };
    const otherWords = scoped.encode({ ...scope, words: cursorDigest("gan"), value: 3, id: "a/b" });
    const otherFields = scoped.encode({ ...scope, fields: cursorDigest(["TITLE", "ABSTRACT"]), value: 3, id: "a/b" });
    expect(refusal(() => afterInScope(scoped, otherWords, () => scope, whose)).message).toMatch(/^The cursor ".*" belongs to a search for other words: /);
    expect(refusal(() => afterInScope(scoped, otherFields, () => scope, whose)).message).toMatch(/belongs to a search of other fields: /);
    expect(refusal(() => afterInScope(scoped, byYear.encode({ value: 3, id: "a/b" }), () => scope, whose)).message).toContain(
      "belongs to things ordered by YEAR, not to things found",
    );
  });

  it("cannot share a kind between two lists", () => {
    expect(() => cursorCodec("t-id", "other things", { id: z.string() })).toThrow(/already the kind of things ordered by ID/);
  });
});
