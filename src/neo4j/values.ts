// Converts Bolt values to plain JavaScript on the way out, so no neo4j Integer or temporal object reaches GraphQL.
import neo4j, { isDate, isDateTime, isDuration, isInt, isLocalDateTime, isLocalTime, isNode, isRelationship, isTime } from "neo4j-driver";

export type Row = Record<string, unknown>;

export function toNative(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (isInt(value)) {
    // Counts and years fit easily; an out-of-range value is a data bug worth surfacing, not silently rounding.
    if (!neo4j.integer.inSafeRange(value)) throw new RangeError(`Integer ${value.toString()} exceeds JavaScript's safe range`);
    return value.toNumber();
  }
  if (isDateTime(value) || isLocalDateTime(value) || isDate(value) || isTime(value) || isLocalTime(value) || isDuration(value)) {
    return value.toString();
  }
  if (isNode(value) || isRelationship(value)) return toNative(value.properties);
  if (Array.isArray(value)) return value.map(toNative);
  if (typeof value === "object") {
    const out: Row = {};
    for (const [k, v] of Object.entries(value as Row)) out[k] = toNative(v);
    return out;
  }
  return value;
}

/** `LIMIT` and `SKIP` reject floats, and every JavaScript number travels as a float over Bolt. */
export function int(n: number) {
  return neo4j.int(n);
}
