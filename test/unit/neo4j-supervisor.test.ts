// The supervisor's policy, over a stand-in for the Neo4j child whose starts succeed or fail as the test says:
// attempts counted and reported, backoff doubling, a failed check after a start, giving up once, and shutdown.
// The real child killed with SIGKILL is fault-neo4j-killed.test.ts.
import { createLogger } from "../../src/logger";
import { ManagedNeo4jError } from "../../src/neo4j/managed";
import type { UnexpectedExit } from "../../src/neo4j/managed/managed-neo4j";
import { Neo4jSupervisor, restartDelay, SupervisedNeo4j, SupervisorOptions } from "../../src/neo4j/managed/supervisor";

const KILLED: UnexpectedExit = { code: null, signal: "SIGKILL", pid: 4242, logTail: "INFO  Started." };

/** A Neo4j child that exits when told and whose next starts fail (with a ManagedNeo4jError) as many times as asked. */
class StandIn implements SupervisedNeo4j {
  starts = 0;
  stops = 0;
  failNextStarts = 0;
  /** Called at each start, while the supervisor is in the middle of it. */
  onStart = () => {};
  private listener?: (exit: UnexpectedExit) => void;

  async start(): Promise<void> {
    this.starts += 1;
    this.onStart();
    if (this.failNextStarts > 0) {
      this.failNextStarts -= 1;
      throw new ManagedNeo4jError("Port 7687 on 127.0.0.1 is already taken.");
    }
  }
  async stop(): Promise<void> {
    this.stops += 1;
  }
  onUnexpectedExit(listener: (exit: UnexpectedExit) => void): () => void {
    this.listener = listener;
    return () => (this.listener = undefined);
  }
  exit(): void {
    this.listener?.(KILLED);
  }
}

async function until(check: () => boolean): Promise<void> {
  // Bounded so that a broken supervisor fails the test instead of leaving it waiting.
  for (let waited = 0; !check(); waited += 5) {
    if (waited > 10_000) throw new Error("the supervisor never got there");
    await new Promise((r) => setTimeout(r, 5));
  }
}

function supervise(neo4j: StandIn, options: Partial<SupervisorOptions> = {}) {
  const givenUp: ManagedNeo4jError[] = [];
  const supervisor = new Neo4jSupervisor(neo4j, {
    attempts: 3,
    backoffMs: 1,
    logger: createLogger("silent"),
    onGiveUp: (err) => givenUp.push(err),
    ...options,
  });
  return { supervisor, givenUp };
}

describe("restartDelay", () => {
  it("doubles from the base and stops at the cap", () => {
    expect([1, 2, 3, 4, 5].map((n) => restartDelay(n, 1000, 10_000))).toEqual([1000, 2000, 4000, 8000, 10_000]);
  });
});

describe("Neo4jSupervisor", () => {
  it("restarts after an unexpected exit and is running again", async () => {
    const neo4j = new StandIn();
    const { supervisor, givenUp } = supervise(neo4j);
    expect(supervisor.outage).toBeUndefined();
    neo4j.exit();
    expect(supervisor.outage).toBe("neo4j restarting (attempt 1 of 3)");
    await until(() => supervisor.state.kind === "running");
    expect(neo4j.starts).toBe(1);
    expect(supervisor.outage).toBeUndefined();
    expect(givenUp).toEqual([]);
  });

  it("counts failed starts and failed checks after a start as attempts, and stops a Neo4j that failed its check", async () => {
    const neo4j = new StandIn();
    neo4j.failNextStarts = 1;
    let checks = 0;
    const { supervisor } = supervise(neo4j, {
      afterRestart: async () => {
        checks += 1;
        if (checks === 1) throw new Error("the driver could not connect");
      },
    });
    const outages: Array<string | undefined> = [];
    neo4j.onStart = () => outages.push(supervisor.outage);
    neo4j.exit();
    await until(() => supervisor.state.kind === "running");
    expect(outages).toEqual(["neo4j restarting (attempt 1 of 3)", "neo4j restarting (attempt 2 of 3)", "neo4j restarting (attempt 3 of 3)"]);
    expect(supervisor.outage).toBeUndefined();
    expect(neo4j.starts).toBe(3);
    expect(neo4j.stops).toBe(2);
  });

  it("gives up once the attempts are used up, with a sentence and the last attempt's error", async () => {
    const neo4j = new StandIn();
    neo4j.failNextStarts = 3;
    const { supervisor, givenUp } = supervise(neo4j);
    neo4j.exit();
    await until(() => givenUp.length > 0);
    expect(givenUp).toHaveLength(1);
    expect(givenUp[0].message).toBe(
      "The managed Neo4j exited unexpectedly (signal SIGKILL) and did not start again in 3 attempts, so the server stops; the log below says why.",
    );
    expect(givenUp[0].logTail).toContain("Port 7687 on 127.0.0.1 is already taken.");
    expect(supervisor.outage).toBe("neo4j stopped: restarts used up");
    // A later exit is nobody's to restart: the owner is shutting down.
    neo4j.exit();
    expect(neo4j.starts).toBe(3);
  });

  it("gives up at the first exit when no restart is allowed", async () => {
    const neo4j = new StandIn();
    const { givenUp } = supervise(neo4j, { attempts: 0 });
    neo4j.exit();
    await until(() => givenUp.length > 0);
    expect(givenUp[0].message).toContain("NEO4J_RESTART_ATTEMPTS=0 allows no restart");
    expect(givenUp[0].logTail).toBe(KILLED.logTail);
    expect(neo4j.starts).toBe(0);
  });

  it("calls off a pending restart on close", async () => {
    const neo4j = new StandIn();
    const { supervisor, givenUp } = supervise(neo4j, { backoffMs: 60_000 });
    neo4j.exit();
    await supervisor.close();
    expect(neo4j.starts).toBe(0);
    expect(supervisor.state).toEqual({ kind: "closed" });
    neo4j.exit();
    expect(neo4j.starts).toBe(0);
    expect(givenUp).toEqual([]);
  });
});
