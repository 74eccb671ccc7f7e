// What a read of people returns: a name, and whether it is an author's (the key of bylines and `person(name:)`) or a
// signed-in person's own node, found again by its identity key.

/** The longest author name: Person.name is an index key; upsertPaper's byline and imported records are held to it. */
export const MAX_PERSON_NAME_LENGTH = 300;

export type PersonRecord =
  /** An author Person, keyed by `name` (a signed-in person whose token claims the name may hold it). */
  | { name: string; byName: true }
  /**
   * A signed-in person's own node: `name` is its display name, `identity` its key (<issuer>|<subject>). Nobody's
   * author (docs/identity.md, "In the graph").
   */
  | { name: string; byName: false; identity: string };

/** An author read as its name. */
export function personFromValue(name: unknown): PersonRecord {
  return { name: name as string, byName: true };
}

/**
 * A Person read as `personValues`; null for an absent one (an OPTIONAL MATCH that found none), and for one that is
 * neither an author nor an identity's, which nothing here makes.
 */
export function personFromValues(values: unknown): PersonRecord | null {
  const [name, byName, identity] = values as [string | null, boolean, string | null];
  if (name === null) return null;
  if (byName) return { name, byName: true };
  return identity === null ? null : { name, byName: false, identity };
}

/** The name a Person shows: an author's `name`, or a signed-in person's display name. */
export const personName = (a: string) => `coalesce(${a}.name, ${a}.displayName)`;

/** Any Person in Cypher, as personFromValues reads it: its name, whether it is an author's, its identity key. */
export const personValues = (a: string) => `[${personName(a)}, ${a}.name IS NOT NULL, ${a}.identity]`;

/**
 * How a person is found again as a writer, as one string (a loader's key): an author by name, an identity's own
 * node by its identity key. `writerOfKey` reads it back.
 */
export function writerKey(person: PersonRecord): string {
  return person.byName ? `name:${person.name}` : `identity:${person.identity}`;
}

export function writerOfKey(key: string): { key: string; name: string | null; identity: string | null } {
  return key.startsWith("name:") ? { key, name: key.slice("name:".length), identity: null } : { key, name: null, identity: key.slice("identity:".length) };
}
