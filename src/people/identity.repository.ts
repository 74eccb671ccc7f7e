// Cypher for identities in the graph: each signed-in person is one (:Person {identity}), made on their first write and
// brought in line with the token on each later one. The rule (docs/identity.md, "In the graph"): the node is keyed by
// `identity` = <issuer>|<subject> and carries the display name as `displayName`; it is the author Person of that name
// (`name`) only while the token's author claim says so. A Person without `name` is nobody's author: `person(name:)`
// and bylines never find it.
import type { Tx } from "../neo4j/database";
import type { Writer } from "../auth/viewer";

export type { Writer };

// Known already: the display name follows the token (a provider's rename shows on the next write). The lock comes
// before the read, so what it answers (an author's name, or none) stays true until this transaction ends: a
// concurrent write of the same identity that moved it to another node has committed by then, and is seen. A claim that
// deletes this node meanwhile is no error here: the seek on `identity` locks its index entry, which the claim's SET
// needs too, so this either finds the author node or deadlocks with the claim and is retried
// (docs/identity.md#concurrent-writes-after-a-grant).
const KNOWN = `
MATCH (w:Person {identity: $writer.identity})
SET w.__lock = true
REMOVE w.__lock
WITH w WHERE w.identity = $writer.identity
SET w.displayName = $writer.name
RETURN w.name AS name`;

// The identity's own node; the uniqueness constraint on `identity` makes concurrent first writes meet in one.
const OWN_NODE = `
MERGE (w:Person {identity: $writer.identity})
  ON CREATE SET w.displayName = $writer.name, w.createdAt = datetime(), w.createdBy = $writer.identity`;

/** A CALL moving every `type` edge (filtered by `where`, on `r`) of person `from` to person `to`, properties and all. */
function moveEdges(type: "WROTE" | "VOTED", from: string, to: string, where = ""): string {
  return `CALL (${from}, ${to}) {
  MATCH (${from})-[r:${type}]->(s) ${where}
  CREATE (${to})-[m:${type}]->(s) SET m = properties(r)
  DELETE r
}`;
}

// The token no longer claims the author node the identity holds (KNOWN has locked it): the identity moves to a node
// of its own with its votes and the summaries it wrote itself. The author keeps the rest: its papers, and the
// summaries a curator attributed to it by name.
const RELEASE_AUTHOR = `
MATCH (a:Person {identity: $writer.identity}) WHERE a.name IS NOT NULL
REMOVE a.identity, a.displayName
${OWN_NODE}
WITH a, w
${moveEdges("WROTE", "a", "w", "WHERE r.createdBy = $writer.identity")}
${moveEdges("VOTED", "a", "w")}`;

// The author of that name, unless another identity holds it (then this one keeps, or gets, a node of its own). The
// lock comes before the read: two identities claiming one node at once would otherwise both read it unclaimed, and the
// second, once the first committed, would take it over. A node of the identity's own from before (a claim granted
// later) hands the author node its votes and summaries, and goes: a plain DELETE, so that a relationship a Person may
// one day have and this does not move fails the write instead of being lost.
const CLAIM_AUTHOR = `
MERGE (a:Person {name: $writer.name})
  ON CREATE SET a.createdAt = datetime(), a.createdBy = $writer.identity
SET a.__lock = true
REMOVE a.__lock
WITH a WHERE a.identity IS NULL OR a.identity = $writer.identity
OPTIONAL MATCH (w:Person {identity: $writer.identity}) WHERE w <> a
${moveEdges("WROTE", "w", "a")}
${moveEdges("VOTED", "w", "a")}
CALL (w) {
  WITH w WHERE w IS NOT NULL
  DELETE w
}
SET a.identity = $writer.identity, a.displayName = $writer.name
RETURN true AS found`;

/**
 * Makes sure the writer's Person exists and is the one the token says, inside the caller's write transaction; then
 * `(w:Person {identity})` finds it. One statement when nothing has changed since the identity's last write.
 */
export async function mergeIdentity(tx: Tx, writer: Writer): Promise<void> {
  // The author name the token vouches for, if any: the name of the node the identity should be.
  const claimed = writer.author ? writer.name : null;
  const [known] = await tx.run(KNOWN, { writer });
  if (known && known.name === claimed) return;
  if (known && known.name !== null) await tx.run(RELEASE_AUTHOR, { writer });
  if (claimed !== null && (await tx.run(CLAIM_AUTHOR, { writer })).length > 0) return;
  if (!known) await tx.run(OWN_NODE, { writer });
}
