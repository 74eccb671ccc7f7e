import { ProjectedLoader } from "../../src/loaders/projected-loader";

type Prop = "id" | "title" | "year";
const ALL: Prop[] = ["id", "title", "year"];

/** A loader over an in-memory table that records every fetch it is asked for. */
function loader() {
  const fetches: Array<{ keys: string[]; props: readonly Prop[] }> = [];
  const table: Record<string, Record<Prop, string>> = {
    a: { id: "a", title: "A", year: "2001" },
    b: { id: "b", title: "B", year: "2002" },
  };
  const l = new ProjectedLoader<Prop, Partial<Record<Prop, string>> | null>(
    ALL,
    async (keys, props) => {
      fetches.push({ keys, props });
      return keys.map((k) => (table[k] ? Object.fromEntries(props.map((p) => [p, table[k][p]])) : null));
    },
    { batch: true },
  );
  return { l, fetches };
}

describe("ProjectedLoader", () => {
  it("fetches one batch with the union of its loads' properties, each key once", async () => {
    const { l, fetches } = loader();
    const [a1, a2, b] = await Promise.all([l.load("a", ["id"]), l.load("a", ["id", "year"]), l.load("b", ["id", "title"])]);
    expect(fetches).toEqual([{ keys: ["a", "b"], props: ["id", "title", "year"] }]);
    expect(a1).toEqual({ id: "a", title: "A", year: "2001" });
    expect(a2).toBe(a1);
    expect(b).toEqual({ id: "b", title: "B", year: "2002" });
  });

  it("answers a narrower load from a wider cached read, and fetches again for a wider one", async () => {
    const { l, fetches } = loader();
    await l.load("a", ["id", "title"]);
    expect(await l.load("a", ["id"])).toEqual({ id: "a", title: "A" });
    expect(fetches).toHaveLength(1);
    expect(await l.load("a", ["id", "year"])).toEqual({ id: "a", year: "2001" });
    expect(fetches).toHaveLength(2);
  });

  it("forgets a key under every projection, and only that key", async () => {
    const { l, fetches } = loader();
    await Promise.all([l.load("a", ["id"]), l.load("b", ["id"])]);
    await l.load("a", ["id", "title"]);
    l.forget("a");
    await Promise.all([l.load("a", ["id"]), l.load("b", ["id"])]);
    expect(fetches.map((f) => f.keys)).toEqual([["a", "b"], ["a"], ["a"]]);
  });

  it("keeps a primed value under its own projection", async () => {
    const { l, fetches } = loader();
    l.prime("a", ["id"], { id: "a" });
    expect(await l.load("a", ["id"])).toEqual({ id: "a" });
    expect(fetches).toHaveLength(0);
    expect(await l.load("a", ["id", "title"])).toEqual({ id: "a", title: "A" });
    expect(fetches).toHaveLength(1);
  });
});
