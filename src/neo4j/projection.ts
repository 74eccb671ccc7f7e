// How the type of a record read with some of its properties is derived from the list of those properties.
//
// Reads return node properties as lists (`[n.id, n.title]`, see projectionValues and rowFromValues), so what a
// record holds is decided by the list it was read with. Two cases, told apart by whether the compiler knows the list's length:
// - a tuple written in code (PAPER_PROPERTIES, `["id", "title"] as const`): the record has exactly those fields;
// - an array chosen at run time (from a GraphQL selection, src/graphql/selection.ts): only the fields every read
//   has are certain, the rest are typed possibly absent, so a resolver that needs one must check it is there.
// The second case is the safe default: any list the compiler cannot see through gives the cautious type.
import { LRUCache } from "lru-cache";

/** A record read with the properties `Props`; `Always` are those every read returns whatever `Props` says. */
export type Projected<R, Always extends keyof R, Props extends readonly (keyof R)[]> = number extends Props["length"]
  ? Selected<R, Always>
  : Pick<R, Always | Props[number]>;

/** A record read with properties chosen at run time: `Always` are there, any other may be absent. */
export type Selected<R, Always extends keyof R> = Pick<R, Always> & Partial<R>;

/**
 * The properties `props` of the node `variable` as a Cypher list, written out: `[p.id, p.title]`. A list decodes
 * faster than a map with the same values (no key strings on the wire), and static property reads cost Neo4j less
 * than a `[k IN $props | p[k]]` comprehension, which looks every name up per row (both measured:
 * bench/README.md#third-round-neo4js-share). The names come from a record's fixed property list, never from a user;
 * `more` are expressions appended to the list.
 */
export function projectionValues(variable: string, props: readonly string[], ...more: string[]): string {
  return `[${[...props.map((k) => `${variable}.${k}`), ...more].join(", ")}]`;
}

/**
 * A statement written per property list, each text made once and kept: Neo4j caches a plan per text, so a
 * selection seen before costs neither a rebuild here nor a replan there. Bounded, the least recently used text going
 * first: the lists a client can ask for are subsets of a record's properties, far more than the few in real use.
 */
export function perProjection<P extends string>(statement: (props: readonly P[]) => string, max = 64): (props: readonly P[]) => string {
  return statementCache(statement, (props) => props.join(","), max);
}

/** perProjection for statements that vary in more than one list: `key` names a variant (different texts, different keys). */
export function statementCache<A>(statement: (variant: A) => string, key: (variant: A) => string, max = 64): (variant: A) => string {
  const texts = new LRUCache<string, string>({ max });
  return (variant) => {
    const k = key(variant);
    let text = texts.get(k);
    if (text === undefined) {
      text = statement(variant);
      texts.set(k, text);
    }
    return text;
  };
}

/**
 * A record from a list of values and the names they stand for, in one pass. `normalise` fixes up one value (a
 * default for an absent property).
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
