// A nested list of summaries (Paper.summaries, Person.summaries) pages after its last item's id, and that summary's
// (createdAt, id) is the keyset. Once the summary is gone (deleted since the client read it), its place is unknown,
// and every page after it would read as empty whatever follows. So an empty page after an id is checked, and the
// client is told to read the list again rather than shown an end that is not there. (Another list's summary still
// gives a place by its keyset: a page after it is answered, and refused only when it comes back empty.)
import { badUserInput } from "../graphql/errors";
import type { Loaders } from "../loaders/create-loaders";
import type { SelectedSummary } from "./summary.record";

export async function expectSummaryAfter(loaders: Loaders, after: string, belongs: (s: SelectedSummary) => boolean, what: string): Promise<void> {
  if (after === "") return;
  const seen = await loaders.summaryById.load(after, { props: ["id"] });
  if (seen !== null && belongs(seen)) return;
  throw badUserInput(`after must name ${what}: "${after.slice(0, 100)}" is none (deleted since it was read?). Read the list again from its start.`);
}
