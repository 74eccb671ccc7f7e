// The front page: the newest summaries, each with its paper (opened in the explorer, and its own link), the
// writer, the date and the votes; "Older summaries" follows the connection's endCursor.
import { fetchFrontPage, FrontPageSummary } from "./api";
import { el } from "./dom";
import { typesetSummary } from "./summary-body";

export async function renderFrontPage(target: HTMLElement, isCurrent: () => boolean): Promise<void> {
  const list = el("ol", { id: "front-page" });
  const more = el("button", { type: "button", id: "older" }, "Older summaries");
  target.replaceChildren(el("h2", {}, "Newest summaries"), list);

  async function load(after: string | null): Promise<void> {
    more.disabled = true;
    const page = await fetchFrontPage(after);
    if (!isCurrent()) return;
    list.append(...page.edges.map((e) => frontPageItem(e.node)));
    if (page.edges.length === 0 && after === null) list.replaceWith(el("p", { class: "empty" }, "No summary yet."));
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

function frontPageItem(summary: FrontPageSummary): HTMLElement {
  const { paper } = summary;
  const byline = [summary.author?.name ?? "anonymous", new Date(summary.createdAt).toLocaleDateString(), `${summary.votes} votes`].join(" · ");
  return el("li", { class: "summary", "data-summary": summary.id },
    el("h3", { class: "paper-title" },
      el("a", { href: `/explore?paper=${encodeURIComponent(paper.id)}`, "data-paper": paper.id }, paper.title),
    ),
    el("p", { class: "byline" },
      byline,
      paper.url ? " · " : null,
      paper.url ? el("a", { href: paper.url, rel: "noopener", class: "paper-link" }, "paper") : null,
    ),
    typesetSummary(summary.bodyHtml),
  );
}
