// The citation neighbourhood as an interactive Cytoscape.js graph: size = citations, colour = depth or year.
import cytoscape, { Core, ElementDefinition } from "cytoscape";
import type { Neighbourhood } from "./api";
import { el } from "./dom";

export type ColourBy = "depth" | "year";

const DEPTH_COLOURS = ["#d62728", "#1f77b4", "#2ca02c", "#9467bd"];
const NO_YEAR = "#999999";
const MAX_FIT_ZOOM = 1.3;
// Old papers dark blue, recent ones yellow (two ends of viridis), interpolated in RGB.
const OLD = [68, 1, 84];
const NEW = [253, 231, 37];

function yearColour(year: number | null, min: number, max: number): string {
  if (year === null) return NO_YEAR;
  const t = max === min ? 1 : (year - min) / (max - min);
  return `rgb(${OLD.map((c, i) => Math.round(c + t * (NEW[i] - c))).join(",")})`;
}

/** sqrt keeps a 10,000-citation paper from swallowing the picture; the cap keeps it on screen. */
function nodeSize(citations: number): number {
  return Math.min(90, 22 + 6 * Math.sqrt(citations));
}

function shortTitle(title: string | null, id: string): string {
  const t = title ?? id;
  return t.length > 40 ? `${t.slice(0, 38)}…` : t;
}

export class GraphView {
  private readonly cy: Core;

  constructor(private readonly container: HTMLElement, private readonly legend: HTMLElement, onPick: (id: string) => void) {
    this.cy = cytoscape({
      container,
      minZoom: 0.1,
      maxZoom: 4,
      style: [
        {
          selector: "node",
          style: {
            width: "data(size)",
            height: "data(size)",
            "background-color": "data(colour)",
            label: "data(label)",
            "font-size": 10,
            "text-wrap": "wrap",
            "text-max-width": "120px",
            "text-valign": "bottom",
            "text-margin-y": 3,
            "min-zoomed-font-size": 7,
            color: "#222",
          },
        },
        { selector: "node.seed", style: { "border-width": 3, "border-color": "#111" } },
        { selector: "node:active, node.hover", style: { "overlay-opacity": 0.15 } },
        {
          selector: "edge",
          style: { width: 1.5, "curve-style": "bezier", "target-arrow-shape": "triangle", "line-color": "#aaa", "target-arrow-color": "#aaa" },
        },
        { selector: "edge.SEE_ALSO", style: { "line-style": "dashed", "line-color": "#ff7f0e", "target-arrow-color": "#ff7f0e" } },
      ],
    });
    // As Cytoscape's own demos do: lets a console, or the browser test, find where a paper is drawn.
    (window as unknown as { cy: Core }).cy = this.cy;
    this.cy.on("tap", "node", (e) => onPick(e.target.id()));
    this.cy.on("mouseover", "node", (e) => {
      e.target.addClass("hover");
      container.title = `${e.target.data("title")} — click to recentre`;
      container.style.cursor = "pointer";
    });
    this.cy.on("mouseout", "node", (e) => {
      e.target.removeClass("hover");
      container.title = "";
      container.style.cursor = "";
    });
  }

  show(graph: Neighbourhood, colourBy: ColourBy): void {
    const years = graph.nodes.map((n) => n.paper.year).filter((y): y is number => y !== null);
    const [min, max] = [Math.min(...years), Math.max(...years)];
    const maxDepth = Math.max(0, ...graph.nodes.map((n) => n.depth));
    const ids = new Set(graph.nodes.map((n) => n.paper.id));
    const elements: ElementDefinition[] = [
      ...graph.nodes.map((n) => ({
        group: "nodes" as const,
        classes: n.depth === 0 ? "seed" : "",
        data: {
          id: n.paper.id,
          title: `${n.paper.title ?? n.paper.id}${n.paper.year ? ` (${n.paper.year})` : ""} · ${n.paper.citationCount} citations`,
          label: shortTitle(n.paper.title, n.paper.id),
          depth: n.depth,
          size: nodeSize(n.paper.citationCount),
          colour: colourBy === "depth" ? DEPTH_COLOURS[Math.min(n.depth, DEPTH_COLOURS.length - 1)] : yearColour(n.paper.year, min, max),
        },
      })),
      ...graph.edges
        .filter((e) => ids.has(e.from) && ids.has(e.to))
        .map((e) => ({ group: "edges" as const, classes: e.kind, data: { id: `${e.kind}:${e.from}->${e.to}`, source: e.from, target: e.to } })),
    ];
    this.cy.batch(() => {
      this.cy.elements().remove();
      this.cy.add(elements);
    });
    // Rings by depth around the seed, which sits in the middle.
    this.cy.layout({ name: "concentric", concentric: (n) => maxDepth - n.data("depth"), levelWidth: () => 1, minNodeSpacing: 40, spacingFactor: 1.5, animate: false }).run();
    this.cy.fit(undefined, 30);
    // A graph of two or three papers would otherwise fill the panel with giant circles.
    if (this.cy.zoom() > MAX_FIT_ZOOM) {
      this.cy.zoom(MAX_FIT_ZOOM);
      this.cy.center();
    }
    this.container.dataset.nodeCount = String(this.cy.nodes().length);
    this.container.dataset.edgeCount = String(this.cy.edges().length);
    this.renderLegend(colourBy, maxDepth, min, max);
  }

  clear(): void {
    this.cy.elements().remove();
    this.container.dataset.nodeCount = "0";
    this.container.dataset.edgeCount = "0";
  }

  private renderLegend(colourBy: ColourBy, maxDepth: number, min: number, max: number): void {
    const swatch = (colour: string, text: string) => el("span", { class: "legend-item" }, el("span", { class: "dot", style: `background: ${colour}` }), text);
    const colours =
      colourBy === "depth"
        ? Array.from({ length: maxDepth + 1 }, (_, d) => swatch(DEPTH_COLOURS[Math.min(d, DEPTH_COLOURS.length - 1)], d === 0 ? "this paper" : `${d} hop${d > 1 ? "s" : ""}`))
        : Number.isFinite(min)
          ? [swatch(yearColour(min, min, max), String(min)), swatch(yearColour(max, min, max), String(max)), swatch(NO_YEAR, "no year")]
          : [swatch(NO_YEAR, "no year")];
    this.legend.replaceChildren(
      ...colours,
      el("span", { class: "legend-item" }, el("span", { class: "line cites" }), "cites"),
      el("span", { class: "legend-item" }, el("span", { class: "line see-also" }), "see also"),
      el("span", { class: "legend-item" }, "size = citations"),
    );
  }
}
