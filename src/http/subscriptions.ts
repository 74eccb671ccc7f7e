// GraphQL subscriptions over WebSocket (graphql-ws's protocol) on the HTTP server's /graphql: the upgrade's origin
// check, sign-in from connectionParams with the same authenticator as HTTP, the limits of HTTP (graphql/subscriptions.ts),
// caps per connection and per caller, heartbeats, and closing every socket on stop. Close codes: docs/subscriptions.md.
import { randomUUID } from "node:crypto";
import type http from "node:http";
import type { Duplex } from "node:stream";
import { ExecutionArgs, ExecutionResult, GraphQLError, GraphQLFormattedError, GraphQLSchema } from "graphql";
import { WebSocketServer } from "ws";
import { Extra, useServer } from "graphql-ws/use/ws";
import type { Context as ConnectionContext } from "graphql-ws";
import { Authenticator, TOKEN_EXPIRED } from "../auth/authenticator";
import type { Viewer } from "../auth/viewer";
import type { Database } from "../neo4j/database";
import type { Logger } from "../logger";
import { ContextOptions, contextFor, GraphQLLimits, readsFor } from "../graphql/apollo";
import type { Context } from "../graphql/context";
import { createErrorFormatter, logResolverErrors, logSignInFailure } from "../graphql/errors";
import { perEvent, prepareSubscription, SubscribePayload, subscribePerEvent, subscriptionRules } from "../graphql/subscriptions";
import { callerKey } from "./rate-limit";
import { documentId, notInList, TrustedDocuments } from "../graphql/trusted-documents";
import type { SummaryEvent } from "../summaries/summary-events";

/** How long after an event's first subscriber resolved it the others share its reads. */
export const SHARED_READS_MS = 1_000;

export interface SubscriptionLimits {
  perConnection: number;
  /** Across all connections of one caller (a signed-in identity, else an IP address: rate-limit.ts callerKey). */
  perCaller: number;
  /** How often the server pings; a socket that has not answered by the next ping is cut. */
  keepAliveMs: number;
  /** How long a socket may stay open before its connection_init. */
  initTimeoutMs: number;
  /** Origins besides the server's own whose pages may connect. */
  origins: string[];
}

export interface SubscriptionServerOptions {
  httpServer: http.Server;
  schema: GraphQLSchema;
  db: Database;
  logger: Logger;
  authenticate: Authenticator;
  limits: GraphQLLimits;
  subscriptions: SubscriptionLimits;
  context: Omit<ContextOptions, "viewerOf">;
  maxMessageBytes: number;
  /** Trusted mode (TRUSTED_DOCUMENTS): only the manifest's subscriptions, sent as text, are run. */
  trustedDocuments?: TrustedDocuments;
}

/** What a connection holds once connection_init has been accepted. */
type Connection = {
  viewer: Viewer;
  caller: string;
  /** Closes the connection when its token stops being accepted. */
  expiry?: NodeJS.Timeout;
};

type Ctx = ConnectionContext<Record<string, unknown> | undefined, Extra & Partial<Connection>>;

// graphql-ws's close codes (4400 bad message, 4401 no connection_init ack, 4408 init timeout, ...) plus these.
export const CLOSE = { unauthenticated: 4401, signInUnavailable: 4503, goingAway: 1001 } as const;

/** The longest delay setTimeout takes (2^31 - 1 ms, about 24.8 days); a longer one fires at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Closes `ctx`'s socket with 4401 once `until` has passed, as HTTP refuses the token from then on: the identity of a
 * connection lasts as long as its token does. A token valid for longer than a timer can wait is looked at again then.
 */
function closeWhenExpired(ctx: Ctx, until: number): void {
  const wait = until - Date.now();
  if (wait <= 0) {
    ctx.extra.socket.close(CLOSE.unauthenticated, TOKEN_EXPIRED);
    return;
  }
  ctx.extra.expiry = setTimeout(() => closeWhenExpired(ctx, until), Math.min(wait, MAX_TIMER_MS));
  ctx.extra.expiry.unref();
}

const PATH = "/graphql";

/** The browser's Origin (none from non-browser clients) is the server's own, or listed. */
export function originAllowed(req: http.IncomingMessage, allowed: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  const host = req.headers.host;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  return parsed.host === host || allowed.includes("*") || allowed.includes(parsed.origin);
}

function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(reason)}\r\n\r\n${reason}`);
}

function capReached(message: string, cap: "connection" | "identity", max: number): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "TOO_MANY_SUBSCRIPTIONS", cap, max } });
}

export interface SubscriptionServer {
  /** Accepted connections open now. */
  connections(): number;
  /** Subscriptions listening now: set up, not merely asked for (graphql-ws holds null until then). */
  subscriptions(): number;
  /** Refuses new sockets and closes the open ones (1001 Going away). */
  stop(): Promise<void>;
}

export function attachSubscriptions(options: SubscriptionServerOptions): SubscriptionServer {
  const { httpServer, schema, db, logger, authenticate, limits, subscriptions: caps } = options;
  const rules = subscriptionRules(limits);
  const format = createErrorFormatter();
  const formatAll = (errors: readonly GraphQLError[]): GraphQLFormattedError[] => errors.map((e) => format(e.toJSON(), e));
  // The open connections of each caller, for the cap across connections; a connection's live subscriptions are
  // graphql-ws's own ctx.subscriptions, so nothing here can drift from what is really running.
  const byCaller = new Map<string, Set<Ctx>>();
  let stopping = false;

  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes });
  const onUpgrade = (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (req.url ?? "").split("?")[0];
    if (path !== PATH) return refuseUpgrade(socket, 404, "Not Found");
    // Browsers send any page's WebSocket to any server, cookies and all (no CORS): the Origin is the only guard.
    if (!originAllowed(req, caps.origins)) return refuseUpgrade(socket, 403, "Forbidden: this origin may not subscribe (CORS_ORIGINS)");
    if (stopping) return refuseUpgrade(socket, 503, "Service Unavailable: shutting down");
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit("connection", ws, req));
  };
  httpServer.on("upgrade", onUpgrade);

  // One set of reads per event, shared by the subscribers that resolve it within SHARED_READS_MS: N subscribers
  // selecting the same fields cost one read of the summary, not N (docs/subscriptions.md). A later one (a slow
  // socket, a backlog) gets fresh reads, so its data is as of then and its time budget whole. Viewer-specific fields
  // key their loads on the viewer. The reads see at least the write's state: in a cluster the event may outrun the
  // follower they land on.
  const eventReads = perEvent((event: SummaryEvent) => readsFor(db, options.context, event.bookmarks), SHARED_READS_MS);

  const server = useServer<Record<string, unknown> | undefined, Partial<Connection>>(
    {
      schema,
      connectionInitWaitTimeout: caps.initTimeoutMs,
      isProd: true,
      async onConnect(ctx: Ctx) {
        const authorization = ctx.connectionParams?.authorization;
        if (authorization !== undefined && typeof authorization !== "string") {
          ctx.extra.socket.close(CLOSE.unauthenticated, "connectionParams.authorization must be a string: Bearer <token>");
          return false;
        }
        let viewer: Viewer;
        try {
          viewer = await authenticate(authorization);
        } catch (err) {
          logSignInFailure(logger, err, {}, "subscription sign-in failed");
          const code = err instanceof GraphQLError ? err.extensions.code : undefined;
          const message = err instanceof GraphQLError ? err.message : "Sign-in failed.";
          // A close reason holds at most 123 bytes.
          ctx.extra.socket.close(code === "UNAUTHENTICATED" ? CLOSE.unauthenticated : CLOSE.signInUnavailable, Buffer.from(message).subarray(0, 123).toString());
          return false;
        }
        // Gone while its token was verified: onClose has run already, so it must not be counted.
        if (ctx.extra.socket.readyState !== ctx.extra.socket.OPEN) return false;
        const caller = callerKey(viewer, ctx.extra.request.socket.remoteAddress);
        Object.assign(ctx.extra, { viewer, caller });
        if (viewer.kind === "person" && viewer.acceptedUntil !== undefined) closeWhenExpired(ctx, viewer.acceptedUntil);
        let open = byCaller.get(caller);
        if (!open) byCaller.set(caller, (open = new Set()));
        open.add(ctx);
        return true;
      },
      onClose(ctx: Ctx) {
        clearTimeout(ctx.extra.expiry);
        const caller = ctx.extra.caller;
        if (caller === undefined) return;
        const open = byCaller.get(caller);
        open?.delete(ctx);
        if (open?.size === 0) byCaller.delete(caller);
      },
      onSubscribe(ctx: Ctx, _id: string, payload: SubscribePayload) {
        // ctx.subscriptions already holds this one.
        if (Object.keys(ctx.subscriptions).length > caps.perConnection) {
          return [capReached(`This connection already has ${caps.perConnection} subscriptions (SUBSCRIPTIONS_PER_CONNECTION); complete one first.`, "connection", caps.perConnection)];
        }
        let ofCaller = 0;
        for (const open of byCaller.get(ctx.extra.caller!) ?? []) ofCaller += Object.keys(open.subscriptions).length;
        if (ofCaller > caps.perCaller) {
          return [capReached(`You already have ${caps.perCaller} subscriptions open (SUBSCRIPTIONS_PER_IDENTITY); complete one first.`, "identity", caps.perCaller)];
        }
        if (options.trustedDocuments && !options.trustedDocuments.has(documentId(payload.query))) return [notInList()];
        const prepared = prepareSubscription(schema, rules, limits, payload);
        if (Array.isArray(prepared)) return prepared;
        return { ...prepared, contextValue: contextFor(db, logger, options.context, { requestId: randomUUID(), viewer: ctx.extra.viewer! }) };
      },
      // Each event gets a context of its own, for the subscriber and under the subscription's request id, with the
      // reads that all the event's subscribers share.
      subscribe: (args: ExecutionArgs) => {
        const { viewer, requestId } = args.contextValue as Context;
        return subscribePerEvent(args, (event) => contextFor(db, logger, options.context, { requestId, viewer, reads: eventReads(event as SummaryEvent) }));
      },
      onNext: (_ctx: Ctx, _id: string, payload: SubscribePayload, args: ExecutionArgs, result: ExecutionResult) => {
        if (!result.errors) return undefined;
        // Logged as errorLoggingPlugin does for HTTP, under the subscription's request id.
        logResolverErrors((args.contextValue as Context).logger, result.errors, payload.operationName ?? undefined, "resolving a subscription event");
        return { ...result, errors: formatAll(result.errors) };
      },
      onError: (_ctx: Ctx, _id: string, _payload: SubscribePayload, errors: readonly GraphQLError[]) => formatAll(errors),
    },
    wss,
    caps.keepAliveMs,
  );

  const connections = () => [...byCaller.values()].flatMap((open) => [...open]);
  return {
    connections: () => connections().length,
    subscriptions: () => connections().reduce((n, ctx) => n + Object.values(ctx.subscriptions).filter((s) => s !== null).length, 0),
    async stop() {
      stopping = true;
      httpServer.off("upgrade", onUpgrade);
      await server.dispose();
    },
  };
}
