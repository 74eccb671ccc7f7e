// The database wrapper: executeRead / executeWrite on a named database, sessions closed in finally,
// every Cypher statement counted as one round-trip against the request's counter.
import { Driver, ManagedTransaction, Session } from "neo4j-driver";
import { Row, toNative } from "./values";

/** Per-request tally of Cypher statements sent to Neo4j: the proof of batching. */
export class RoundTripCounter {
  count = 0;
}

/** What a repository sees of a transaction: run a statement, get plain rows. */
export interface Tx {
  run(cypher: string, params?: Record<string, unknown>): Promise<Row[]>;
}

export class Database {
  constructor(
    private readonly driver: Driver,
    readonly name: string,
    private readonly counter: RoundTripCounter = new RoundTripCounter(),
  ) {}

  /** The same database, counting into a request's own counter. */
  withCounter(counter: RoundTripCounter): Database {
    return new Database(this.driver, this.name, counter);
  }

  get roundTrips(): number {
    return this.counter.count;
  }

  /** One read statement in its own read transaction. */
  read(cypher: string, params: Record<string, unknown> = {}): Promise<Row[]> {
    return this.readTransaction((tx) => tx.run(cypher, params));
  }

  /** One write statement in its own write transaction. */
  write(cypher: string, params: Record<string, unknown> = {}): Promise<Row[]> {
    return this.writeTransaction((tx) => tx.run(cypher, params));
  }

  /** Several reads in one transaction. The function may be retried: keep it free of side effects. */
  readTransaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.withSession((s) => s.executeRead((tx) => work(this.wrap(tx))));
  }

  /** Several writes in one transaction, all or nothing. The function may be retried: make it idempotent. */
  writeTransaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.withSession((s) => s.executeWrite((tx) => work(this.wrap(tx))));
  }

  private wrap(tx: ManagedTransaction): Tx {
    return {
      run: async (cypher, params = {}) => {
        this.counter.count += 1;
        const result = await tx.run(cypher, params);
        return result.records.map((r) => toNative(r.toObject()) as Row);
      },
    };
  }

  private async withSession<T>(fn: (s: Session) => Promise<T>): Promise<T> {
    const session = this.driver.session({ database: this.name });
    try {
      return await fn(session);
    } finally {
      await session.close();
    }
  }
}

/** True when Neo4j answers a trivial query on the named database within the driver's timeouts. */
export async function isReachable(driver: Driver, database: string): Promise<boolean> {
  // An auto-commit query is tried once: executeQuery would retry for up to 30 s before answering.
  const session = driver.session({ database });
  try {
    await session.run("RETURN 1");
    return true;
  } catch {
    return false;
  } finally {
    await session.close();
  }
}
