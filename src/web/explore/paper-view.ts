// The chosen paper: what it is, its "see also" links, its summaries (server-rendered HTML, LaTeX typeset here; kept
// live while shown, applyPaperUpdate) and its related papers with the evidence behind each score.
import { PaperDetails, PaperSummary, PaperUpdate, RelatedPaper, SIGNALS, SignalName } from "./api";
import { PAPER_SUMMARIES_SHOWN } from "./documents";
import { el, paperLink, yearOf } from "./dom";
import { typesetSummary } from "./summary-body";
import { applySummaryUpdate, byline } from "./summary-item";

const SIGNAL_LABELS: Record<SignalName, { name: string; describe: (count: number) => string }> = {
  seeAlso: { name: "see also", describe: (n) => `${n} “see also” link${n === 1 ? "" : "s"}` },
  cites: { name: "cites", describe: () => "this paper cites it" },
  citedBy: { name: "cited by", describe: () => "it cites this paper" },
  coCitation: { name: "co-citation", describe: (n) => `${n} paper${n === 1 ? "" : "s"} cite both` },
  coupling: { name: "coupling", describe: (n) => `${n} shared reference${n === 1 ? "" : "s"}` },
};

export function renderPaper(target: HTMLElement, paper: PaperDetails): void {
  const ids = [
    paper.arxivId && el("a", { href: `https://arxiv.org/abs/${paper.arxivId}`, rel: "noopener" }, `arXiv:${paper.arxivId}`),
    paper.doi && el("a", { href: `https://doi.org/${paper.doi}`, rel: "noopener" }, `doi:${paper.doi}`),
  ].filter((x): x is HTMLAnchorElement => Boolean(x));

  target.replaceChildren(
    el("h2", { id: "paper-title" }, paper.title ?? paper.id),
    el("p", { class: "meta" },
      [paper.authors.map((a) => a.name).join(", "), paper.venue, paper.year?.toString()].filter(Boolean).join(" · "),
    ),
    el("p", { class: "meta" },
      `${paper.citationCount} citations · ${paper.referenceCount} references · `,
      el("code", {}, paper.id),
      ...ids.flatMap((a) => [" · ", a]),
    ),
    seeAlsoSection(paper),
    summariesSection(paper),
    relatedSection(paper.related.edges.map((e) => e.node)),
  );
}

function seeAlsoSection(paper: PaperDetails): HTMLElement {
  return el("section", { id: "see-also" },
    el("h3", {}, "See also"),
    paper.seeAlso.length === 0
      ? el("p", { class: "empty" }, "No “see also” links.")
      : el("ul", {}, ...paper.seeAlso.map((s) => el("li", {}, paperLink(s.paper), yearOf(s.paper), s.note ? el("span", { class: "note" }, ` — ${s.note}`) : null))),
  );
}

function summariesSection(paper: PaperDetails): HTMLElement {
  // All of them, or the first PAPER_SUMMARIES_SHOWN of more: a new summary shows live only in the first case.
  const complete = paper.summaries.length <= PAPER_SUMMARIES_SHOWN;
  const section = el("section", { id: "summaries", "data-complete": String(complete) }, el("h3", {}, ""));
  section.append(...paper.summaries.slice(0, PAPER_SUMMARIES_SHOWN).map(summaryArticle));
  countSummaries(section);
  return section;
}

function summaryArticle(summary: PaperSummary): HTMLElement {
  return el("article", { class: "summary", "data-summary": summary.id },
    el("p", { class: "byline" }, ...byline(summary)),
    typesetSummary(summary.bodyHtml),
  );
}

/** The heading's count and the empty note, from the summaries shown. */
function countSummaries(section: HTMLElement): void {
  const shown = section.querySelectorAll("article.summary").length;
  section.querySelector("h3")!.textContent = section.dataset.complete === "true" ? `Summaries (${shown})` : `Summaries (the first ${shown})`;
  section.querySelector("p.empty")?.remove();
  if (shown === 0) section.append(el("p", { class: "empty" }, "No summary yet."));
}

/**
 * A change to the shown paper's summaries, while its page is shown: an edit or vote count changes in place, a
 * deletion removes it, a new summary goes last (the list is oldest first) when the page shows all of them, and not
 * when it shows the first PAPER_SUMMARIES_SHOWN of more, where it is not among them.
 */
export function applyPaperUpdate(target: HTMLElement, change: PaperUpdate): void {
  const section = target.querySelector<HTMLElement>("section#summaries");
  if (!section) return;
  const added = applySummaryUpdate(section, change, summaryArticle);
  if (added && section.dataset.complete === "true") section.append(summaryArticle(added));
  countSummaries(section);
}

function relatedSection(related: RelatedPaper[]): HTMLElement {
  const section = el("section", { id: "related" }, el("h3", {}, "Related papers"));
  if (related.length === 0) {
    section.append(el("p", { class: "empty" }, "Nothing related through links or citations."));
    return section;
  }
  const top = Math.max(...related.map((r) => r.score));
  section.append(
    el("ol", {}, ...related.map((r) => el("li", { class: "related" },
      el("div", { class: "related-head" }, paperLink(r.paper), yearOf(r.paper), el("span", { class: "score" }, r.score.toFixed(2))),
      scoreBar(r, top),
      evidenceList(r),
    ))),
  );
  return section;
}

/** One bar per related paper, as long as its score relative to the best, split into each signal's contribution. */
function scoreBar(r: RelatedPaper, top: number): HTMLElement {
  const bar = el("div", { class: "score-bar", style: `width: ${Math.max(4, (100 * r.score) / top)}%` });
  for (const s of SIGNALS) {
    const part = r.evidence[s].contribution;
    if (part > 0) bar.append(el("span", { class: `signal-${s}`, style: `flex: ${part}`, title: `${SIGNAL_LABELS[s].name}: +${part.toFixed(2)}` }));
  }
  return bar;
}

function evidenceList(r: RelatedPaper): HTMLElement {
  return el("ul", { class: "evidence" },
    ...SIGNALS.filter((s) => r.evidence[s].count > 0).map((s) => {
      const e = r.evidence[s];
      const examples = e.examples.length ? [" (", ...e.examples.flatMap((p, i) => (i ? [", ", paperLink(p)] : [paperLink(p)])), ")"] : [];
      return el("li", {}, el("span", { class: `swatch signal-${s}` }), `${SIGNAL_LABELS[s].describe(e.count)}: +${e.contribution.toFixed(2)}`, ...examples);
    }),
  );
}
