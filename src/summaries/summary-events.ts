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
export type SummaryEvents = PubSub<SummaryTopics>;

/** A summary event on its way between a worker and the primary (node's cluster IPC). */
export interface RelayedSummaryEvent {
  summaryEvent: { topic: keyof SummaryTopics; event: SummaryEvent };
}

export function isRelayedSummaryEvent(message: unknown): message is RelayedSummaryEvent {
  return typeof message === "object" && message !== null && "summaryEvent" in message;
}

/** A bus of this process alone. */
export function createSummaryEvents(): SummaryEvents {
  return createPubSub<SummaryTopics>();
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
