// The one helper every batch function returns through: results in key order, same length as the keys.

/**
 * Puts `rows` in the order of `keys`. A key with no row gets `missing` (null for a nullable field, [] for a list),
 * so one absent parent never fails the whole batch.
 */
export function orderByKey<K, R, V>(
  keys: readonly K[],
  rows: readonly R[],
  keyOf: (row: R) => K,
  valueOf: (row: R) => V,
  missing: () => V,
): V[] {
  const byKey = new Map<K, V>();
  for (const row of rows) byKey.set(keyOf(row), valueOf(row));
  return keys.map((k) => (byKey.has(k) ? (byKey.get(k) as V) : missing()));
}
