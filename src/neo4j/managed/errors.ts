// The one error of the managed Neo4j: a sentence the user can act on, plus Neo4j's own log when it has one.
export class ManagedNeo4jError extends Error {
  constructor(
    message: string,
    readonly logTail = "",
  ) {
    super(message);
  }

  /** The sentence plus the tail of Neo4j's own log, as printed to the terminal. */
  describe(): string {
    return this.logTail ? `${this.message}\n--- last lines of Neo4j's log ---\n${this.logTail}` : this.message;
  }
}
