// Turns the nodes and edges a neighbourhood walk found into the Subgraph type, with its statistics.
import type { SubgraphRecord } from "./graph.record";
import { EdgeKind, GraphEdge, Subgraph } from "./graph.type";

const TOP_CITED_SIZE = 10;

export function toSubgraph({ nodes, edges, truncated }: SubgraphRecord): Subgraph {
  const ordered = [...nodes].sort((a, b) => a.depth - b.depth || b.citations - a.citations || compare(a.id, b.id));
  const year = new Map(nodes.map((n) => [n.id, n.year]));

  const perDepth = new Map<number, number>();
  for (const n of ordered) perDepth.set(n.depth, (perDepth.get(n.depth) ?? 0) + 1);

  const perYear = new Map<number, number>();
  const citedInside = new Map<string, number>();
  for (const e of edges) {
    if (e.kind !== EdgeKind.CITES) continue;
    const y = year.get(e.from);
    if (y != null) perYear.set(y, (perYear.get(y) ?? 0) + 1);
    citedInside.set(e.to, (citedInside.get(e.to) ?? 0) + 1);
  }

  return {
    nodes: ordered.map((n) => ({ id: n.id, depth: n.depth })),
    edges: edges as GraphEdge[],
    truncated,
    stats: {
      nodeCount: nodes.length,
      edgeCount: edges.length,
      nodesByDepth: [...perDepth].map(([depth, count]) => ({ depth, count })),
      citationsByYear: [...perYear].sort(([a], [b]) => a - b).map(([y, count]) => ({ year: y, count })),
      topCited: [...citedInside]
        .sort(([a, x], [b, y]) => y - x || compare(a, b))
        .slice(0, TOP_CITED_SIZE)
        .map(([paperId, count]) => ({ paperId, count })),
    },
  };
}

/** Code-unit order, the order Cypher's ORDER BY gives strings, so TypeScript and Neo4j agree on ties. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
