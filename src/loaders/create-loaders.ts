// Per-request DataLoaders: each turns all the loads of one nesting level into one batched repository call.
import DataLoader from "dataloader";
import type { Repositories } from "../repositories";
import type { Group, Page } from "../neo4j/page";
import { CitationDirection, citationKey } from "../papers/paper.repository";
import {
  PAPER_PROPERTIES,
  PaperProjection,
  PaperProperty,
  PaperStatsRecord,
  SeeAlsoLinkRecord,
  SelectedPaper,
} from "../papers/paper.record";
import { SelectedSummary, SUMMARY_PROPERTIES, SummaryProperty } from "../summaries/summary.record";
import type { PersonRecord } from "../people/person.record";
import { orderByKey } from "./order-by-key";
import { createGraphLoaders } from "./graph-loaders";
import { ProjectedLoader } from "./projected-loader";

type GroupFetch<P extends string, T> = (keys: readonly string[], page: Page, props: readonly P[]) => Promise<Group<T>[]>;

type PagedLoader<P extends string, T> = ((page: Page) => ProjectedLoader<P, T[]>) & {
  /** Drops one parent's cached lists under every page, after a mutation changed them. */
  forget(key: string): void;
  forgetAll(): void;
};

/**
 * Lists are paged per parent, so a loader serves one (first, after) pair: fields asked with the same arguments
 * at one nesting level share a batch, which is what GraphQL selections give in practice. Items are read with the
 * properties the callers selected (`all` lists them; empty for items that have no projection).
 */
function pagedLoader<P extends string, T>(all: readonly P[], fetch: GroupFetch<P, T>, options: LoaderOptions): PagedLoader<P, T> {
  const byPage = new Map<string, ProjectedLoader<P, T[]>>();
  const forPage = (page: Page) => {
    const id = `${page.first}\u0000${page.after}`;
    let loader = byPage.get(id);
    if (!loader) {
      loader = new ProjectedLoader<P, T[]>(
        all,
        async (keys, props) => orderByKey(keys, await fetch(keys, page, props), (g) => g.key, (g) => g.items, () => []),
        options,
      );
      byPage.set(id, loader);
    }
    return loader;
  };
  return Object.assign(forPage, {
    forget(key: string) {
      for (const loader of byPage.values()) loader.forget(key);
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
  const paperById = new ProjectedLoader<PaperProperty, SelectedPaper | null>(
    PAPER_PROPERTIES,
    async (ids, props) => orderByKey(ids, await repos.papers.findByIds(ids, props), (r) => r.key, (r) => r.paper, () => null),
    options,
  );
  const paperByKey = new ProjectedLoader<PaperProperty, SelectedPaper | null>(
    PAPER_PROPERTIES,
    async (keys, props) => orderByKey(keys, await repos.papers.findByKeys(keys, props), (r) => r.key, (r) => r.paper, () => null),
    options,
  );
  const summaryById = new ProjectedLoader<SummaryProperty, SelectedSummary | null>(
    SUMMARY_PROPERTIES,
    async (ids, props) => orderByKey(ids, await repos.summaries.findByIds(ids, props), (r) => r.key, (r) => r.summary, () => null),
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
  const citationsByPaperKey = pagedLoader(PAPER_PROPERTIES, (keys, page, props) => repos.papers.findCitationsByPaperKeys(keys, page, props), options);
  const citations = (direction: CitationDirection) => (page: Page) => ({
    load: (id: string, props?: PaperProjection) => citationsByPaperKey(page).load(citationKey(direction, id), props),
  });
  const seeAlsoByPaperId = pagedLoader<PaperProperty, SeeAlsoLinkRecord>(PAPER_PROPERTIES, (ids, page, props) =>
    repos.papers.findSeeAlsoByPaperIds(ids, page, props),
    options,
  );
  const authorsByPaperId = pagedLoader<never, PersonRecord>([], (ids, page) => repos.people.findAuthorsByPaperIds(ids, page), options);
  const papersByAuthorName = pagedLoader(PAPER_PROPERTIES, (names, page, props) => repos.people.findPapersByAuthorNames(names, page, props), options);
  const summariesByPaperId = pagedLoader(SUMMARY_PROPERTIES, (ids, page, props) => repos.summaries.findByPaperIds(ids, page, props), options);
  const mentionsBySummaryId = pagedLoader(PAPER_PROPERTIES, (ids, page, props) => repos.summaries.findMentionsBySummaryIds(ids, page, props), options);

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
      paperByKey.forgetAll();
      personByName.clearAll();
      papersByAuthorName.forgetAll();
      const perPaper = [seeAlsoByPaperId, authorsByPaperId, summariesByPaperId];
      if (!ids) {
        paperById.forgetAll();
        statsByPaperId.clearAll();
        citationsByPaperKey.forgetAll();
        for (const loader of perPaper) loader.forgetAll();
        return;
      }
      for (const id of ids) {
        paperById.forget(id);
        statsByPaperId.clear(id);
        citationsByPaperKey.forget(citationKey("references", id));
        citationsByPaperKey.forget(citationKey("citedBy", id));
        for (const loader of perPaper) loader.forget(id);
      }
    },

    /** After a summary mutation: forgets the summary and its mentions. */
    forgetSummaries(ids: string[]) {
      for (const id of ids) {
        summaryById.forget(id);
        mentionsBySummaryId.forget(id);
      }
    },

    /** Papers a list query fetched: later by-id loads of them with the same projection cost nothing. */
    primePapers(papers: SelectedPaper[], props: PaperProjection = PAPER_PROPERTIES) {
      for (const p of papers) paperById.prime(p.id, props, p);
    },
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
