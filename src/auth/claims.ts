// Reads a person out of a verified token's claims by the configured claim paths (docs/identity.md, "Claim rules").
import type { JWTPayload } from "jose";
import { Person, Role, withImpliedRoles } from "./viewer";

export interface ClaimNames {
  /** Tried in order; the first holding a non-empty string is the name, else `sub`. */
  name: string[];
  roles: string;
  author: string;
}

/**
 * The value at `path`: a claim of exactly that name first (Auth0's namespaced claims are URLs with dots), else the
 * dotted path walked through nested objects (Keycloak's `realm_access.roles`).
 */
export function claimAt(claims: Record<string, unknown>, path: string): unknown {
  if (Object.hasOwn(claims, path)) return claims[path];
  let value: unknown = claims;
  for (const key of path.split(".")) {
    if (typeof value !== "object" || value === null || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** A list of strings, or one string of space-separated names (the OAuth `scope` form); anything else grants nothing. */
function grantedRoles(value: unknown): string[] {
  if (typeof value === "string") return value.split(/\s+/).filter(Boolean);
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  return [];
}

/** The person a verified token names; `sub` and `iss` are required claims, checked by the verifier. */
export function personFromClaims(claims: JWTPayload & { sub: string; iss: string }, names: ClaimNames, defaultRoles: Role[]): Person {
  const name = names.name.map((path) => claimAt(claims, path)).find((v): v is string => typeof v === "string" && v.trim() !== "");
  const author = claimAt(claims, names.author);
  return {
    kind: "person",
    subject: claims.sub,
    issuer: claims.iss,
    name: name?.trim() ?? claims.sub,
    roles: withImpliedRoles([...defaultRoles, ...grantedRoles(claimAt(claims, names.roles))]),
    // Keycloak's user-attribute mappers emit "true" unless their JSON type is set to boolean.
    author: author === true || author === "true",
  };
}
