// What a read of people returns: a name, and whether it is an author's (the key of bylines and `person(name:)`).

/** The longest author name: Person.name is an index key; upsertPaper's byline and imported records are held to it. */
export const MAX_PERSON_NAME_LENGTH = 300;

export interface PersonRecord {
  name: string;
  /**
   * True for an author Person, keyed by `name`; false for a signed-in person's own node, which carries only a display
   * name and is nobody's author (docs/identity.md, "In the graph").
   */
  byName: boolean;
}

/** An author read as its name. */
export function personFromValue(name: unknown): PersonRecord {
  return { name: name as string, byName: true };
}

/** A Person read as `personValues`. */
export function personFromValues(values: unknown): PersonRecord {
  const [name, byName] = values as [string, boolean];
  return { name, byName };
}

/** Any Person in Cypher: an author's name or a signed-in person's display name, and which of the two. */
export const personValues = (a: string) => `[coalesce(${a}.name, ${a}.displayName), ${a}.name IS NOT NULL]`;
