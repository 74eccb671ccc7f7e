// The one kind of per-request loader: values by key, optionally read with a projection (the properties the callers
// selected) and optionally a page of a list per key. Every loader of a request is made by its LoaderRegistry, which
// empties them all whenever the request's database handle reports a write (src/graphql/context.ts).
import DataLoader from "dataloader";
import { orderByKey } from "./order-by-key";

export interface LoaderOptions {
  /**
   * false turns every batch into one call per parent, as plain per-parent resolvers would run: only for the
   * benchmark's ablation (DATALOADER_BATCHING=false), to show what batching buys.
   */
  batch: boolean;
}

/** What one load asks for besides its key: the properties (all by default) and the page (for paged loaders). */
export interface LoadOptions<P extends string, Pg> {
  props?: readonly P[];
  page?: Pg;
}

/** The options of a load: a paged loader's loads must name their page. */
type LoadArgs<P extends string, Pg> = undefined extends Pg
  ? [options?: LoadOptions<P, Pg>]
  : [options: LoadOptions<P, Pg> & { page: Pg }];

/**
 * Fetches the values of many keys at once with the given properties and page; the result is in the order of `keys`
 * (see orderByKey), a missing key's value included.
 */
export type Fetch<V, P extends string, Pg> = (keys: string[], props: readonly P[], page: Pg) => Promise<V[]>;

export interface LoaderSpec<V, P extends string, Pg> {
  fetch: Fetch<V, P, Pg>;
  /** Every property in canonical order; omitted for values that have no projection. */
  all?: readonly P[];
}

interface ProjectedKey<P extends string> {
  key: string;
  props: readonly P[];
}

const SEPARATOR = "\u0000";

/**
 * DataLoader's cache, indexed by key: a load can then be answered by a cached read of the same key with a wider
 * projection, so a narrow read never answers a wider one and a wide one answers every narrower one.
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
}

/**
 * One batch per page: loads with the same page at one nesting level (what GraphQL selections give in practice)
 * share a batch, which fetches for all its keys the union of the properties they asked for.
 */
export class Loader<V, P extends string = never, Pg = undefined> {
  private readonly byPage = new Map<string, { cache: ProjectionCache<V>; loader: DataLoader<ProjectedKey<P>, V, string> }>();
  private readonly all: readonly P[];

  constructor(
    private readonly spec: LoaderSpec<V, P, Pg>,
    private readonly options: LoaderOptions,
  ) {
    this.all = spec.all ?? [];
  }

  /** `props` must be a subsequence of `all`, as the projection functions of the record modules return. */
  load(key: string, ...[options]: LoadArgs<P, Pg>): Promise<V> {
    const props = options?.props ?? this.all;
    const { cache, loader } = this.forPage(options?.page as Pg);
    return cache.covering(key, props) ?? loader.load({ key, props });
  }

  loadMany(keys: readonly string[], ...[options]: LoadArgs<P, Pg>): Promise<Array<V | Error>> {
    const props = options?.props ?? this.all;
    return this.forPage(options?.page as Pg).loader.loadMany(keys.map((key) => ({ key, props })));
  }

  /** Values a list query has read already: later loads of their keys with the same projection cost nothing. */
  prime(values: Iterable<NonNullable<V>>, keyOf: (value: NonNullable<V>) => string, ...[options]: LoadArgs<P, Pg>): void {
    this.primeKeyed([...values].map((value) => [keyOf(value), value] as const), ...([options] as LoadArgs<P, Pg>));
  }

  /**
   * prime with each value's key given: a list value (a page of a parent's items) may be empty. An Error is the
   * value's read failing: a load of its key rejects with it, as it would have from its own batch.
   */
  primeKeyed(entries: Iterable<readonly [string, NonNullable<V> | Error]>, ...[options]: LoadArgs<P, Pg>): void {
    const props = options?.props ?? this.all;
    const { loader } = this.forPage(options?.page as Pg);
    for (const [key, value] of entries) loader.prime({ key, props }, value);
  }

  /** Forgets every cached value under every page and projection; the registry calls it after each write. */
  clearAll(): void {
    this.byPage.clear();
  }

  private forPage(page: Pg) {
    const id = page === undefined ? "" : JSON.stringify(page);
    let entry = this.byPage.get(id);
    if (!entry) {
      const cache = new ProjectionCache<V>();
      const loader = new DataLoader<ProjectedKey<P>, V, string>(
        async (loads) => {
          const keys = [...new Set(loads.map((l) => l.key))];
          const props = loads.length === 1 ? loads[0].props : this.union(loads);
          const values = await this.spec.fetch(keys, props, page);
          // One value per distinct key came back; each load (a key may come with several projections) takes its key's.
          const rows = keys.map((key, i) => ({ key, value: values[i] }));
          return orderByKey(loads.map((l) => l.key), rows, (r) => r.key, (r) => r.value, () => undefined as V);
        },
        { batch: this.options.batch, cacheKeyFn: (l) => l.key + SEPARATOR + l.props.join(","), cacheMap: cache },
      );
      entry = { cache, loader };
      this.byPage.set(id, entry);
    }
    return entry;
  }

  private union(loads: readonly ProjectedKey<P>[]): readonly P[] {
    const wanted = new Set(loads.flatMap((l) => l.props));
    return this.all.filter((p) => wanted.has(p));
  }
}

/**
 * The loaders of one request. A loader can only be made here, and `clearAll` empties every one: the request's
 * database handle calls it after each write transaction, so no mutation has to know which caches its write touched.
 */
export class LoaderRegistry {
  private readonly loaders: Array<{ clearAll(): void }> = [];

  constructor(private readonly options: LoaderOptions = { batch: true }) {}

  loader<V, P extends string = never, Pg = undefined>(spec: LoaderSpec<V, P, Pg>): Loader<V, P, Pg> {
    const loader = new Loader(spec, this.options);
    this.loaders.push(loader);
    return loader;
  }

  clearAll(): void {
    for (const loader of this.loaders) loader.clearAll();
  }
}
