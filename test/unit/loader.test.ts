import { Loader, LoaderRegistry } from "../../src/loaders/loader";

type Prop = "id" | "title" | "year";
const ALL: Prop[] = ["id", "title", "year"];
type Row = Partial<Record<Prop, string>>;

const TABLE: Record<string, Record<Prop, string>> = {
  a: { id: "a", title: "A", year: "2001" },
  b: { id: "b", title: "B", year: "2002" },
};

/** A projected, paged loader over an in-memory table that records every fetch it is asked for. */
function loader(registry = new LoaderRegistry()) {
  const fetches: Array<{ keys: string[]; props: readonly Prop[]; page: number }> = [];
  const l: Loader<Row | null, Prop, number> = registry.loader<Row | null, Prop, number>({
    all: ALL,
    fetch: async (keys, props, page) => {
      fetches.push({ keys, props, page });
      return keys.map((k) => (TABLE[k] ? Object.fromEntries(props.map((p) => [p, TABLE[k][p]])) : null));
    },
  });
  return { l, fetches, registry };
}

describe("Loader", () => {
  it("fetches one batch with the union of its loads' properties, each key once", async () => {
    const { l, fetches } = loader();
    const [a1, a2, b] = await Promise.all([
      l.load("a", { props: ["id"], page: 1 }),
      l.load("a", { props: ["id", "year"], page: 1 }),
      l.load("b", { props: ["id", "title"], page: 1 }),
    ]);
    expect(fetches).toEqual([{ keys: ["a", "b"], props: ["id", "title", "year"], page: 1 }]);
    expect(a1).toEqual({ id: "a", title: "A", year: "2001" });
    expect(a2).toBe(a1);
    expect(b).toEqual({ id: "b", title: "B", year: "2002" });
  });

  it("answers a narrower load from a wider cached read, and fetches again for a wider one", async () => {
    const { l, fetches } = loader();
    await l.load("a", { props: ["id", "title"], page: 1 });
    expect(await l.load("a", { props: ["id"], page: 1 })).toEqual({ id: "a", title: "A" });
    expect(fetches).toHaveLength(1);
    expect(await l.load("a", { props: ["id", "year"], page: 1 })).toEqual({ id: "a", year: "2001" });
    expect(fetches).toHaveLength(2);
  });

  it("batches and caches each page apart", async () => {
    const { l, fetches } = loader();
    await Promise.all([l.load("a", { page: 1 }), l.load("b", { page: 2 }), l.load("b", { page: 1 })]);
    expect(fetches).toEqual([
      { keys: ["a", "b"], props: ALL, page: 1 },
      { keys: ["b"], props: ALL, page: 2 },
    ]);
    await l.load("a", { page: 1 });
    expect(fetches).toHaveLength(2);
  });

  it("keeps a primed value under its own projection", async () => {
    const { l, fetches } = loader();
    l.prime([{ id: "a" }], (r) => r.id as string, { props: ["id"], page: 1 });
    expect(await l.load("a", { props: ["id"], page: 1 })).toEqual({ id: "a" });
    expect(fetches).toHaveLength(0);
    expect(await l.load("a", { props: ["id", "title"], page: 1 })).toEqual({ id: "a", title: "A" });
    expect(fetches).toHaveLength(1);
  });
});

describe("LoaderRegistry", () => {
  it("empties every loader it made, under every page and projection", async () => {
    const registry = new LoaderRegistry();
    const first = loader(registry);
    const second = loader(registry);
    await Promise.all([first.l.load("a", { page: 1 }), first.l.load("a", { props: ["id"], page: 2 }), second.l.load("b", { page: 1 })]);
    registry.clearAll();
    await Promise.all([first.l.load("a", { props: ["id"], page: 1 }), first.l.load("a", { props: ["id"], page: 2 }), second.l.load("b", { page: 1 })]);
    expect(first.fetches.map((f) => f.page)).toEqual([1, 2, 1, 2]);
    expect(second.fetches.map((f) => f.page)).toEqual([1, 1]);
  });

  it("makes unprojected, unpaged loaders of the same kind", async () => {
    const registry = new LoaderRegistry({ batch: true });
    const fetched: string[][] = [];
    const names = registry.loader<string>({ fetch: async (keys) => (fetched.push(keys), keys.map((k) => k.toUpperCase())) });
    expect(await Promise.all([names.load("x"), names.load("y"), names.load("x")])).toEqual(["X", "Y", "X"]);
    expect(fetched).toEqual([["x", "y"]]);
  });
});
