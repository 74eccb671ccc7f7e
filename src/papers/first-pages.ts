// First pages read ahead: which of a listed paper's own lists a query asks a first page of, so that the statement
// listing the papers reads those pages too (FirstPagesQuery), and the loaders primed with what it read, so that the
// lists' field resolvers send no statement of their own.
import type { GraphQLResolveInfo } from "graphql";
import type { Loaders } from "../loaders/create-loaders";
import { listPage } from "../graphql/page.args";
import { selectedFirstPage, selectedPaperProps, selectedSummaryProps } from "../graphql/selection";
import { CITATION_DIRECTIONS, citationKey, FirstPagesQuery, ListedPaper } from "./paper.repository";

/**
 * The first pages asked under `path` (where Paper fields are selected: ["edges", "node"] for a connection of
 * papers, [] for a paper), each read with the properties its selection needs; undefined when none. A list selected
 * twice, for a later page or with a size out of bounds is left out, for its field resolver and loader to read as usual.
 */
export function selectedFirstPages(info: GraphQLResolveInfo, path: readonly string[]): FirstPagesQuery | undefined {
  const pages: FirstPagesQuery = {};
  const summaries = [...path, "summaries"];
  const first = selectedFirstPage(info, summaries);
  if (first !== undefined) pages.summaries = { first, props: selectedSummaryProps(info, summaries) };
  for (const direction of CITATION_DIRECTIONS) {
    const field = [...path, direction];
    const size = selectedFirstPage(info, field);
    if (size !== undefined) pages[direction] = { first: size, props: selectedPaperProps(info, field) };
  }
  return Object.keys(pages).length > 0 ? pages : undefined;
}

/**
 * Primes the loaders the lists' field resolvers use, under the page and projection they will load with, with the
 * first pages each listed paper came with: a paper with none has an empty page, which is an answer too.
 */
export function primeFirstPages(loaders: Loaders, asked: FirstPagesQuery | undefined, listed: readonly Pick<ListedPaper, "paper" | "pages">[]): void {
  if (!asked) return;
  if (asked.summaries) {
    const { first, props } = asked.summaries;
    loaders.summariesByPaperId.primeKeyed(
      listed.map(({ paper, pages }) => [paper.id, pages.summaries ?? []] as const),
      { props, page: listPage(first) },
    );
  }
  for (const direction of CITATION_DIRECTIONS) {
    const page = asked[direction];
    if (!page) continue;
    loaders.citationsByPaperKey.primeKeyed(
      listed.map(({ paper, pages }) => [citationKey(direction, paper.id), pages[direction] ?? []] as const),
      { props: page.props, page: listPage(page.first) },
    );
  }
}
