// Who is asking: an anonymous reader or a signed-in person, and the one rule of which roles a person holds.

/** The roles a sign-in provider can grant; anything else in the roles claim is ignored. */
export const ROLES = ["contributor", "curator"] as const;
export type Role = (typeof ROLES)[number];

// A curator may do everything a contributor may: the implication lives here and nowhere else.
const IMPLIED: Record<Role, Role[]> = { contributor: [], curator: ["contributor"] };

export interface Anonymous {
  kind: "anonymous";
}

export interface Person {
  kind: "person";
  /** The provider's stable id of the person (`sub`); with `issuer`, the key of the identity. */
  subject: string;
  /** Who vouches for the person (`iss`): the OIDC issuer, or AUTH_ISSUER (default "papers-graph") for HS256. */
  issuer: string;
  /** The display name (docs/identity.md, "Claim rules"). */
  name: string;
  /** Known roles with their implications, sorted, without duplicates. */
  roles: Role[];
  /**
   * The provider asserts that this person is the author of that `name` (AUTH_AUTHOR_CLAIM). Only then may the
   * person's `(:Person)` be the same node as an author of that name; a name alone never proves authorship.
   */
  author: boolean;
  /**
   * When this server stops accepting the token (its `exp` plus AUTH_CLOCK_TOLERANCE_SECONDS), in ms since the epoch:
   * a WebSocket connection signed in with it is closed then (src/http/subscriptions.ts). Absent: no expiry known.
   */
  acceptedUntil?: number;
}

export type Viewer = Anonymous | Person;

export const ANONYMOUS: Anonymous = Object.freeze({ kind: "anonymous" });

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** The known roles among `granted`, with the roles they imply. */
export function withImpliedRoles(granted: Iterable<string>): Role[] {
  const roles = new Set<Role>();
  for (const role of granted) {
    if (!isRole(role)) continue;
    roles.add(role);
    for (const implied of IMPLIED[role]) roles.add(implied);
  }
  return ROLES.filter((role) => roles.has(role));
}

/** True when the viewer is a person holding `role` (directly or through a role that implies it). */
export function hasRole(viewer: Viewer, role: Role): boolean {
  return viewer.kind === "person" && withImpliedRoles(viewer.roles).includes(role);
}

/**
 * The key of a person's identity in the graph: `<issuer>|<subject>` (docs/identity.md, "In the graph"). Issuers are
 * URLs or names without "|", so the first "|" splits it even when a subject holds one (Auth0's "auth0|123").
 */
export function identityKey(person: Person): string {
  return `${person.issuer}|${person.subject}`;
}

/** Who writes, as the repositories record it: from the token, never from an argument. */
export interface Writer {
  /** identityKey(person): what createdBy / updatedBy hold. */
  identity: string;
  name: string;
  /** The token's author claim: the identity may be the author Person of that name. */
  author: boolean;
}

export function writerOf(person: Person): Writer {
  return { identity: identityKey(person), name: person.name, author: person.author };
}
