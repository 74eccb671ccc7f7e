// Looks after the managed Neo4j while the server runs: an exit nobody asked for is logged with Neo4j's log and
// answered by restarts on the same store and port with exponential backoff; when they are used up, the owner is told.
import type { Logger } from "../../logger";
import { ManagedNeo4jError } from "./errors";
import type { ManagedNeo4j, UnexpectedExit } from "./managed-neo4j";
import { describeExit } from "./process";

/** What the supervisor needs of a managed Neo4j. */
export type SupervisedNeo4j = Pick<ManagedNeo4j, "start" | "stop" | "onUnexpectedExit">;

export interface SupervisorOptions {
  /** Restarts tried after one unexpected exit before giving up (NEO4J_RESTART_ATTEMPTS); 0 gives up at once. */
  attempts: number;
  /** The wait before the first restart; it doubles before each next one (NEO4J_RESTART_BACKOFF_MS). */
  backoffMs: number;
  /** The longest wait between two restarts, however many came before. */
  maxBackoffMs?: number;
  logger: Logger;
  /** Runs after each restart; a throw fails the attempt (main: the driver verifies it can connect again). */
  afterRestart?: () => Promise<void>;
  /** Called once when the restarts are used up: the owner shuts down and exits non-zero. */
  onGiveUp: (error: ManagedNeo4jError) => void;
}

export type SupervisorState =
  | { kind: "running" }
  | { kind: "restarting"; attempt: number; attempts: number }
  | { kind: "given up" }
  | { kind: "closed" };

/** The wait before restart `attempt` (1-based): backoffMs, then twice as long each time, at most maxBackoffMs. */
export function restartDelay(attempt: number, backoffMs: number, maxBackoffMs: number): number {
  return Math.min(maxBackoffMs, backoffMs * 2 ** (attempt - 1));
}

// A minute apart is as slow as a restart loop needs to be: a process manager takes over once the attempts are spent.
const DEFAULT_MAX_BACKOFF_MS = 60_000;

export class Neo4jSupervisor {
  private current: SupervisorState = { kind: "running" };
  private readonly unsubscribe: () => void;
  private recovery?: Promise<void>;
  private wake?: () => void;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly neo4j: SupervisedNeo4j,
    private readonly opts: SupervisorOptions,
  ) {
    this.unsubscribe = neo4j.onUnexpectedExit((exit) => {
      if (this.current.kind !== "running") return;
      this.recovery = this.recover(exit);
    });
  }

  get state(): SupervisorState {
    return this.current;
  }

  /** Why Neo4j cannot answer right now when the supervisor knows it (for /readyz); undefined otherwise. */
  get outage(): string | undefined {
    const state = this.current;
    if (state.kind === "restarting") return `neo4j restarting (attempt ${state.attempt} of ${state.attempts})`;
    if (state.kind === "given up") return "neo4j stopped: restarts used up";
    return undefined;
  }

  /** Stops supervising (shutdown): a pending restart is called off, one under way finishes and is stopped again. */
  async close(): Promise<void> {
    this.current = { kind: "closed" };
    this.unsubscribe();
    clearTimeout(this.timer);
    this.wake?.();
    await this.recovery;
  }

  private async recover(exit: UnexpectedExit): Promise<void> {
    const { attempts, backoffMs, maxBackoffMs = DEFAULT_MAX_BACKOFF_MS, logger, afterRestart } = this.opts;
    const how = describeExit(exit);
    logger.error(
      { pid: exit.pid, code: exit.code, signal: exit.signal, neo4jLog: exit.logTail },
      `managed Neo4j exited unexpectedly (${how}); restarting it on the same store and port`,
    );
    let lastError = "";
    for (let attempt = 1; attempt <= attempts; attempt++) {
      this.current = { kind: "restarting", attempt, attempts };
      await this.sleep(restartDelay(attempt, backoffMs, maxBackoffMs));
      if (this.closed()) return;
      const started = Date.now();
      try {
        await this.neo4j.start();
        if (this.closed()) return void (await this.neo4j.stop());
        await afterRestart?.();
        if (this.closed()) return;
        this.current = { kind: "running" };
        logger.info({ attempt, ms: Date.now() - started }, `managed Neo4j restarted after exiting unexpectedly (${how})`);
        return;
      } catch (err) {
        lastError = err instanceof ManagedNeo4jError ? err.describe() : String((err as Error)?.message ?? err);
        logger.warn({ attempt, attempts, err: lastError }, "restarting the managed Neo4j failed");
        // A Neo4j that started but failed afterRestart holds the store lock the next attempt needs.
        await this.neo4j.stop().catch(() => undefined);
        if (this.closed()) return;
      }
    }
    if (this.closed()) return;
    this.current = { kind: "given up" };
    this.opts.onGiveUp(
      new ManagedNeo4jError(
        `The managed Neo4j exited unexpectedly (${how}) and ${attempts === 0 ? "NEO4J_RESTART_ATTEMPTS=0 allows no restart" : `did not start again in ${attempts} attempt${attempts === 1 ? "" : "s"}`}, so the server stops; the log below says why.`,
        lastError || exit.logTail,
      ),
    );
  }

  private closed(): boolean {
    return this.current.kind === "closed";
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.wake = resolve;
      this.timer = setTimeout(resolve, ms);
    });
  }
}
