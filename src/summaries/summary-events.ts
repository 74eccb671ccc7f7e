// What a summary mutation tells the subscriptions once its transaction has committed: which summary changed and
// where. Only ids travel; each subscriber reads the summary as it now is (summary-subscription.resolver.ts).
import { createPubSub, PubSub } from "@graphql-yoga/subscription";

export interface SummaryEvent {
  summaryId: string;
  paperId: string;
  /** The identity key of who added it through the API (SummaryRecord.createdBy); null for seeded ones. */
  createdBy: string | null;
}

export const SUMMARY_ADDED = "SUMMARY_ADDED";
export const SUMMARY_VOTES_CHANGED = "SUMMARY_VOTES_CHANGED";

export type SummaryTopics = {
  [SUMMARY_ADDED]: [SummaryEvent];
  [SUMMARY_VOTES_CHANGED]: [SummaryEvent];
};

/**
 * The process's event bus. In-process only: a second instance's subscribers never hear this one's writes
 * (docs/subscriptions.md, "Several instances").
 */
export type SummaryEvents = PubSub<SummaryTopics>;

export function createSummaryEvents(): SummaryEvents {
  return createPubSub<SummaryTopics>();
}

/** The event of a committed write, from the summary it returned. */
export function summaryEvent(summary: { id: string; paperId: string; createdBy: string | null }): SummaryEvent {
  return { summaryId: summary.id, paperId: summary.paperId, createdBy: summary.createdBy };
}
