// What the explorer's two live lists of summaries (the front page, a paper's page) share: the byline with its vote
// count, and a change applied to the items shown (each an element with `data-summary`, directly in the list).
import type { SummaryUpdate } from "./api";
import { el } from "./dom";

/** "writer · date · N votes", the count in its own span so a vote change can replace it. */
export function byline(summary: { author: { name: string } | null; createdAt: string; votes: number }): Array<string | HTMLElement> {
  const text = [summary.author?.name ?? "anonymous", new Date(summary.createdAt).toLocaleDateString(), ""].join(" · ");
  return [text, el("span", { class: "votes" }, votesText(summary.votes))];
}

const votesText = (votes: number) => `${votes} votes`;

/**
 * A vote count or an edit changes the item shown, a deletion removes it; returns a new summary that is not shown, for
 * the caller to place (an edit of a summary not shown is left for when it is read).
 */
export function applySummaryUpdate<S extends { id: string }>(list: HTMLElement, change: SummaryUpdate<S>, item: (summary: S) => HTMLElement): S | undefined {
  const shown = (id: string) => list.querySelector<HTMLElement>(`:scope > [data-summary="${CSS.escape(id)}"]`);
  if (change.kind === "votes") {
    const votes = shown(change.id)?.querySelector(".votes");
    if (votes) votes.textContent = votesText(change.votes);
  } else if (change.kind === "deleted") {
    shown(change.id)?.remove();
  } else {
    const current = shown(change.summary.id);
    if (current) current.replaceWith(item(change.summary));
    else if (change.kind === "added") return change.summary;
  }
  return undefined;
}
