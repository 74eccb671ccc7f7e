// Per-request DataLoaders: each turns all the loads of one nesting level into one batched repository call.
import DataLoader from "dataloader";
import type { Repositories } from "../repositories";
import type { Group, Page } from "../neo4j/page";
import { CitationDirection, citationKey, PaperRecord, PaperStatsRecord, SeeAlsoLinkRecord } from "../papers/paper.repository";
import type { SummaryRecord } from "../summaries/summary.repository";
import type { PersonRecord } from "../people/person.repository";
import { orderByKey } from "./order-by-key";
import { createGraphLoaders } from "./graph-loaders";

type GroupFetch<T> = (keys: readonly string[], page: Page) => Promise<Group<T>[]>;

type PagedLoader<T> = ((page: Page) => DataLoader<string, T[]>) & {
  /** Drops one parent's cached lists under every page, after a mutation changed them. */
  forget(key: string): void;
  forgetAll(): void;
};

/**
 * Lists are paged per parent, so a loader serves one (first, after) pair: fields asked with the same arguments
 * at one nesting level share a batch, which is what GraphQL selections give in practice.
 */
function pagedLoader<T>(fetch: GroupFetch<T>, options: LoaderOptions): PagedLoader<T> {
  const byPage = new Map<string, DataLoader<string, T[]>>();
  const forPage = (page: Page) => {
    const id = `${page.first}\u0000${page.after}`;
    let loader = byPage.get(id);
    if (!loader) {
      loader = new DataLoader<string, T[]>(
        async (keys) => orderByKey(keys, await fetch(keys, page), (g) => g.key, (g) => g.items, () => []),
        options,
      );
      byPage.set(id, loader);
    }
    return loader;
  };
  return Object.assign(forPage, {
    forget(key: string) {
      for (const loader of byPage.values()) loader.clear(key);
    },
    forgetAll() {
      byPage.clear();
    },
  });
}

export interface LoaderOptions {
  /**
   * false turns every batch into one call per parent, as plain per-parent resolvers would run: only for the
   * benchmark's ablation (DATALOADER_BATCHING=false), to show what batching buys.
   */
  batch: boolean;
}

export function createLoaders(repos: Repositories, options: LoaderOptions = { batch: true }) {
  const paperById = new DataLoader<string, PaperRecord | null>(async (ids) =>
    orderByKey(ids, await repos.papers.findByIds(ids), (r) => r.key, (r) => r.paper, () => null),
    options,
  );
  const paperByKey = new DataLoader<string, PaperRecord | null>(async (keys) =>
    orderByKey(keys, await repos.papers.findByKeys(keys), (r) => r.key, (r) => r.paper, () => null),
    options,
  );
  const summaryById = new DataLoader<string, SummaryRecord | null>(async (ids) =>
    orderByKey(ids, await repos.summaries.findByIds(ids), (r) => r.key, (r) => r.summary, () => null),
    options,
  );
  const personByName = new DataLoader<string, PersonRecord | null>(async (names) =>
    orderByKey(names, await repos.people.findByNames(names), (r) => r.key, (r) => r.person, () => null),
    options,
  );
  const statsByPaperId = new DataLoader<string, PaperStatsRecord | null>(async (ids) =>
    orderByKey(ids, await repos.papers.findStatsByPaperIds(ids), (r) => r.key, (r) => r, () => null),
    options,
  );

  // Keyed by citationKey(direction, id): references and citedBy at one nesting level share one batch.
  const citationsByPaperKey = pagedLoader<PaperRecord>((keys, page) => repos.papers.findCitationsByPaperKeys(keys, page), options);
  const citations = (direction: CitationDirection) => (page: Page) => ({
    load: (id: string) => citationsByPaperKey(page).load(citationKey(direction, id)),
  });
  const seeAlsoByPaperId = pagedLoader<SeeAlsoLinkRecord>((ids, page) => repos.papers.findSeeAlsoByPaperIds(ids, page), options);
  const authorsByPaperId = pagedLoader<PersonRecord>((ids, page) => repos.people.findAuthorsByPaperIds(ids, page), options);
  const papersByAuthorName = pagedLoader<PaperRecord>((names, page) => repos.people.findPapersByAuthorNames(names, page), options);
  const summariesByPaperId = pagedLoader<SummaryRecord>((ids, page) => repos.summaries.findByPaperIds(ids, page), options);
  const mentionsBySummaryId = pagedLoader<PaperRecord>((ids, page) => repos.summaries.findMentionsBySummaryIds(ids, page), options);

  const graph = createGraphLoaders(repos, options);

  return {
    paperById,
    paperByKey,
    summaryById,
    personByName,
    statsByPaperId,
    referencesByPaperId: citations("references"),
    citedByByPaperId: citations("citedBy"),
    seeAlsoByPaperId,
    authorsByPaperId,
    papersByAuthorName,
    summariesByPaperId,
    mentionsBySummaryId,
    ...graph,

    /**
     * After a mutation: forgets everything cached about these papers (all papers when no ids are given), so the
     * rest of the request reads the write. By-key lookups (arXiv id, DOI), author-to-paper lists and the graph
     * lists (related papers reach two hops) cannot be traced to a paper id, so they go whole.
     */
    forgetPapers(ids?: string[]) {
      graph.forgetGraph();
      paperByKey.clearAll();
      personByName.clearAll();
      papersByAuthorName.forgetAll();
      const perPaper = [seeAlsoByPaperId, authorsByPaperId, summariesByPaperId];
      if (!ids) {
        paperById.clearAll();
        statsByPaperId.clearAll();
        citationsByPaperKey.forgetAll();
        for (const loader of perPaper) loader.forgetAll();
        return;
      }
      for (const id of ids) {
        paperById.clear(id);
        statsByPaperId.clear(id);
        citationsByPaperKey.forget(citationKey("references", id));
        citationsByPaperKey.forget(citationKey("citedBy", id));
        for (const loader of perPaper) loader.forget(id);
      }
    },

    /** After a summary mutation: forgets the summary and its mentions. */
    forgetSummaries(ids: string[]) {
      for (const id of ids) {
        summaryById.clear(id);
        mentionsBySummaryId.forget(id);
      }
    },

    /** Papers fetched by a list query are already whole: later by-id loads of them cost nothing. */
    primePapers(papers: PaperRecord[]) {
      for (const p of papers) paperById.prime(p.id, p);
    },
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
