// A nested list of summaries (Paper.summaries, Person.summaries) pages after its last item's id, and that summary's
// (createdAt, id) is the keyset: once the summary is deleted, an empty page after it is refused (expectListedAfter).
// Another list's summary still gives a place by its keyset: a page after it is answered, and refused only when it
// comes back empty.
import { expectListedAfter } from "../graphql/page.args";
import type { Loaders } from "../loaders/create-loaders";
import type { SelectedSummary } from "./summary.record";

/** expectListedAfter for a list of summaries: the summary `after` names must still exist and `belong` to the list. */
export function expectSummaryAfter(
  loaders: Loaders,
  page: readonly SelectedSummary[],
  after: string,
  belongs: (s: SelectedSummary) => boolean,
  what: string,
): Promise<void> {
  const listed = async (id: string) => {
    const seen = await loaders.summaryById.load(id, { props: ["id"] });
    return seen !== null && belongs(seen);
  };
  return expectListedAfter(page, after, listed, what, "is none (deleted since it was read?)");
}
