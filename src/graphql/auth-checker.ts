// The one permission rule of the schema: a field marked @Authorized("role") runs only for a person holding that role.
// Ownership of a summary is the other half and lives with the summary writes (summary-write.repository.ts).
import type { AuthCheckerFn } from "type-graphql";
import { hasRole, Role } from "../auth/viewer";
import type { Context } from "./context";
import { forbidden, signInRequired } from "./errors";

/** What each role may do, for refusals: "Adding citations needs the curator role." reads better than a bare name. */
const ROLE_GRANTS: Record<Role, string> = {
  contributor: "contributors add summaries, edit and delete their own, and vote",
  curator: "curators also edit papers and their links, and any summary",
};

/**
 * Throws rather than returns false, so the refusal says what is missing: no identity is UNAUTHENTICATED ("sign
 * in"), an identity without the role is FORBIDDEN. Runs before argument validation, so a refusal never depends on
 * the arguments. An @Authorized() without roles asks only for a signed-in person.
 */
export const authChecker: AuthCheckerFn<Context, Role> = ({ context, info }, roles) => {
  const { viewer } = context;
  const field = `${info.parentType.name}.${info.fieldName}`;
  if (viewer.kind === "anonymous") {
    throw signInRequired(`Sign in to use ${info.fieldName}: ${roles.length > 0 ? `it needs the ${roles.join(" or ")} role` : "it needs an identity"}.`);
  }
  if (roles.length === 0 || roles.some((role) => hasRole(viewer, role))) return true;
  const role = roles[0];
  throw forbidden(`${field} needs the ${roles.join(" or ")} role (${ROLE_GRANTS[role]}); you are signed in as ${viewer.name} without it.`);
};
