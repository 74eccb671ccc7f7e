// A nested list's page after an item that has left the list is refused, not read as an empty end; any other page
// (not empty, the first, or after an item still listed) is answered as it is, and the list is asked only when needed.
import { GraphQLError } from "graphql";
import { expectListedAfter } from "../../src/graphql/page.args";

describe("expectListedAfter", () => {
  const GONE = "is none (deleted since it was read?)";

  function lookup(listed: boolean) {
    const asked: string[] = [];
    const fn = async (after: string) => {
      asked.push(after);
      return listed;
    };
    return { asked, fn };
  }

  it("answers a page with items, and a first page, without asking the list", async () => {
    const { asked, fn } = lookup(false);
    await expect(expectListedAfter([{ id: "s/2" }], "s/1", fn, "a summary of this paper", GONE)).resolves.toBeUndefined();
    await expect(expectListedAfter([], "", fn, "a summary of this paper", GONE)).resolves.toBeUndefined();
    expect(asked).toEqual([]);
  });

  it("answers an empty page after an item still listed: the end of the list", async () => {
    const { asked, fn } = lookup(true);
    await expect(expectListedAfter([], "s/9", fn, "a summary of this paper", GONE)).resolves.toBeUndefined();
    expect(asked).toEqual(["s/9"]);
  });

  it("refuses an empty page after an item no longer listed with BAD_USER_INPUT, naming the list and at most 100 characters of the item", async () => {
    const { asked, fn } = lookup(false);
    const refused = await expectListedAfter([], "Cy", fn, "an author of this paper", "is not on its byline (changed since it was read?)").catch((e) => e);
    expect(refused).toBeInstanceOf(GraphQLError);
    expect(refused.extensions.code).toBe("BAD_USER_INPUT");
    expect(refused.message).toBe(
      'after must name an author of this paper: "Cy" is not on its byline (changed since it was read?). Read the list again from its start.',
    );
    expect(asked).toEqual(["Cy"]);
    const long = await expectListedAfter([], "x".repeat(300), fn, "a summary of this paper", GONE).catch((e) => e);
    expect(long.message).toContain(`"${"x".repeat(100)}" ${GONE}`);
    expect(long.message).not.toContain("x".repeat(101));
  });
});
