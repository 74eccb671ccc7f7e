// The front page: the newest summaries, each with its paper (opened in the explorer, and its own link), the
// writer, the date and the votes; "Older summaries" follows the connection's endCursor. It stays live while shown:
// new summaries are put on top, edited ones and vote counts change in place, deleted ones go (subscriptions,
// docs/subscriptions.md), and says so when it may no longer show everything (a reconnect, a refusal), with a
// button that reads it again.
import { fetchFrontPage, FrontPageSummary, FrontPageUpdate, LiveSummaries, watchFrontPage } from "./api";
import { el, showLiveNotice } from "./dom";
import { typesetSummary } from "./summary-body";
import { applySummaryUpdate, byline } from "./summary-item";

let live: LiveSummaries | undefined;

/** Ends the front page's live updates (the explorer shows a paper now). */
export function stopFrontPageUpdates(): void {
  live?.stop();
  live = undefined;
}

export async function renderFrontPage(target: HTMLElement, isCurrent: () => boolean, reload: () => void): Promise<void> {
  stopFrontPageUpdates();
  const list = el("ol", { id: "front-page" });
  // Votes, edits and deletions are followed as the first page is read; new summaries from the newest one read, once it
  // is drawn (summaryAdded(after:) first sends what was added in between). One that comes twice replaces its item.
  const updates = watchFrontPage(
    (change) => applyUpdate(target, list, change),
    (message) => showLiveNotice(target, message, reload),
  );
  live = updates;
  const more = el("button", { type: "button", id: "older" }, "Older summaries");
  target.replaceChildren(el("h2", {}, "Newest summaries"), list);

  async function load(after: string | null): Promise<void> {
    more.disabled = true;
    const page = await fetchFrontPage(after);
    if (!isCurrent()) return;
    list.append(...page.edges.map((e) => frontPageItem(e.node)));
    if (page.edges.length === 0 && after === null) list.before(el("p", { class: "empty" }, "No summary yet."));
    if (after === null) updates.addedSince(page.pageInfo.startCursor);
    more.disabled = false;
    if (page.pageInfo.hasNextPage) {
      more.onclick = () =>
        load(page.pageInfo.endCursor).catch((err: Error) => {
          more.disabled = false;
          target.append(el("p", { class: "error" }, `The server said: ${err.message}`));
        });
      target.append(more);
    } else {
      more.remove();
    }
  }
  await load(null);
}

function applyUpdate(target: HTMLElement, list: HTMLElement, change: FrontPageUpdate): void {
  const added = applySummaryUpdate(list, change, frontPageItem);
  if (added) {
    list.prepend(frontPageItem(added));
    target.querySelector("p.empty")?.remove();
  }
}

function frontPageItem(summary: FrontPageSummary): HTMLElement {
  const { paper } = summary;
  return el("li", { class: "summary", "data-summary": summary.id },
    el("h3", { class: "paper-title" },
      el("a", { href: `/explore?paper=${encodeURIComponent(paper.id)}`, "data-paper": paper.id }, paper.title),
    ),
    el("p", { class: "byline" },
      ...byline(summary),
      paper.url ? " · " : null,
      paper.url ? el("a", { href: paper.url, rel: "noopener", class: "paper-link" }, "paper") : null,
    ),
    typesetSummary(summary.bodyHtml),
  );
}
