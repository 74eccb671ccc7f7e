// What a read of people returns. A person has one property, its name, read as a plain value.

export interface PersonRecord {
  name: string;
}

/** A person read as its name. */
export function personFromValue(name: unknown): PersonRecord {
  return { name: name as string };
}
