// Per-request DataLoaders of graph exploration: Paper.related and Paper.citationsByYear, batched per nesting level.
import DataLoader from "dataloader";
import type { Repositories } from "../repositories";
import type { RelatedGroup, RelatedPage, YearCountRecord } from "../graph/graph.repository";
import { orderByKey } from "./order-by-key";
import type { LoaderOptions } from "./create-loaders";

export function createGraphLoaders(repos: Repositories, options: LoaderOptions) {
  // One loader per (first, after, weights): fields asked with the same arguments at one level share a batch.
  const relatedByArgs = new Map<string, DataLoader<string, RelatedGroup>>();
  const citationsByYearByPaperId = new DataLoader<string, YearCountRecord[]>(
    async (ids) => orderByKey(ids, await repos.graph.findCitationsByYearByPaperIds(ids), (r) => r.key, (r) => r.items, () => []),
    options,
  );

  return {
    relatedByPaperId(page: RelatedPage): DataLoader<string, RelatedGroup> {
      const id = JSON.stringify(page);
      let loader = relatedByArgs.get(id);
      if (!loader) {
        loader = new DataLoader<string, RelatedGroup>(
          async (ids) =>
            orderByKey(ids, await repos.graph.findRelatedByPaperIds(ids, page), (g) => g.key, (g) => g, () => ({ key: "", total: 0, items: [] })),
          options,
        );
        relatedByArgs.set(id, loader);
      }
      return loader;
    },

    citationsByYearByPaperId,

    /**
     * After a mutation: one new edge changes the related lists of papers two hops away and the yearly counts of
     * its target, so every cached graph list of the request goes.
     */
    forgetGraph() {
      relatedByArgs.clear();
      citationsByYearByPaperId.clearAll();
    },
  };
}
