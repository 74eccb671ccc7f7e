// The explorer page: the state lives in the URL (?paper=&depth=&direction=&edges=&limit=&colour=), so a view can be
// bookmarked and Back works; every change re-reads it and asks the GraphQL API again.
import { Direction, EdgeKind, fetchNeighbourhood, fetchPaper, LiveSummaries, PaperUpdate, watchPaper } from "./api";
import { byId, el, showLiveNotice } from "./dom";
import { renderFrontPage, stopFrontPageUpdates } from "./front-page";
import { ColourBy, GraphView } from "./graph-view";
import { applyPaperUpdate, renderPaper } from "./paper-view";
import { searchBox } from "./search-box";
import "./explore.css";

interface View {
  paper: string | null;
  depth: number;
  direction: Direction;
  edges: EdgeKind[];
  limit: number;
  colour: ColourBy;
}

const DEFAULTS: View = { paper: null, depth: 1, direction: "BOTH", edges: ["CITES", "SEE_ALSO"], limit: 150, colour: "depth" };

function readView(): View {
  const q = new URLSearchParams(window.location.search);
  const oneOf = <T extends string>(value: string | null, allowed: readonly T[], fallback: T): T =>
    allowed.includes(value as T) ? (value as T) : fallback;
  const edges = (q.get("edges") ?? "").split(",").filter((e): e is EdgeKind => e === "CITES" || e === "SEE_ALSO");
  const limit = Number(q.get("limit"));
  return {
    paper: q.get("paper"),
    depth: Number(oneOf(q.get("depth"), ["1", "2", "3"], "1")),
    direction: oneOf(q.get("direction"), ["OUT", "IN", "BOTH"] as const, DEFAULTS.direction),
    edges: edges.length ? edges : DEFAULTS.edges,
    limit: Number.isInteger(limit) && limit >= 1 && limit <= 5000 ? limit : DEFAULTS.limit,
    colour: oneOf(q.get("colour"), ["depth", "year"] as const, DEFAULTS.colour),
  };
}

function writeView(view: View): void {
  const q = new URLSearchParams();
  if (view.paper) q.set("paper", view.paper);
  if (view.depth !== DEFAULTS.depth) q.set("depth", String(view.depth));
  if (view.direction !== DEFAULTS.direction) q.set("direction", view.direction);
  if (view.edges.join() !== DEFAULTS.edges.join()) q.set("edges", view.edges.join(","));
  if (view.limit !== DEFAULTS.limit) q.set("limit", String(view.limit));
  if (view.colour !== DEFAULTS.colour) q.set("colour", view.colour);
  const search = q.toString();
  window.history.pushState(null, "", search ? `?${search}` : window.location.pathname);
}

const paperPanel = byId("paper");
const controls = byId<HTMLFormElement>("controls");
const notice = byId("truncated");
const status = byId("graph-status");
const graph = new GraphView(byId("graph"), byId("legend"), (id) => navigate({ paper: id }));
let rendered = 0;
let paperUpdates: LiveSummaries | undefined;

function stopWatchingPaper(): void {
  paperUpdates?.stop();
  paperUpdates = undefined;
}

/**
 * Follows the summaries of the paper asked for: votes, edits and deletions as it is read, changes that come before
 * the page is drawn waiting for it. `show(newest)` draws them from then on, and follows new summaries from the
 * newest one read (summaryAdded(after:) first sends what was added in between).
 */
function watchShownPaper(id: string): { show: (newestSummary: string | null) => void } {
  stopWatchingPaper();
  let waiting: PaperUpdate[] | null = [];
  let earlyTrouble: string | null = null;
  const apply = (change: PaperUpdate) => applyPaperUpdate(paperPanel, change);
  // Said above the paper once it is drawn: its live updates may not show everything (a reconnect, a refusal).
  const trouble = (message: string) => showLiveNotice(paperPanel, message, () => void render());
  const updates = watchPaper(
    id,
    (change) => (waiting ? waiting.push(change) : apply(change)),
    (message) => (waiting ? (earlyTrouble = message) : trouble(message)),
  );
  paperUpdates = updates;
  return {
    show: (newestSummary) => {
      const early = waiting ?? [];
      waiting = null;
      early.forEach(apply);
      if (earlyTrouble !== null) trouble(earlyTrouble);
      updates.addedSince(newestSummary);
    },
  };
}

function navigate(change: Partial<View>): void {
  writeView({ ...readView(), ...change });
  void render();
}

function syncControls(view: View): void {
  (controls.elements.namedItem("depth") as HTMLSelectElement).value = String(view.depth);
  (controls.elements.namedItem("direction") as HTMLSelectElement).value = view.direction;
  (controls.elements.namedItem("colour") as HTMLSelectElement).value = view.colour;
  for (const kind of ["CITES", "SEE_ALSO"] as const) {
    (controls.elements.namedItem(kind) as HTMLInputElement).checked = view.edges.includes(kind);
  }
}

async function render(): Promise<void> {
  const ticket = ++rendered;
  const view = readView();
  syncControls(view);
  document.body.dataset.state = "loading";
  document.body.dataset.view = view.paper ? "paper" : "front";
  stopWatchingPaper();
  if (!view.paper) {
    // No paper chosen: the front page, as ShortScience's, in the panel the paper would take.
    graph.clear();
    notice.hidden = true;
    status.textContent = "";
    document.title = "papers-graph explorer";
    try {
      await renderFrontPage(paperPanel, () => ticket === rendered, () => void render());
    } catch (err) {
      if (ticket === rendered) paperPanel.replaceChildren(el("p", { class: "error" }, `The server said: ${(err as Error).message}`));
    } finally {
      if (ticket === rendered) document.body.dataset.state = "ready";
    }
    return;
  }
  stopFrontPageUpdates();
  const shownPaper = watchShownPaper(view.paper);
  try {
    const { paper, newestSummary } = await fetchPaper(view.paper);
    if (ticket !== rendered) return;
    if (!paper) {
      stopWatchingPaper();
      paperPanel.replaceChildren(el("p", { class: "error" }, `No paper has the id “${view.paper}”.`));
      graph.clear();
      notice.hidden = true;
      status.textContent = "";
      return;
    }
    document.title = `${paper.title ?? paper.id} · papers-graph explorer`;
    renderPaper(paperPanel, paper);
    shownPaper.show(newestSummary);
    const hood = await fetchNeighbourhood({ id: paper.id, depth: view.depth, direction: view.direction, edges: view.edges, limit: view.limit });
    if (ticket !== rendered) return;
    graph.show(hood, view.colour);
    notice.hidden = !hood.truncated;
    notice.textContent = hood.truncated
      ? `Truncated: the neighbourhood has more than ${view.limit} papers, so the last level shows only its most-cited ones. Lower the depth or narrow the direction to see all of it.`
      : "";
    status.textContent = `${hood.nodes.length} papers, ${hood.edges.length} edges within ${view.depth} hop${view.depth > 1 ? "s" : ""}. Click a paper to recentre.`;
  } catch (err) {
    if (ticket !== rendered) return;
    stopWatchingPaper();
    paperPanel.replaceChildren(el("p", { class: "error" }, `The server said: ${(err as Error).message}`));
  } finally {
    if (ticket === rendered) document.body.dataset.state = "ready";
  }
}

controls.addEventListener("change", () => {
  const form = controls.elements;
  const edges = (["CITES", "SEE_ALSO"] as const).filter((k) => (form.namedItem(k) as HTMLInputElement).checked);
  navigate({
    depth: Number((form.namedItem("depth") as HTMLSelectElement).value),
    direction: (form.namedItem("direction") as HTMLSelectElement).value as Direction,
    // At least one kind: with none checked the graph would be the paper alone.
    edges: edges.length ? edges : ["CITES"],
    colour: (form.namedItem("colour") as HTMLSelectElement).value as ColourBy,
  });
});

// Paper links anywhere on the page open inside the explorer; a modified click still opens a new tab.
document.addEventListener("click", (e) => {
  const link = (e.target as HTMLElement).closest<HTMLAnchorElement>("a[data-paper]");
  if (!link || e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
  e.preventDefault();
  navigate({ paper: link.dataset.paper! });
  window.scrollTo({ top: 0 });
});

window.addEventListener("popstate", () => void render());
searchBox(byId<HTMLInputElement>("search"), byId<HTMLUListElement>("suggestions"), (id) => navigate({ paper: id }));
void render();
