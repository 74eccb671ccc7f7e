import { GraphQLError } from "graphql";
import { decodeCursor, encodeCursor } from "../../src/graphql/cursor";

describe("keyset cursors", () => {
  it("round-trip the sort key, including slashes and non-ASCII", () => {
    for (const key of ["journals/corr/1512.03385", "hepth:9201001", "Ünïcödé/ß"]) {
      expect(decodeCursor(encodeCursor(key))).toBe(key);
    }
  });

  it("are opaque: the key does not appear in the cursor", () => {
    expect(encodeCursor("journals/corr/1512.03385")).not.toContain("1512");
  });

  it.each(["", "not-base64!", Buffer.from("[1,2]").toString("base64url"), Buffer.from('["k0","x"]').toString("base64url")])(
    "reject %p with BAD_USER_INPUT",
    (bad) => {
      let thrown: unknown;
      try {
        decodeCursor(bad);
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(GraphQLError);
      expect((thrown as GraphQLError).extensions.code).toBe("BAD_USER_INPUT");
      expect((thrown as GraphQLError).message).toMatch(/cursor .* is not valid/);
    },
  );
});
