// Cypher for identities in the graph: each signed-in person is one (:Person {identity}), made on their first write.
// The rule (docs/identity.md, "In the graph"): the node is keyed by `identity` = <issuer>|<subject> and carries the
// display name as `displayName`; it is the author Person of that name (`name`) only when the token's author claim
// says so. A Person without `name` is nobody's author: `person(name:)` and bylines never find it.
import type { Tx } from "../neo4j/database";
import type { Writer } from "../auth/viewer";

export type { Writer };

// Known already: the display name follows the token (a provider's rename shows on the next write).
const KNOWN = `
MATCH (w:Person {identity: $writer.identity})
SET w.displayName = $writer.name
RETURN true AS found`;

// The author of that name, unless another identity claimed it first (then this one gets a node of its own). The
// lock comes before the read: two identities claiming one node at once would otherwise both read it unclaimed, and the
// second, once the first committed, would take it over.
const CLAIM_AUTHOR = `
MERGE (a:Person {name: $writer.name})
  ON CREATE SET a.createdAt = datetime(), a.createdBy = $writer.identity
SET a.__lock = true
REMOVE a.__lock
WITH a WHERE a.identity IS NULL OR a.identity = $writer.identity
SET a.identity = $writer.identity, a.displayName = $writer.name
RETURN true AS found`;

// The identity's own node; the uniqueness constraint on `identity` makes concurrent first writes meet in one.
const OWN_NODE = `
MERGE (w:Person {identity: $writer.identity})
  ON CREATE SET w.displayName = $writer.name, w.createdAt = datetime(), w.createdBy = $writer.identity`;

/** Makes sure the writer's Person exists, inside the caller's write transaction; then `(w:Person {identity})` finds it. */
export async function mergeIdentity(tx: Tx, writer: Writer): Promise<void> {
  if ((await tx.run(KNOWN, { writer })).length > 0) return;
  if (writer.author && (await tx.run(CLAIM_AUTHOR, { writer })).length > 0) return;
  await tx.run(OWN_NODE, { writer });
}
