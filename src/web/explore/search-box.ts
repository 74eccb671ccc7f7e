// Search-as-you-type over the full-text `search` query; with nothing typed, the most-cited papers to pick from.
import { searchPapers, topCited, PaperRef } from "./api";
import { el } from "./dom";

const DELAY_MS = 150;
const FIELD_NAMES = { TITLE: "title", ABSTRACT: "abstract", SUMMARY: "a summary" } as const;

interface Suggestion {
  paper: PaperRef;
  hint: string;
}

export function searchBox(input: HTMLInputElement, list: HTMLUListElement, open: (id: string) => void): void {
  let latest = 0;
  let timer: number | undefined;
  let items: Suggestion[] = [];
  let active = -1;

  const close = () => {
    list.replaceChildren();
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    items = [];
    active = -1;
  };

  const show = (heading: string, suggestions: Suggestion[]) => {
    items = suggestions;
    active = -1;
    list.replaceChildren(
      el("li", { class: "heading", role: "presentation" }, suggestions.length ? heading : "No paper matches."),
      ...suggestions.map((s, i) =>
        el("li", { role: "option", id: `suggestion-${i}`, "data-paper": s.paper.id },
          el("span", { class: "title" }, s.paper.title ?? s.paper.id),
          el("span", { class: "hint" }, [s.paper.year, s.hint].filter(Boolean).join(" · ")),
        ),
      ),
    );
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
  };

  const highlight = (i: number) => {
    active = (i + items.length) % items.length;
    list.querySelectorAll("[role=option]").forEach((li, j) => li.classList.toggle("active", j === active));
    input.setAttribute("aria-activedescendant", `suggestion-${active}`);
  };

  const pick = (id: string) => {
    close();
    input.blur();
    open(id);
  };

  const update = async () => {
    const ticket = ++latest;
    const text = input.value.trim();
    try {
      if (text === "") {
        const top = await topCited();
        if (ticket === latest) show("Most cited", top.map((r) => ({ paper: r.paper, hint: `${r.count} citations` })));
      } else {
        const hits = await searchPapers(text);
        if (ticket === latest) show(`Papers matching “${text}”`, hits.map((h) => ({ paper: h.paper, hint: `matched in ${FIELD_NAMES[h.field]}` })));
      }
    } catch (err) {
      if (ticket === latest) {
        list.replaceChildren(el("li", { class: "heading error" }, (err as Error).message));
        list.hidden = false;
      }
    }
  };

  input.addEventListener("input", () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(update, DELAY_MS);
  });
  input.addEventListener("focus", () => void update());
  input.addEventListener("keydown", (e) => {
    if (e.key === "ArrowDown" && items.length) highlight(active + 1);
    else if (e.key === "ArrowUp" && items.length) highlight(active - 1);
    else if (e.key === "Enter" && items.length) pick(items[Math.max(active, 0)].paper.id);
    else if (e.key === "Escape") close();
    else return;
    e.preventDefault();
  });
  // mousedown, not click: it comes before the input's blur closes the list.
  list.addEventListener("mousedown", (e) => {
    const option = (e.target as HTMLElement).closest<HTMLElement>("[data-paper]");
    if (!option) return;
    e.preventDefault();
    pick(option.dataset.paper!);
  });
  input.addEventListener("blur", () => window.setTimeout(close, 100));
  close();
}
