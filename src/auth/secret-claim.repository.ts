// Cypher for the claim a generated local secret lays on an external database: one node, made by the first instance.
import type { Database } from "../neo4j/database";

// The first instance's fingerprint stays; every later start reads it back. MERGE without a constraint can, in a
// race of two first starts, make two nodes: the check then reads one of them, which still refuses one of the two.
const CLAIM = `
MERGE (c:LocalSecretClaim {id: "local-secret"})
  ON CREATE SET c.fingerprint = $fingerprint, c.claimedAt = datetime()
RETURN c.fingerprint AS fingerprint
LIMIT 1`;

export class SecretClaimRepository {
  constructor(private readonly db: Database) {}

  /** Claims the database for `fingerprint` unless claimed already; returns the fingerprint that holds the claim. */
  async claim(fingerprint: string): Promise<string> {
    const [row] = await this.db.write(CLAIM, { fingerprint });
    return row.fingerprint as string;
  }
}
