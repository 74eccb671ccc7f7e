// Per-request DataLoaders of graph exploration: Paper.related and Paper.citationsByYear, batched per nesting level.
import DataLoader from "dataloader";
import type { Repositories } from "../repositories";
import type { RelatedGroup, RelatedPage, YearCountRecord } from "../graph/graph.repository";
import { orderByKey } from "./order-by-key";
import type { LoaderOptions } from "./create-loaders";

export function createGraphLoaders(repos: Repositories, options: LoaderOptions) {
  // One loader per (first, after, weights): fields asked with the same arguments at one level share a batch.
  const relatedByArgs = new Map<string, DataLoader<string, RelatedGroup>>();

  return {
    relatedByPaperId(page: RelatedPage): DataLoader<string, RelatedGroup> {
      const id = JSON.stringify(page);
      let loader = relatedByArgs.get(id);
      if (!loader) {
        loader = new DataLoader<string, RelatedGroup>(async (ids) =>
          orderByKey(ids, await repos.graph.findRelatedByPaperIds(ids, page), (g) => g.key, (g) => g, () => ({ key: "", total: 0, items: [] })),
          options,
        );
        relatedByArgs.set(id, loader);
      }
      return loader;
    },

    citationsByYearByPaperId: new DataLoader<string, YearCountRecord[]>(async (ids) =>
      orderByKey(ids, await repos.graph.findCitationsByYearByPaperIds(ids), (r) => r.key, (r) => r.items, () => []),
      options,
    ),
  };
}
