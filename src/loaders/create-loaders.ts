// Per-request DataLoaders: each turns all the loads of one nesting level into one batched repository call.
import DataLoader from "dataloader";
import type { Repositories } from "../repositories";
import type { Group, Page } from "../neo4j/page";
import type { PaperRecord, PaperStatsRecord, SeeAlsoLinkRecord } from "../papers/paper.repository";
import type { SummaryRecord } from "../summaries/summary.repository";
import type { PersonRecord } from "../people/person.repository";
import { orderByKey } from "./order-by-key";

type GroupFetch<T> = (keys: readonly string[], page: Page) => Promise<Group<T>[]>;

/**
 * Lists are paged per parent, so a loader serves one (first, after) pair: fields asked with the same arguments
 * at one nesting level share a batch, which is what GraphQL selections give in practice.
 */
function pagedLoader<T>(fetch: GroupFetch<T>): (page: Page) => DataLoader<string, T[]> {
  const byPage = new Map<string, DataLoader<string, T[]>>();
  return (page) => {
    const id = `${page.first}\u0000${page.after}`;
    let loader = byPage.get(id);
    if (!loader) {
      loader = new DataLoader<string, T[]>(async (keys) =>
        orderByKey(keys, await fetch(keys, page), (g) => g.key, (g) => g.items, () => []),
      );
      byPage.set(id, loader);
    }
    return loader;
  };
}

export function createLoaders(repos: Repositories) {
  const paperById = new DataLoader<string, PaperRecord | null>(async (ids) =>
    orderByKey(ids, await repos.papers.findByIds(ids), (r) => r.key, (r) => r.paper, () => null),
  );
  const paperByKey = new DataLoader<string, PaperRecord | null>(async (keys) =>
    orderByKey(keys, await repos.papers.findByKeys(keys), (r) => r.key, (r) => r.paper, () => null),
  );
  const summaryById = new DataLoader<string, SummaryRecord | null>(async (ids) =>
    orderByKey(ids, await repos.summaries.findByIds(ids), (r) => r.key, (r) => r.summary, () => null),
  );
  const personByName = new DataLoader<string, PersonRecord | null>(async (names) =>
    orderByKey(names, await repos.people.findByNames(names), (r) => r.key, (r) => r.person, () => null),
  );
  const statsByPaperId = new DataLoader<string, PaperStatsRecord | null>(async (ids) =>
    orderByKey(ids, await repos.papers.findStatsByPaperIds(ids), (r) => r.key, (r) => r, () => null),
  );

  return {
    paperById,
    paperByKey,
    summaryById,
    personByName,
    statsByPaperId,
    referencesByPaperId: pagedLoader<PaperRecord>((ids, page) => repos.papers.findReferencesByPaperIds(ids, page)),
    citedByByPaperId: pagedLoader<PaperRecord>((ids, page) => repos.papers.findCitedByByPaperIds(ids, page)),
    seeAlsoByPaperId: pagedLoader<SeeAlsoLinkRecord>((ids, page) => repos.papers.findSeeAlsoByPaperIds(ids, page)),
    authorsByPaperId: pagedLoader<PersonRecord>((ids, page) => repos.people.findAuthorsByPaperIds(ids, page)),
    papersByAuthorName: pagedLoader<PaperRecord>((names, page) => repos.people.findPapersByAuthorNames(names, page)),
    summariesByPaperId: pagedLoader<SummaryRecord>((ids, page) => repos.summaries.findByPaperIds(ids, page)),
    mentionsBySummaryId: pagedLoader<PaperRecord>((ids, page) => repos.summaries.findMentionsBySummaryIds(ids, page)),

    /** Papers fetched by a list query are already whole: later by-id loads of them cost nothing. */
    primePapers(papers: PaperRecord[]) {
      for (const p of papers) paperById.prime(p.id, p);
    },
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
