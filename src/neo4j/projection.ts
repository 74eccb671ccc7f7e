// How the type of a record read with some of its properties is derived from the list of those properties.
//
// Reads return node properties as `[k IN $props | n[k]]` lists (see rowFromValues), so what a record holds is
// decided by the list it was read with. Two cases, told apart by whether the compiler knows the list's length:
// - a tuple written in code (PAPER_PROPERTIES, `["id", "title"] as const`): the record has exactly those fields;
// - an array chosen at run time (from a GraphQL selection, src/graphql/selection.ts): only the fields every read
//   has are certain, the rest are typed possibly absent, so a resolver that needs one must check it is there.
// The second case is the safe default: any list the compiler cannot see through gives the cautious type.

/** A record read with the properties `Props`; `Always` are those every read returns whatever `Props` says. */
export type Projected<R, Always extends keyof R, Props extends readonly (keyof R)[]> = number extends Props["length"]
  ? Selected<R, Always>
  : Pick<R, Always | Props[number]>;

/** A record read with properties chosen at run time: `Always` are there, any other may be absent. */
export type Selected<R, Always extends keyof R> = Pick<R, Always> & Partial<R>;

/**
 * A record from a list of values and the names they stand for, in one pass. The statement stays the same text
 * whatever is selected (one cached plan), and a list decodes faster than a map with the same values (no key strings
 * on the wire; measured: bench/README.md#second-round-the-cpu-split). `normalise` fixes up one value (a default
 * for an absent property).
 */
export function rowFromValues<T>(
  names: readonly string[],
  values: unknown,
  normalise?: (name: string, value: unknown) => unknown,
): T {
  const list = values as unknown[];
  const row: Record<string, unknown> = {};
  for (let i = 0; i < names.length; i++) row[names[i]] = normalise ? normalise(names[i], list[i]) : list[i];
  return row as T;
}
