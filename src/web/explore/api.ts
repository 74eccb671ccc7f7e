// The explorer's only way to the data: the public GraphQL API at /graphql, as JSON POSTs, and its subscriptions
// over WebSocket at the same path (graphql-ws, docs/subscriptions.md).
import { Client, createClient } from "graphql-ws";
import { bookmarkHeaders, keepBookmark } from "../bookmark";
import { liveDocuments, LiveDocuments, NEIGHBOURHOOD, PAPER, PAPER_LIVE, SEARCH, SIGNALS, TOP_CITED } from "./documents";

export { SIGNALS };

export interface PaperRef {
  id: string;
  title: string | null;
  year: number | null;
}

export interface SearchHit {
  score: number;
  field: "TITLE" | "ABSTRACT" | "SUMMARY";
  paper: PaperRef;
}

export interface Signal {
  count: number;
  normalized: number;
  contribution: number;
  examples: PaperRef[];
}

export type SignalName = (typeof SIGNALS)[number];

export interface RelatedPaper {
  score: number;
  paper: PaperRef;
  evidence: Record<SignalName, Signal>;
}

export interface PaperDetails extends PaperRef {
  venue: string | null;
  url: string | null;
  arxivId: string | null;
  doi: string | null;
  citationCount: number;
  referenceCount: number;
  authors: Array<{ name: string }>;
  seeAlso: Array<{ note: string | null; paper: PaperRef }>;
  summaries: PaperSummary[];
  related: { edges: Array<{ node: RelatedPaper }> };
}

/** What the paper page shows of each of its summaries. */
export interface PaperSummary {
  id: string;
  bodyHtml: string;
  votes: number;
  createdAt: string;
  author: { name: string } | null;
}

/** What the front page's query (the README's first example) selects of each summary. */
export interface FrontPageSummary {
  id: string;
  bodyHtml: string;
  votes: number;
  createdAt: string;
  author: { name: string } | null;
  paper: { id: string; title: string; url: string | null };
}

export interface FrontPage {
  pageInfo: { startCursor: string | null; endCursor: string | null; hasNextPage: boolean };
  edges: Array<{ node: FrontPageSummary }>;
}

export type Direction = "OUT" | "IN" | "BOTH";
export type EdgeKind = "CITES" | "SEE_ALSO";

export interface Neighbourhood {
  truncated: boolean;
  nodes: Array<{ depth: number; paper: PaperRef & { citationCount: number } }>;
  edges: Array<{ from: string; to: string; kind: EdgeKind }>;
}

export class ApiError extends Error {}

async function request<T>(query: string, variables: Record<string, unknown>): Promise<T> {
  const res = await fetch("/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json", ...bookmarkHeaders() },
    body: JSON.stringify({ query, variables }),
  });
  keepBookmark(res);
  const body = (await res.json().catch(() => null)) as { data?: T; errors?: Array<{ message: string }> } | null;
  if (body?.errors?.length) throw new ApiError(body.errors.map((e) => e.message).join("; "));
  if (!res.ok || !body?.data) throw new ApiError(`The server answered ${res.status}.`);
  return body.data;
}

/** Search hits, one per paper (a paper can match in its title and in a summary): the best hit's order. */
export async function searchPapers(query: string): Promise<SearchHit[]> {
  const data = await request<{ search: { edges: Array<{ node: SearchHit }> } }>(SEARCH, { query });
  const seen = new Set<string>();
  return data.search.edges.map((e) => e.node).filter((h) => !seen.has(h.paper.id) && seen.add(h.paper.id));
}

export async function topCited(): Promise<Array<{ count: number; paper: PaperRef }>> {
  return (await request<{ topCited: Array<{ count: number; paper: PaperRef }> }>(TOP_CITED, {})).topCited;
}

/** A paper's page, and the cursor of its newest summary (summaryAdded's `after`; null when it has none). */
export async function fetchPaper(id: string): Promise<{ paper: PaperDetails | null; newestSummary: string | null }> {
  const data = await request<{ paper: PaperDetails | null; newestSummary: { pageInfo: { startCursor: string | null } } }>(PAPER, { id });
  return { paper: data.paper, newestSummary: data.newestSummary.pageInfo.startCursor };
}

/** A page of the front page, newest first: the README's first example, run as written. */
export async function fetchFrontPage(after: string | null): Promise<FrontPage> {
  return (await request<{ summaries: FrontPage }>(__FRONT_PAGE_QUERY__, { after })).summaries;
}

export async function fetchNeighbourhood(vars: { id: string; depth: number; direction: Direction; edges: EdgeKind[]; limit: number }): Promise<Neighbourhood> {
  return (await request<{ neighbourhood: Neighbourhood }>(NEIGHBOURHOOD, vars)).neighbourhood;
}

/** What changed in a live list of summaries: a new or edited summary, a deleted one, or a summary's vote count. */
export type SummaryUpdate<S> =
  | { kind: "added" | "edited"; summary: S }
  | { kind: "deleted"; id: string }
  | { kind: "votes"; id: string; votes: number };

export type FrontPageUpdate = SummaryUpdate<FrontPageSummary>;
export type PaperUpdate = SummaryUpdate<PaperSummary>;

const FRONT_PAGE_LIVE = liveDocuments(__FRONT_PAGE_NODE__);

let live: Client | undefined;
// What each page's live updates do when the connection comes back after a drop.
const onReconnect = new Set<() => void>();

/** A page's live updates: vote counts, edits and deletions from the start, new summaries once `addedSince` is called. */
export interface LiveSummaries {
  /**
   * Starts following new summaries from the newest one the page read (its feed cursor): summaryAdded sends first those
   * added since, so none is missed between the read and the subscription. null: the page read none, from now on.
   */
  addedSince(after: string | null): void;
  stop(): void;
}

/** Why a page's live updates may no longer show everything, in words for the reader. */
export type LiveTrouble = (message: string) => void;

/** A subscription's error, as graphql-ws hands it over: the server's GraphQL errors, a close event, or an Error. */
function troubleText(err: unknown): string {
  if (Array.isArray(err)) return err.map((e: { message?: string }) => e.message ?? String(e)).join(" ");
  if (err && typeof err === "object" && "code" in err && typeof err.code === "number") {
    const reason = "reason" in err && typeof err.reason === "string" && err.reason ? `: ${err.reason}` : "";
    return `the connection closed (${err.code}${reason})`;
  }
  if (err instanceof Event) return "the connection failed";
  return err instanceof Error ? err.message : String(err);
}

/**
 * Calls `update` for each new, edited or deleted summary and each vote change until stopped. One connection for the
 * page, opened on the first subscription and closed after the last (lazy); it reconnects after a drop, and then
 * summaryAdded sends again what was added since the cursor (a summary the page has is replaced, not repeated).
 * `trouble` says when the page may be missing changes: after a reconnect (votes, edits and deletions made during the
 * drop are not sent again), when an event could not be read, and when a subscription ends (the server refusing
 * summaryAdded once more than 100 were added since the cursor, or the reconnects used up), which stops the rest too.
 */
function watchSummaries<S>(documents: LiveDocuments, variables: Record<string, unknown>, update: (change: SummaryUpdate<S>) => void, trouble: LiveTrouble): LiveSummaries {
  if (!live) {
    live = createClient({
      url: `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/graphql`,
      lazy: true,
      retryAttempts: 5,
      // A connection refused while the server restarts is an error event, not a close: retried too (by default
      // graphql-ws gives up on it at once).
      shouldRetry: () => true,
    });
    live.on("connected", (_socket, _payload, wasRetry) => {
      if (wasRetry) onReconnect.forEach((reconnected) => reconnected());
    });
  }
  const client = live;
  let stopped = false;
  let adding = false;
  const stop = () => {
    stopped = true;
    onReconnect.delete(reconnected);
    stops.forEach((stopOne) => stopOne());
  };
  const stopOnTrouble = (why: string) => {
    if (stopped) return;
    stop();
    trouble(`Live updates stopped: ${why}`);
  };
  // Each subscription's one field, handed on unless null (a summary deleted before it was read). A refusal comes as
  // a result with errors and then the end; an event that could not be read as a result with errors only.
  const follow = <T>(query: string, field: string, change: (value: T) => SummaryUpdate<S>, extra: Record<string, unknown> = {}) => {
    let refusal: string | undefined;
    return client.subscribe<Record<string, T | null>>({ query, variables: { ...variables, ...extra } }, {
      next: ({ data, errors }) => {
        const value = data?.[field];
        if (value) update(change(value));
        if (!errors?.length) return;
        // A refusal has no data, and its end follows; an event that could not be read has its field null.
        if (data == null) refusal = troubleText(errors);
        else if (!stopped) trouble(`A live update could not be read: ${troubleText(errors)}`);
      },
      error: (err) => {
        // The client gave up (a fatal close, or its reconnects used up): it would wait out a backoff and count as a
        // reconnect for the next page, so a new one serves that page. A subscription's own errors leave it be.
        if (!Array.isArray(err) && live === client) {
          live = undefined;
          void client.dispose();
        }
        stopOnTrouble(troubleText(err));
      },
      complete: () => stopOnTrouble(refusal ?? "the server ended them"),
    });
  };
  const reconnected = () => trouble("The live connection dropped and came back: votes, edits and deletions made meanwhile are not shown.");
  onReconnect.add(reconnected);
  const stops = [
    follow<{ id: string; votes: number }>(documents.votes, "summaryVotesChanged", (votes) => ({ kind: "votes", ...votes })),
    follow<S>(documents.edited, "summaryEdited", (summary) => ({ kind: "edited", summary })),
    follow<{ id: string }>(documents.deleted, "summaryDeleted", ({ id }) => ({ kind: "deleted", id })),
  ];
  return {
    addedSince(after) {
      if (stopped || adding) return;
      adding = true;
      stops.push(follow<S>(documents.added, "summaryAdded", (summary) => ({ kind: "added", summary }), { after }));
    },
    stop,
  };
}

/** The front page's updates: every summary. */
export function watchFrontPage(update: (change: FrontPageUpdate) => void, trouble: LiveTrouble): LiveSummaries {
  return watchSummaries(FRONT_PAGE_LIVE, {}, update, trouble);
}

/** A paper page's updates: the summaries of `paperId` only (an id, arXiv id or DOI, as paper(id:) takes). */
export function watchPaper(paperId: string, update: (change: PaperUpdate) => void, trouble: LiveTrouble): LiveSummaries {
  return watchSummaries(PAPER_LIVE, { paperId }, update, trouble);
}
