// Converts Bolt values to plain JavaScript on the way out, so no neo4j Integer or temporal object reaches GraphQL.
import neo4j, { isDate, isDateTime, isDuration, isInt, isLocalDateTime, isLocalTime, isNode, isRelationship, isTime } from "neo4j-driver";

export type Row = Record<string, unknown>;

/**
 * Converts in place: rows come fresh from the driver and nothing else holds them. Most values are strings and
 * numbers, so they leave at the first test; the per-type checks run on objects only (with the checks first,
 * this function and the driver's type tests were a visible share of a nested query's CPU; measured:
 * bench/README.md#first-round-the-hot-path).
 */
export function toNative(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value !== "object") return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = toNative(value[i]);
    return value;
  }
  if (isInt(value)) {
    // Counts and years fit easily; an out-of-range value is a data bug worth surfacing, not silently rounding.
    if (!neo4j.integer.inSafeRange(value)) throw new RangeError(`Integer ${value.toString()} exceeds JavaScript's safe range`);
    return value.toNumber();
  }
  if (isDateTime(value) || isLocalDateTime(value) || isDate(value) || isTime(value) || isLocalTime(value) || isDuration(value)) {
    return value.toString();
  }
  if (isNode(value) || isRelationship(value)) return toNative({ ...value.properties });
  const map = value as Row;
  for (const k of Object.keys(map)) map[k] = toNative(map[k]);
  return map;
}

/** `LIMIT` and `SKIP` reject floats, and every JavaScript number travels as a float over Bolt. */
export function int(n: number) {
  return neo4j.int(n);
}
