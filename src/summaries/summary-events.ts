// What a summary mutation tells the subscriptions once its transaction has committed: which summary changed and
// where. Only ids travel; the summary is read as it now is, once for all the event's subscribers (summary-subscription.resolver.ts).
import cluster from "node:cluster";
import { createPubSub, PubSub } from "@graphql-yoga/subscription";

export interface SummaryEvent {
  summaryId: string;
  paperId: string;
  /** The identity key of who added it through the API (SummaryRecord.createdBy); null for seeded ones. */
  createdBy: string | null;
  /** The write's bookmarks: a subscriber's reads wait for them, wherever a cluster routes them (docs/deployment.md). */
  bookmarks: string[];
}

export const SUMMARY_ADDED = "SUMMARY_ADDED";
export const SUMMARY_VOTES_CHANGED = "SUMMARY_VOTES_CHANGED";
export const SUMMARY_EDITED = "SUMMARY_EDITED";
export const SUMMARY_DELETED = "SUMMARY_DELETED";

export type SummaryTopics = {
  [SUMMARY_ADDED]: [SummaryEvent];
  [SUMMARY_VOTES_CHANGED]: [SummaryEvent];
  [SUMMARY_EDITED]: [SummaryEvent];
  [SUMMARY_DELETED]: [SummaryEvent];
};

/**
 * The process's event bus. Shared by the workers of one instance (WEB_CONCURRENCY, through the primary), not by
 * several instances: a second instance's subscribers never hear this one's writes (docs/subscriptions.md).
 */
export type SummaryEvents = PubSub<SummaryTopics> & {
  /**
   * The events of `topic` that `keep` lets through, bounded as subscribe's: the events a subscriber would not get do
   * not count towards its MAX_PENDING_EVENTS (a busy bus must not end the subscriber of one quiet paper).
   */
  subscribeWhere(topic: keyof SummaryTopics, keep: (event: SummaryEvent) => boolean): AsyncIterableIterator<SummaryEvent>;
};

/**
 * The most events one subscription may have waiting for its subscriber (graphql-ws asks for the next only once the
 * last was sent): more, and it has fallen behind (a socket that does not read). graphql-yoga's pubsub queued them
 * without bound, and at 1,024 its Repeater threw inside the event target's listener: an uncaught exception that
 * ended the process.
 */
export const MAX_PENDING_EVENTS = 100;

/** What a subscription's next event is once its subscriber fell behind: the events waiting were dropped. */
export class SubscriberBehindError extends Error {
  constructor(readonly maxPending: number) {
    super(`More than ${maxPending} events waited for this subscriber`);
    this.name = "SubscriberBehindError";
  }
}

/**
 * The events of `topic`, one at a time as the subscriber asks, listened to from the first ask on (as graphql-yoga's
 * pubsub does). Once more than `maxPending` wait, they are dropped, the listener goes, and the next ask fails with
 * SubscriberBehindError; return() (the client completing) drops them at once.
 */
function boundedSubscription<T>(target: EventTarget, topic: string, maxPending: number, keep: (event: T) => boolean = () => true): AsyncIterableIterator<T> {
  const pending: T[] = [];
  let waiting: ((result: IteratorResult<T>) => void) | undefined;
  let state: "idle" | "listening" | "behind" | "ended" = "idle";
  const done = (): IteratorResult<T> => ({ value: undefined, done: true });
  const listener = (event: Event) => {
    const value = (event as CustomEvent<T>).detail;
    if (!keep(value)) return;
    if (waiting) {
      const resolve = waiting;
      waiting = undefined;
      resolve({ value, done: false });
    } else if (pending.length < maxPending) {
      pending.push(value);
    } else {
      pending.length = 0;
      target.removeEventListener(topic, listener);
      state = "behind";
    }
  };
  const end = () => {
    state = "ended";
    pending.length = 0;
    target.removeEventListener(topic, listener);
    waiting?.(done());
    waiting = undefined;
  };
  return {
    next() {
      if (pending.length > 0) return Promise.resolve({ value: pending.shift()!, done: false });
      if (state === "ended") return Promise.resolve(done());
      if (state === "behind") {
        state = "ended";
        return Promise.reject(new SubscriberBehindError(maxPending));
      }
      // graphql-ws asks again only once an event is sent; a second ask while one waits would strand the first.
      if (waiting) return Promise.reject(new Error("a summary event subscription was asked for its next event twice at once"));
      if (state === "idle") {
        target.addEventListener(topic, listener);
        state = "listening";
      }
      return new Promise((resolve) => (waiting = resolve));
    },
    async return() {
      end();
      return done();
    },
    async throw(err: unknown) {
      end();
      throw err;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

/** A summary event on its way between a worker and the primary (node's cluster IPC). */
export interface RelayedSummaryEvent {
  summaryEvent: { topic: keyof SummaryTopics; event: SummaryEvent };
}

export function isRelayedSummaryEvent(message: unknown): message is RelayedSummaryEvent {
  return typeof message === "object" && message !== null && "summaryEvent" in message;
}

/** A bus of this process alone: graphql-yoga's publish, a subscription that holds at most `maxPending` events. */
export function createSummaryEvents(maxPending = MAX_PENDING_EVENTS, target: EventTarget = new EventTarget()): SummaryEvents {
  const bus = createPubSub<SummaryTopics>({ eventTarget: target });
  return {
    publish: bus.publish,
    subscribe: (topic: keyof SummaryTopics) => boundedSubscription<SummaryEvent>(target, topic, maxPending),
    subscribeWhere: (topic: keyof SummaryTopics, keep: (event: SummaryEvent) => boolean) => boundedSubscription<SummaryEvent>(target, topic, maxPending, keep),
  } as SummaryEvents;
}

/**
 * The server's bus, made once per process. In a cluster worker a write's event goes to the primary, which hands it
 * to every worker (src/primary.ts), this one included: each worker's subscribers hear every worker's writes.
 */
export function serverSummaryEvents(): SummaryEvents {
  const local = createSummaryEvents();
  if (!cluster.isWorker) return local;
  process.on("message", (message: unknown) => {
    if (isRelayedSummaryEvent(message)) local.publish(message.summaryEvent.topic, message.summaryEvent.event);
  });
  return {
    subscribe: local.subscribe,
    subscribeWhere: local.subscribeWhere,
    publish: (topic: keyof SummaryTopics, event: SummaryEvent) => {
      const relayed: RelayedSummaryEvent = { summaryEvent: { topic, event } };
      process.send!(relayed);
    },
  } as SummaryEvents;
}

/** The event of a committed write, from the summary it returned and the bookmarks of the request that wrote it. */
export function summaryEvent(summary: { id: string; paperId: string; createdBy: string | null }, bookmarks: string[] = []): SummaryEvent {
  return { summaryId: summary.id, paperId: summary.paperId, createdBy: summary.createdBy, bookmarks };
}
