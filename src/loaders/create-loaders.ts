// The loaders of one request, all of one kind (src/loaders/loader.ts): each turns all the loads of one nesting level
// into one batched repository call. Lists are paged per parent; fields asked with the same arguments at one level
// share a batch.
import type { Repositories } from "../repositories";
import type { Group, Page } from "../neo4j/page";
import { ExternalIdRecord, PAPER_PROPERTIES, PaperProperty, PaperStatsRecord, SeeAlsoLinkRecord, SelectedPaper } from "../papers/paper.record";
import { SelectedSummary, SUMMARY_PROPERTIES, SummaryProperty } from "../summaries/summary.record";
import type { PersonRecord } from "../people/person.record";
import type { RelatedGroup, YearCountRecord } from "../graph/graph.record";
import type { RelatedPage } from "../graph/graph.repository";
import type { FirstPagesQuery, ListedPaper } from "../papers/paper.repository";
import { orderByKey } from "./order-by-key";
import { LoaderRegistry } from "./loader";

/** A batch function's rows in key order: null (or `missing`) for a key with no row. */
function byKey<R extends { key: string }, V>(keys: readonly string[], rows: readonly R[], valueOf: (r: R) => V, missing: () => V): V[] {
  return orderByKey(keys, rows, (r) => r.key, valueOf, missing);
}

/** A grouped list in key order: a parent with no group gets an empty list. */
function groups<T>(keys: readonly string[], found: Group<T>[]): T[][] {
  return byKey(keys, found, (g) => g.items, () => []);
}

/** A paper with its related page, or the error reading it ahead (paperWithRelatedByKey). */
export interface PaperWithRelated {
  listed: ListedPaper;
  related: RelatedGroup | Error;
}

/** A paper deleted between its lookup and its related list: nothing to relate, nothing left out. */
const NO_WORK = { complete: true, edgesExpanded: 0, intermediatesExamined: 0, intermediatesTotal: 0 };

export function createLoaders(repos: Repositories, registry: LoaderRegistry) {
  return {
    paperById: registry.loader<SelectedPaper | null, PaperProperty>({
      all: PAPER_PROPERTIES,
      fetch: async (ids, props) => byKey(ids, await repos.papers.findByIds(ids, props), (r) => r.paper, () => null),
    }),
    /** By id, arXiv id or DOI (keys already normalised); the page names the first pages read along (FirstPagesQuery). */
    paperByKey: registry.loader<ListedPaper | null, PaperProperty, FirstPagesQuery | undefined>({
      all: PAPER_PROPERTIES,
      fetch: async (keys, props, pages) => byKey(keys, await repos.papers.findByKeys(keys, props, pages), (r) => r, () => null),
    }),
    /**
     * paper(id:) with its related page read ahead: the lookup and the candidates in one statement
     * (GraphRepository.findPapersWithRelatedByKeys). If that read fails, the paper is looked up alone and carries
     * the error as its related page, for Paper.related to report at its own path, where its own read's failure (a
     * timeout on a hub's candidates) would have been reported without the read-ahead.
     */
    paperWithRelatedByKey: registry.loader<PaperWithRelated | null, PaperProperty, { pages: FirstPagesQuery; related: RelatedPage }>({
      all: PAPER_PROPERTIES,
      fetch: async (keys, props, { pages, related }) => {
        try {
          const found = await repos.graph.findPapersWithRelatedByKeys(keys, props, pages, related);
          return byKey(keys, found, ({ related: group, ...listed }) => ({ listed, related: group }), () => null);
        } catch (error) {
          const papers = await repos.papers.findByKeys(keys, props, pages);
          return byKey(keys, papers, (listed) => ({ listed, related: error instanceof Error ? error : new Error(String(error)) }), () => null);
        }
      },
    }),
    summaryById: registry.loader<SelectedSummary | null, SummaryProperty>({
      all: SUMMARY_PROPERTIES,
      fetch: async (ids, props) => byKey(ids, await repos.summaries.findByIds(ids, props), (r) => r.summary, () => null),
    }),
    personByName: registry.loader<PersonRecord | null>({
      fetch: async (names) => byKey(names, await repos.people.findByNames(names), (r) => r.person, () => null),
    }),
    externalIdsByPaperId: registry.loader<ExternalIdRecord[]>({
      fetch: async (ids) => byKey(ids, await repos.papers.findExternalIdsByPaperIds(ids), (r) => r.ids, () => []),
    }),
    /** By identity key: who created or last changed something through the API. */
    personByIdentity: registry.loader<PersonRecord | null>({
      fetch: async (keys) => byKey(keys, await repos.people.findByIdentities(keys), (r) => r.person, () => null),
    }),
    statsByPaperId: registry.loader<PaperStatsRecord | null>({
      fetch: async (ids) => byKey(ids, await repos.papers.findStatsByPaperIds(ids), (r) => r, () => null),
    }),
    /** Keyed by citationKey(direction, id): references and citedBy at one nesting level share one batch. */
    citationsByPaperKey: registry.loader<SelectedPaper[], PaperProperty, Page>({
      all: PAPER_PROPERTIES,
      fetch: async (keys, props, page) => groups(keys, await repos.papers.findCitationsByPaperKeys(keys, page, props)),
    }),
    seeAlsoByPaperId: registry.loader<SeeAlsoLinkRecord[], PaperProperty, Page>({
      all: PAPER_PROPERTIES,
      fetch: async (ids, props, page) => groups(ids, await repos.papers.findSeeAlsoByPaperIds(ids, page, props)),
    }),
    authorsByPaperId: registry.loader<PersonRecord[], never, Page>({
      fetch: async (ids, _props, page) => groups(ids, await repos.people.findAuthorsByPaperIds(ids, page)),
    }),
    papersByAuthorName: registry.loader<SelectedPaper[], PaperProperty, Page>({
      all: PAPER_PROPERTIES,
      fetch: async (names, props, page) => groups(names, await repos.people.findPapersByAuthorNames(names, page, props)),
    }),
    summariesByPaperId: registry.loader<SelectedSummary[], SummaryProperty, Page>({
      all: SUMMARY_PROPERTIES,
      fetch: async (ids, props, page) => groups(ids, await repos.summaries.findByPaperIds(ids, page, props)),
    }),
    /** The page is the voter's identity key; a summary they did not vote on reads 0. */
    voteBySummaryId: registry.loader<number, never, string>({
      fetch: async (ids, _props, identity) => byKey(ids, await repos.summaries.findVotesBySummaryIds(ids, identity), (r) => r.value, () => 0),
    }),
    /** Keyed by writerKey: an author by name, an identity's own node by identity key. */
    summariesByWriterKey: registry.loader<SelectedSummary[], SummaryProperty, Page>({
      all: SUMMARY_PROPERTIES,
      fetch: async (keys, props, page) => groups(keys, await repos.summaries.findByWriters(keys, page, props)),
    }),
    summaryCountByWriterKey: registry.loader<number>({
      fetch: async (keys) => byKey(keys, await repos.summaries.countByWriters(keys), (r) => r.count, () => 0),
    }),
    mentionsBySummaryId: registry.loader<SelectedPaper[], PaperProperty, Page>({
      all: PAPER_PROPERTIES,
      fetch: async (ids, props, page) => groups(ids, await repos.summaries.findMentionsBySummaryIds(ids, page, props)),
    }),
    /** Paper.related: the page carries the weights too. */
    relatedByPaperId: registry.loader<RelatedGroup, never, RelatedPage>({
      fetch: async (ids, _props, page) =>
        byKey(ids, await repos.graph.findRelatedByPaperIds(ids, page), (g) => g, () => ({ key: "", total: 0, items: [], examples: [], work: NO_WORK })),
    }),
    citationsByYearByPaperId: registry.loader<YearCountRecord[]>({
      fetch: async (ids) => byKey(ids, await repos.graph.findCitationsByYearByPaperIds(ids), (r) => r.items, () => []),
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
