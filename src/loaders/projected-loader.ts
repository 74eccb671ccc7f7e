// A DataLoader whose loads also name the properties their caller selected: one batch fetches, for all its keys,
// the union of what they asked for, and the cache tells projections apart so a narrow read never answers a wider one.
import DataLoader from "dataloader";
import type { LoaderOptions } from "./create-loaders";
import { orderByKey } from "./order-by-key";

/** Fetches the values of many keys at once with the given properties; the result is in the order of `keys`. */
export type ProjectedFetch<P extends string, V> = (keys: string[], props: readonly P[]) => Promise<V[]>;

interface ProjectedKey<P extends string> {
  key: string;
  props: readonly P[];
}

const SEPARATOR = "\u0000";

/**
 * DataLoader's cache, indexed by key: a load can then be answered by a cached read of the same key with a wider
 * projection, and one key can be dropped under every projection it was read with.
 */
class ProjectionCache<V> extends Map<string, Promise<V>> {
  private readonly byKey = new Map<string, Set<string>>();

  set(cacheKey: string, value: Promise<V>): this {
    super.set(cacheKey, value);
    const key = cacheKey.slice(0, cacheKey.indexOf(SEPARATOR));
    let entries = this.byKey.get(key);
    if (!entries) {
      entries = new Set();
      this.byKey.set(key, entries);
    }
    entries.add(cacheKey);
    return this;
  }

  delete(cacheKey: string): boolean {
    this.byKey.get(cacheKey.slice(0, cacheKey.indexOf(SEPARATOR)))?.delete(cacheKey);
    return super.delete(cacheKey);
  }

  clear(): void {
    this.byKey.clear();
    super.clear();
  }

  /** A cached read of `key` whose properties include all of `props`, if there is one. */
  covering(key: string, props: readonly string[]): Promise<V> | undefined {
    for (const cacheKey of this.byKey.get(key) ?? []) {
      const have = cacheKey.slice(key.length + SEPARATOR.length).split(",");
      if (props.every((p) => have.includes(p))) return super.get(cacheKey);
    }
    return undefined;
  }

  forgetKey(key: string): void {
    for (const cacheKey of [...(this.byKey.get(key) ?? [])]) this.delete(cacheKey);
  }
}

export class ProjectedLoader<P extends string, V> {
  private readonly cache = new ProjectionCache<V>();
  private readonly loader: DataLoader<ProjectedKey<P>, V, string>;

  /** `all` lists every property in canonical order (empty for values that have no projection). */
  constructor(
    private readonly all: readonly P[],
    fetch: ProjectedFetch<P, V>,
    options: LoaderOptions,
  ) {
    this.loader = new DataLoader<ProjectedKey<P>, V, string>(
      async (loads) => {
        const keys = [...new Set(loads.map((l) => l.key))];
        const props = loads.length === 1 ? loads[0].props : this.union(loads);
        const values = await fetch(keys, props);
        // One value per distinct key came back; each load (a key may come with several projections) takes its key's.
        const rows = keys.map((key, i) => ({ key, value: values[i] }));
        return orderByKey(loads.map((l) => l.key), rows, (r) => r.key, (r) => r.value, () => undefined as V);
      },
      { batch: options.batch, cacheKeyFn: (l) => l.key + SEPARATOR + l.props.join(","), cacheMap: this.cache },
    );
  }

  /** `props` must be a subsequence of `all`, as the repositories' projection functions return; all by default. */
  load(key: string, props: readonly P[] = this.all): Promise<V> {
    return this.cache.covering(key, props) ?? this.loader.load({ key, props });
  }

  loadMany(keys: readonly string[], props: readonly P[] = this.all): Promise<Array<V | Error>> {
    return this.loader.loadMany(keys.map((key) => ({ key, props })));
  }

  prime(key: string, props: readonly P[], value: V): void {
    this.loader.prime({ key, props }, value);
  }

  /** Forgets one key under every projection. */
  forget(key: string): void {
    this.cache.forgetKey(key);
  }

  forgetAll(): void {
    this.loader.clearAll();
  }

  private union(loads: readonly ProjectedKey<P>[]): readonly P[] {
    const wanted = new Set(loads.flatMap((l) => l.props));
    return this.all.filter((p) => wanted.has(p));
  }
}
