// A canonical listing of a whole store, written without the exporter's code: every node (labels, properties with
// their Bolt types, sorted) and every edge (type, its ends named by label and key, properties), one line each,
// sorted. Two stores hold the same graph exactly when their listings are equal.
import neo4j, { Driver, isDate, isDateTime, isInt, isLocalDateTime } from "neo4j-driver";

function canonical(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "boolean") return String(value);
  if (typeof value === "number") return `float(${value})`;
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (isInt(value)) return `int(${value.toString()})`;
  if (isDateTime(value)) return `datetime(${value.toString()})`;
  if (isLocalDateTime(value)) return `localdatetime(${value.toString()})`;
  if (isDate(value)) return `date(${value.toString()})`;
  throw new Error(`graph listing: no canonical form for ${Object.prototype.toString.call(value)}`);
}

function props(p: Record<string, unknown>): string {
  return Object.keys(p)
    .sort()
    .map((k) => `${k}=${canonical(p[k])}`)
    .join(" ");
}

const NODE_NAME = (n: string) => `labels(${n}) AS ${n}Labels, coalesce(${n}.id, ${n}.identity, ${n}.name) AS ${n}Key`;

/** The listing, lines sorted. The importer's lock node (no data) is left out. */
export async function graphListing(driver: Driver): Promise<string[]> {
  const session = driver.session({ database: "neo4j", defaultAccessMode: neo4j.session.READ });
  const lines: string[] = [];
  try {
    const nodes = await session.run(`MATCH (n) WHERE NOT n:ImportLock RETURN labels(n) AS labels, properties(n) AS props`);
    for (const r of nodes.records) lines.push(`node :${(r.get("labels") as string[]).sort().join(":")} ${props(r.get("props"))}`);
    const edges = await session.run(`MATCH (a)-[r]->(b) RETURN type(r) AS type, ${NODE_NAME("a")}, ${NODE_NAME("b")}, properties(r) AS props`);
    for (const r of edges.records) {
      const end = (n: string) => `(:${(r.get(`${n}Labels`) as string[]).sort().join(":")} ${JSON.stringify(r.get(`${n}Key`))})`;
      lines.push(`edge ${end("a")}-[:${r.get("type")} ${props(r.get("props"))}]->${end("b")}`);
    }
  } finally {
    await session.close();
  }
  return lines.sort();
}

/** Equal listings, or an error naming (up to 20 of) the lines only one side has. */
export function expectSameListing(actual: string[], expected: string[]): void {
  if (actual.length === expected.length && actual.every((line, i) => line === expected[i])) return;
  const a = new Set(actual);
  const e = new Set(expected);
  const missing = expected.filter((l) => !a.has(l)).slice(0, 20);
  const extra = actual.filter((l) => !e.has(l)).slice(0, 20);
  throw new Error(
    `the graphs differ (${actual.length} lines against ${expected.length} expected)\n` +
      `missing:\n  ${missing.join("\n  ")}\nnot expected:\n  ${extra.join("\n  ")}`,
  );
}
