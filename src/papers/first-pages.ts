// First pages read ahead: which of a listed paper's own lists a query asks a first page of, so that the statement
// listing the papers reads those pages too (FirstPagesQuery), and the loaders primed with what it read, so that the
// lists' field resolvers send no statement of their own.
import type { GraphQLResolveInfo } from "graphql";
import type { Loaders } from "../loaders/create-loaders";
import { listPage } from "../graphql/page.args";
import { selectedFirstPage, selectedPaperProps, selectedSummaryProps } from "../graphql/selection";
import { CITATION_DIRECTIONS, citationKey, FirstPagesQuery, ListedPaper } from "./paper.repository";

/**
 * How deep first pages nest: a listed paper's first pages of papers carry their items' own first pages, one level,
 * and no further (FOLDED_LEVELS lists below the listed paper in one statement). Q4's shape, a paper's references and
 * citers with theirs, is then one statement as the floor's, not one per level; deeper lists go through the loaders'
 * per-level batches, which read a paper met twice once (a folded page reads it once per parent, and its rows grow
 * as the product of the page sizes).
 */
export const FOLDED_LEVELS = 2;

/**
 * The first pages asked under `path` (where Paper fields are selected: ["edges", "node"] for a connection of
 * papers, [] for a paper), each read with the properties its selection needs; undefined when none. A list selected
 * twice, for a later page or with a size out of bounds is left out, for its field resolver and loader to read as usual.
 * The items of a first page of papers come with their own first pages, asked the same way, down to FOLDED_LEVELS
 * lists below the path.
 */
export function selectedFirstPages(info: GraphQLResolveInfo, path: readonly string[], depth = 0): FirstPagesQuery | undefined {
  const pages: FirstPagesQuery = {};
  const summaries = [...path, "summaries"];
  const first = selectedFirstPage(info, summaries);
  if (first !== undefined) pages.summaries = { first, props: selectedSummaryProps(info, summaries) };
  for (const direction of CITATION_DIRECTIONS) {
    const field = [...path, direction];
    const size = selectedFirstPage(info, field);
    if (size === undefined) continue;
    const nested = depth + 1 < FOLDED_LEVELS ? selectedFirstPages(info, field, depth + 1) : undefined;
    pages[direction] = { first: size, props: selectedPaperProps(info, field), ...(nested && { pages: nested }) };
  }
  return Object.keys(pages).length > 0 ? pages : undefined;
}

/**
 * Primes the loaders the lists' field resolvers use, under the page and projection they will load with, with the
 * first pages each listed paper came with: a paper with none has an empty page, which is an answer too. The papers
 * of those pages prime their own first pages the same way.
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
      listed.map(({ paper, pages }) => [citationKey(direction, paper.id), (pages[direction] ?? []).map((item) => item.paper)] as const),
      { props: page.props, page: listPage(page.first) },
    );
    if (page.pages) primeFirstPages(loaders, page.pages, listed.flatMap(({ pages }) => pages[direction] ?? []));
  }
}
