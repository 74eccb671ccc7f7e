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

/** DataLoader's cache, plus dropping one key under every projection it was read with. */
class ProjectionCache<V> extends Map<string, Promise<V>> {
  forgetKey(key: string): void {
    const prefix = key + SEPARATOR;
    for (const k of this.keys()) if (k.startsWith(prefix)) this.delete(k);
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
    return this.loader.load({ key, props });
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
