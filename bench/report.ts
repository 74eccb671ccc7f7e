// Turns benchmark cells into the markdown table bench/README.md quotes and one SVG bar chart.
import type { CellResult, EqualityReport } from "./harness";

export interface BenchMeta {
  date: string;
  size: string;
  papers: number;
  citations: number;
  summaries: number;
  machine: string;
  node: string;
  neo4j: string;
  libraries: Record<string, string>;
  plan: unknown;
}

const fmt = (x: number | undefined, digits = 0) => (x === undefined || Number.isNaN(x) ? "–" : x.toFixed(digits));

export function markdownTable(cells: CellResult[], equality: EqualityReport[], targets: string[]): string {
  const find = (t: string, op: string, pool: string, c: number) =>
    cells.find((x) => x.target === t && x.op === op && x.pool === pool && x.connections === c);
  const keys = [...new Set(cells.map((c) => `${c.op}|${c.pool}|${c.connections}`))];
  const others = targets.filter((t) => t !== "A");
  const header =
    `| op | ids | conns | ${targets.map((t) => `${t} req/s`).join(" | ")} | ${others.map((t) => `A/${t}`).join(" | ")} | ` +
    `p50 ms (${targets.join("/")}) | p99 ms (${targets.join("/")}) | errors | A Cypher/req | CPU ms/req, server+Neo4j (${targets.join("/")}) |`;
  const sep = `|${header.split("|").slice(1, -1).map(() => "---").join("|")}|`;
  const rows = keys.map((k) => {
    const [op, pool, c] = k.split("|");
    const got = targets.map((t) => find(t, op, pool, Number(c)));
    const a = got[0];
    const ratios = others.map((t) => {
      const o = find(t, op, pool, Number(c));
      return a && o ? `${(a.reqPerSec / o.reqPerSec).toFixed(2)}×` : "–";
    });
    return (
      `| ${op} | ${pool} | ${c} | ${got.map((x) => fmt(x?.reqPerSec)).join(" | ")} | ${ratios.join(" | ")} | ` +
      `${got.map((x) => fmt(x?.p50)).join("/")} | ${got.map((x) => fmt(x?.p99)).join("/")} | ` +
      `${got.map((x) => fmt(x?.errors)).join("/")} | ${fmt(equality.find((e) => e.op === op)?.roundTripsA, 1)} | ` +
      `${got.map((x) => (x?.cpuMsPerRequest ? `${fmt(x.cpuMsPerRequest.target, 1)}+${fmt(x.cpuMsPerRequest.neo4j, 1)}` : "–")).join(" / ")} |`
    );
  });
  return [header, sep, ...rows].join("\n");
}

/** Grouped bars: req/s per operation for each target, uniform ids at the given connection count. */
export function svgChart(cells: CellResult[], targets: string[], connections: number, title: string): string {
  const ops = [...new Set(cells.map((c) => c.op))];
  const colours = ["#2b6cb0", "#c05621", "#2f855a", "#6b46c1"];
  const value = (t: string, op: string) => cells.find((c) => c.target === t && c.op === op && c.pool === "uniform" && c.connections === connections)?.reqPerSec ?? 0;
  const max = Math.max(1, ...ops.flatMap((op) => targets.map((t) => value(t, op))));
  const W = 760, H = 360, left = 60, bottom = 40, top = 40;
  const groupW = (W - left - 20) / ops.length;
  const barW = (groupW - 16) / targets.length;
  const y = (v: number) => top + (H - top - bottom) * (1 - v / max);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${W / 2}" y="20" text-anchor="middle" font-size="14">${title}</text>`,
  ];
  for (let i = 0; i <= 4; i++) {
    const v = (max * i) / 4;
    parts.push(`<line x1="${left}" x2="${W - 20}" y1="${y(v)}" y2="${y(v)}" stroke="#ddd"/>`);
    parts.push(`<text x="${left - 6}" y="${y(v) + 4}" text-anchor="end">${v.toFixed(0)}</text>`);
  }
  ops.forEach((op, g) => {
    targets.forEach((t, k) => {
      const v = value(t, op);
      const x = left + g * groupW + 8 + k * barW;
      parts.push(`<rect x="${x}" y="${y(v)}" width="${barW - 2}" height="${H - bottom - y(v)}" fill="${colours[k % colours.length]}"/>`);
    });
    parts.push(`<text x="${left + g * groupW + groupW / 2}" y="${H - bottom + 16}" text-anchor="middle">${op}</text>`);
  });
  targets.forEach((t, k) => {
    parts.push(`<rect x="${left + k * 110}" y="${H - 16}" width="10" height="10" fill="${colours[k % colours.length]}"/>`);
    parts.push(`<text x="${left + k * 110 + 14}" y="${H - 7}">${t}</text>`);
  });
  parts.push(`<text x="14" y="${top + (H - top - bottom) / 2}" transform="rotate(-90 14 ${top + (H - top - bottom) / 2})" text-anchor="middle">req/s</text>`);
  parts.push("</svg>");
  return parts.join("\n");
}
