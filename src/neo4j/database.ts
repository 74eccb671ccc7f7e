// The database wrapper: one-statement reads as auto-commit read queries, several reads through executeRead,
// writes through executeWrite; always on the named database, sessions closed in finally,
// every Cypher statement counted as one round-trip against the request's counter, every transaction bounded by
// Neo4j's transaction timeout and by what is left of the request's time budget.
import neo4j, { BookmarkManager, Driver, ManagedTransaction, Session, SessionMode } from "neo4j-driver";
import { Row, toNative } from "./values";
import { BookmarkNotReachedError, classifyDriverError, DatabaseTimeoutError, isUniquenessRefusal, WriteConflictError } from "./database-errors";

/**
 * Runs `start` (a driver call that creates its Result synchronously) with V8's stack traces off. neo4j-driver
 * captures and formats the caller's stack for every Result, to graft it onto a later error: 5% of the server's CPU
 * under the benchmark's Q1 (bench/README.md#fourth-round-the-servers-share). Errors reach the client classified by
 * database-errors.ts and the log with the request they belong to, so that trace buys nothing here.
 */
function withoutCallerStack<T>(start: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return start();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

const COMPACT_CACHE_SIZE = 1000;
const compacted = new Map<string, string>();

/**
 * The statement as sent: each line trimmed, blank lines and comment lines dropped. The driver writes a RUN message
 * in chunks of 1,400 bytes, one socket write each, and the repositories' indented, commented texts cross that line
 * (the folded paper statement is 1.3 kB): compacted, a request's RUN and PULL mostly leave in one write. Q2's server
 * CPU went from 0.76 to 0.70 ms per request (bench/README.md, fifth round). No statement holds a string literal
 * spanning lines (user values are always parameters), so only layout is removed. Kept per text: the texts are a
 * bounded set.
 */
export function compactCypher(cypher: string): string {
  let text = compacted.get(cypher);
  if (text === undefined) {
    text = cypher
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line !== "" && !line.startsWith("//"))
      .join("\n");
    if (compacted.size >= COMPACT_CACHE_SIZE) compacted.clear();
    compacted.set(cypher, text);
  }
  return text;
}

/** Per-request tally of Cypher statements sent to Neo4j: the proof of batching. */
export class RoundTripCounter {
  count = 0;
}

/** What a repository sees of a transaction: run a statement, get plain rows. */
export interface Tx {
  run(cypher: string, params?: Record<string, unknown>): Promise<Row[]>;
}

/** A streaming read transaction: rows with their Bolt values as they are, pulled as the caller iterates. */
export interface StreamTx {
  stream(cypher: string, params?: Record<string, unknown>): AsyncIterable<{ toObject(): Row }>;
}

/** Sessions of this process open right now and ever opened: the driver's pool use, as /metrics reports it. */
export class SessionGauge {
  inUse = 0;
  opened = 0;
}

export interface DatabaseSettings {
  /** Neo4j terminates a transaction that runs longer (the driver's transaction config `timeout`); none when unset. */
  transactionTimeoutMs?: number;
  sessions?: SessionGauge;
}

/**
 * What one request brings: its round-trip counter, the time (Date.now() ms) by which its work must be done, and
 * what to call once a write transaction of the request has ended (committed, or failed in a way that may have
 * committed): the request's loaders are emptied there, so its later reads see the write.
 */
export interface RequestScope {
  counter: RoundTripCounter;
  deadline?: number;
  afterWrite?: () => void;
  bookmarks?: RequestBookmarks;
}

/**
 * The causal chain of one request: every session of the request shares its bookmark manager, so each statement
 * runs on a state at least as new as the client's bookmark and the request's own earlier writes, on whichever
 * cluster member it is routed to. Once the request has written, its bookmarks are what the client takes away.
 */
export class RequestBookmarks {
  readonly manager: BookmarkManager;
  wrote = false;
  private reached?: Promise<void>;

  /** `initial`: the client's bookmarks, already checked for shape. */
  constructor(private readonly initial: readonly string[] = []) {
    this.manager = neo4j.bookmarkManager({ initialBookmarks: initial });
  }

  /**
   * Waits once per request, by `probe`, for the database to reach the client's bookmarks; every later session of
   * the request shares the outcome. Without it each statement would wait Neo4j's bookmark_ready_timeout on its own,
   * and the driver's transaction functions retry the timeout once more, so a request would run out of time
   * instead of answering BOOKMARK_NOT_REACHED.
   */
  waitForInitial(probe: () => Promise<void>): Promise<void> {
    if (this.initial.length === 0) return Promise.resolve();
    return (this.reached ??= probe());
  }

  /**
   * The manager a session of the request takes: none for a read while there is nothing to wait for (no bookmark from
   * the client, no write of the request yet), since an empty manager only adds the driver's asynchronous bookmark
   * exchange around every statement (bench/README.md#fourth-round-the-servers-share). Writes always take it: their
   * bookmarks are what the client takes away.
   */
  managerFor(mode: SessionMode): BookmarkManager | undefined {
    return mode === neo4j.session.WRITE || this.wrote || this.initial.length > 0 ? this.manager : undefined;
  }

  /** The bookmarks naming the request's writes (and all before them); undefined when it wrote nothing. */
  async afterWrites(): Promise<string[] | undefined> {
    return this.wrote ? [...(await this.manager.getBookmarks())] : undefined;
  }
}

/** Runs `attempt`, and once more after a retryable driver error (transient, or a cluster role change) unless `final`. */
async function onceMore<T>(attempt: () => Promise<T>, final: (err: unknown) => boolean = () => false): Promise<T> {
  try {
    return await attempt();
  } catch (err) {
    if (!neo4j.isRetryableError(err) || final(err)) throw err;
    return attempt();
  }
}

/**
 * A bookmark not reached has already been waited for as long as Neo4j is configured to: waiting again would double
 * it; the client is told to retry instead.
 */
function bookmarkNotReached(err: unknown): boolean {
  return classifyDriverError(err) instanceof BookmarkNotReachedError;
}

export class Database {
  readonly sessions: SessionGauge;

  constructor(
    private readonly driver: Driver,
    readonly name: string,
    private readonly settings: DatabaseSettings = {},
    private readonly scope: RequestScope = { counter: new RoundTripCounter() },
  ) {
    this.sessions = settings.sessions ?? new SessionGauge();
    // Kept with the gauge in it, so that forRequest hands the same settings on as they are (a copy per request was
    // 0.7% of the server's busy time in a profile under Q2).
    if (!settings.sessions) this.settings = { ...settings, sessions: this.sessions };
  }

  /**
   * The same database for work that is not a request and must not be cut off by a request's bound (NEO4J_TX_TIMEOUT_MS):
   * the start's schema, migrations and seed, which on a large store (an index built after an upgrade, a migration over
   * every paper) or a busy machine take longer. Neo4j's own db.transaction.timeout still applies if one is set.
   */
  withoutTimeout(): Database {
    return new Database(this.driver, this.name, { ...this.settings, transactionTimeoutMs: undefined, sessions: this.sessions }, this.scope);
  }

  /** The same database for one request: counting into its counter, finishing by its deadline. */
  forRequest(scope: RequestScope): Database {
    return new Database(this.driver, this.name, this.settings, scope);
  }

  private get counter(): RoundTripCounter {
    return this.scope.counter;
  }

  get roundTrips(): number {
    return this.counter.count;
  }

  /** The longest a transaction of this server may run (NEO4J_TX_TIMEOUT_MS); undefined when none is set. */
  get transactionTimeoutMs(): number | undefined {
    return this.settings.transactionTimeoutMs;
  }

  /**
   * One read statement, sent as an auto-commit query on a read session: RUN and PULL only, where a transaction
   * function adds BEGIN and COMMIT and so doubles the Bolt messages of a one-statement read (measured:
   * bench/README.md#first-round-the-hot-path). A read has nothing to roll back, so the one thing the
   * transaction function gave, retrying after a transient failure or a cluster role change, is done here: once.
   */
  read(cypher: string, params: Record<string, unknown> = {}): Promise<Row[]> {
    return this.autoCommitRead(neo4j.session.READ, cypher, params, (rows) => rows);
  }

  /**
   * One read statement on the cluster's leader (a session in write mode; a single server is its own leader), which
   * has every committed write, as `read` runs it; with the bookmarks of the state it read, for reads elsewhere to
   * wait for.
   */
  readLatest(cypher: string, params: Record<string, unknown> = {}): Promise<{ rows: Row[]; bookmarks: string[] }> {
    return this.autoCommitRead(neo4j.session.WRITE, cypher, params, (rows, s) => ({ rows, bookmarks: s.lastBookmarks() }));
  }

  /** One auto-commit statement in a session of `mode`, tried once more after a retryable error; `answer` maps its rows. */
  private autoCommitRead<T>(mode: SessionMode, cypher: string, params: Record<string, unknown>, answer: (rows: Row[], session: Session) => T): Promise<T> {
    return this.withSession(
      (s, config) =>
        onceMore(async () => {
          this.counter.count += 1;
          const result = await withoutCallerStack(() => s.run(compactCypher(cypher), params, config));
          return answer(result.records.map((r) => toNative(r.toObject()) as Row), s);
        }, bookmarkNotReached),
      mode,
    );
  }

  /** One write statement in its own write transaction. */
  write(cypher: string, params: Record<string, unknown> = {}): Promise<Row[]> {
    return this.writeTransaction((tx) => tx.run(cypher, params));
  }

  /**
   * One write statement as an auto-commit query, the only kind that may hold `CALL { ... } IN TRANSACTIONS`
   * (schema-setup.ts's batched migration): each inner batch commits on its own, and the statement is not cut by the
   * transaction timeout of requests. Keep it idempotent: after a transient failure (a deadlock with a concurrent
   * writer, a leader change) it is run again once, from the batches it had not committed.
   */
  async writeInTransactions(cypher: string, params: Record<string, unknown> = {}): Promise<void> {
    try {
      // A session per attempt: a leader change sends the second one to the new leader.
      await onceMore(async () => {
        const session = this.openSession(neo4j.session.WRITE);
        try {
          this.counter.count += 1;
          await session.run(compactCypher(cypher), params);
        } finally {
          await this.closeSession(session);
        }
      });
    } catch (err) {
      throw classifyDriverError(err);
    }
  }

  /** Several reads in one transaction. The function may be retried: keep it free of side effects. */
  readTransaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.withSession((s, config) => s.executeRead((tx) => work(this.wrap(tx)), config));
  }

  /**
   * Several writes in one transaction, all or nothing. The function may be retried: make it idempotent. Besides the
   * driver's retries of transient failures, it is run once more after a uniqueness constraint refused a write: the
   * writers look an identifier's holder up before they write one (upsertPaper's "taken", a summary's link, an
   * import's placement, mergeIdentity's person), so that refusal means a concurrent transaction committed the same
   * value after the look, and the second run sees it and answers as the look would have (schema-setup.ts
   * IDENTIFIER_CONSTRAINTS); losing again is a WriteConflictError, worth trying later. Work that copies values
   * without such a look (the restore of an export) says `lookedUp: false`: its refusal is the data's, which another
   * run would meet again, so it is not run again and stays a ValueTakenError naming the value.
   */
  writeTransaction<T>(work: (tx: Tx) => Promise<T>, { lookedUp = true }: { lookedUp?: boolean } = {}): Promise<T> {
    const attempt = (s: Session, config: { timeout?: number }) => s.executeWrite((tx) => work(this.wrap(tx)), config);
    const once = (s: Session, config: { timeout?: number }) =>
      attempt(s, config).catch((err: unknown) => {
        if (!lookedUp || !isUniquenessRefusal(err)) throw err;
        return attempt(s, config).catch((again: unknown) => {
          throw isUniquenessRefusal(again) ? new WriteConflictError(again) : again;
        });
      });
    // Reported whatever the outcome: a commit whose answer was lost may still have happened, and an extra report
    // costs only re-reads.
    return this.withSession(once).finally(() => {
      if (this.scope.bookmarks) this.scope.bookmarks.wrote = true;
      this.scope.afterWrite?.();
    });
  }

  /**
   * Reads in one explicit read transaction whose statements hand their rows over as they arrive, with Bolt's types
   * left as they are (the export). Not retried: the rows have gone on to files. `unchanged` is true when no
   * transaction committed on the database while it ran: the bookmark Neo4j gives for a transaction just before it
   * equals the one its own commit gives (Neo4j's bookmarks name the last committed transaction; docs/backup.md).
   */
  async readStream<T>(work: (tx: StreamTx) => Promise<T>): Promise<{ value: T; unchanged: boolean }> {
    const session = this.openSession(neo4j.session.READ);
    try {
      await session.executeRead((tx) => tx.run("RETURN 1"));
      const before = session.lastBookmarks();
      const timeout = this.settings.transactionTimeoutMs;
      const tx = session.beginTransaction(timeout ? { timeout } : {});
      let value: T;
      try {
        value = await work({
          stream: (cypher, params = {}) => {
            this.counter.count += 1;
            return tx.run(compactCypher(cypher), params);
          },
        });
        await tx.commit();
      } catch (err) {
        if (tx.isOpen()) await tx.rollback().catch(() => undefined);
        throw err;
      }
      const after = session.lastBookmarks();
      return { value, unchanged: before.length > 0 && JSON.stringify(before) === JSON.stringify(after) };
    } catch (err) {
      throw classifyDriverError(err);
    } finally {
      await this.closeSession(session);
    }
  }

  private wrap(tx: ManagedTransaction): Tx {
    return {
      run: async (cypher, params = {}) => {
        this.counter.count += 1;
        const result = await withoutCallerStack(() => tx.run(compactCypher(cypher), params));
        // Past the deadline the client has been answered TIMEOUT: throwing rolls the transaction back, so a
        // statement that was slow to get its locks cannot still commit afterwards.
        if (this.scope.deadline !== undefined && Date.now() > this.scope.deadline) throw new DatabaseTimeoutError();
        return result.records.map((r) => toNative(r.toObject()) as Row);
      },
    };
  }

  /** A session on the named database, counted in the gauge until closeSession. */
  private openSession(defaultAccessMode: SessionMode, bookmarkManager?: BookmarkManager): Session {
    const session = this.driver.session({ database: this.name, defaultAccessMode, bookmarkManager });
    this.sessions.inUse += 1;
    this.sessions.opened += 1;
    return session;
  }

  private async closeSession(session: Session): Promise<void> {
    this.sessions.inUse -= 1;
    await session.close();
  }

  /** A trivial auto-commit statement: it starts once the server has reached the session's bookmarks, and is not retried. */
  private async probe(session: Session, config: { timeout?: number }): Promise<void> {
    this.counter.count += 1;
    await session.run("RETURN 1", {}, config);
  }

  private async withSession<T>(
    fn: (s: Session, config: { timeout?: number }) => Promise<T>,
    defaultAccessMode: SessionMode = neo4j.session.WRITE,
  ): Promise<T> {
    const left = this.scope.deadline === undefined ? Infinity : this.scope.deadline - Date.now();
    if (left <= 0) throw new DatabaseTimeoutError();
    // Neo4j reads a timeout of 0 as "none": never send less than 1 ms.
    const timeout = Math.max(1, Math.ceil(Math.min(this.settings.transactionTimeoutMs ?? Infinity, left)));
    const session = this.openSession(defaultAccessMode, this.scope.bookmarks?.managerFor(defaultAccessMode));
    const config = Number.isFinite(timeout) ? { timeout } : {};
    const work = (this.scope.bookmarks?.waitForInitial(() => this.probe(session, config)) ?? Promise.resolve())
      .then(() => fn(session, config))
      .catch((err: unknown) => {
        throw classifyDriverError(err);
      })
      .finally(() => this.closeSession(session));
    if (!Number.isFinite(left)) return work;
    // Neo4j stops the transaction itself once `timeout` passes, but the driver's retries and connection attempts
    // are not bounded by it: the request's deadline is also enforced here. The work goes on to its own end (the
    // timeout stops it on the server), its session closed when it does.
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new DatabaseTimeoutError()), left);
    });
    work.catch(() => undefined);
    try {
      return await Promise.race([work, expired]);
    } finally {
      clearTimeout(timer);
    }
  }
}

/**
 * Throws the driver's error unless Neo4j answers a trivial query on the named database. Through a bolt:// URI
 * verifyConnectivity checks only the server, so a NEO4J_DATABASE it does not have would fail later, in the schema
 * setup (a neo4j:// one asks for the database's routing table). A read session: a cluster's follower or read replica
 * answers it too. Auto-commit, so tried once: executeQuery would retry for up to maxTransactionRetryTime.
 */
export async function verifyDatabase(driver: Driver, database: string): Promise<void> {
  const session = driver.session({ database, defaultAccessMode: neo4j.session.READ });
  try {
    await session.run("RETURN 1");
  } finally {
    await session.close();
  }
}

/** verifyDatabase as a yes or no: /readyz's check. */
export async function isReachable(driver: Driver, database: string): Promise<boolean> {
  return verifyDatabase(driver, database).then(
    () => true,
    () => false,
  );
}
