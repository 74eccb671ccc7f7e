// POST /graphql, nearly every request the API serves, through the same handlers as express's routing gives it, minus
// the routing: express 5's router walks its layers, matches each path and allocates its callbacks for every request,
// and on the benchmark's one-statement operations that walk cost 4–8% of the server's CPU per request
// (bench/README.md#eighth-round-the-request-path). Every other request, and POSTs to any other path, go to the app.
import { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import type { ErrorRequestHandler, Express, NextFunction, Request, RequestHandler, Response } from "express";
import finalhandler from "finalhandler";

export type Handler = RequestHandler | ErrorRequestHandler;

/** The request and response classes of one HTTP server: `http.createServer(messageClasses())`. */
export interface MessageClasses {
  IncomingMessage: typeof IncomingMessage;
  ServerResponse: typeof ServerResponse;
}

/**
 * Classes for one server's requests and responses, which the lane (withGraphQLPostLane) gives express's prototypes
 * once, before the first request, so that it switches no request's prototype: V8 gives an object whose prototype
 * changed a new hidden class, and every later property access on it missed its inline caches (about a fifth of the
 * server's CPU on the benchmark's Q1: bench/README.md#tenth-round-born-with-expresss-prototypes).
 */
export function messageClasses(): MessageClasses {
  class LaneRequest extends IncomingMessage {}
  class LaneResponse<R extends IncomingMessage = IncomingMessage> extends ServerResponse<R> {}
  return { IncomingMessage: LaneRequest, ServerResponse: LaneResponse };
}

/**
 * The server's request listener: `POST /graphql` (that path exactly, without a query string) runs `handlers` as
 * express runs a path's handlers, with express's request and response (req.ip, req.app, res.status, res.json); any
 * other request goes to `app`. The handlers must be the ones `app` runs for that request, in its order: the lane
 * changes how they are called, never which (test/integration/graphql-post-lane.test.ts compares the answers).
 *
 * What it does not reproduce, as none of the handlers reads it: a mounted handler sees req.url "/graphql" and
 * req.baseUrl "" (the router would strip its mount path: "/" and "/graphql"), the router's diagnostics channel
 * (`express.router.request`, for tracers) sees no layer of these requests, the app's `x-powered-by` setting is not
 * read (createApp disables it), and res.locals starts empty.
 *
 * `classes`, the server's (messageClasses()), get `app`'s prototypes here; a request of another class (a server made
 * without them) gets them as express gives them, one switch per request.
 */
export function withGraphQLPostLane(app: Express, handlers: Handler[], classes: MessageClasses): RequestListener {
  // A pair serves one app: linked to a second, the first app's requests would carry the second as req.app.
  const linked = [classes.IncomingMessage.prototype, classes.ServerResponse.prototype].map(Object.getPrototypeOf);
  if (linked[0] !== IncomingMessage.prototype || linked[1] !== ServerResponse.prototype) {
    throw new Error("these request and response classes already serve an express app; make a pair per server");
  }
  // LaneRequest.prototype -> app.request -> express's request -> IncomingMessage.prototype; the same for responses.
  Object.setPrototypeOf(classes.IncomingMessage.prototype, app.request);
  Object.setPrototypeOf(classes.ServerResponse.prototype, app.response);
  // Past the last handler: express's own final handler (a 404, or the error's status), logging as the app's does.
  const env = app.get("env");
  const finalHandler = { env, onerror: env === "test" ? undefined : logError };
  return (req, res) => {
    if (req.method !== "POST" || req.url !== "/graphql") return app(req, res);
    // As app.handle does, but for a request born with the prototypes.
    if (!(req instanceof classes.IncomingMessage && res instanceof classes.ServerResponse)) {
      Object.setPrototypeOf(req, app.request);
      Object.setPrototypeOf(res, app.response);
    }
    runHandlers(handlers, finalHandler, req as Request, res as Response);
  };
}

/**
 * What express's app.handle and its router do for one request, over a fixed list of handlers, once the request and
 * response have express's prototypes (which carry req.app).
 */
function runHandlers(handlers: Handler[], finalHandler: finalhandler.Options, request: Request, response: Response): void {
  // app.handle: the circular references, res.locals.
  request.res = response;
  response.req = request;
  response.locals = Object.create(null);
  request.originalUrl = request.url;
  request.baseUrl = "";
  request.params = {};
  let index = 0;
  // The router's rules: an error skips to the next handler of four arguments; without one, those are skipped. A
  // handler's thrown error or rejected promise is passed on as next(error) would be. next("route") goes on to the
  // next handler (these are all mounted with app.use), next("router") leaves for the final handler.
  const next: NextFunction = (err?: unknown) => {
    if (err === "route") err = undefined;
    if (err === "router") return finalhandler(request, response, finalHandler)(undefined);
    while (index < handlers.length) {
      const handler = handlers[index++];
      if (err ? handler.length !== 4 : handler.length > 3) continue;
      try {
        const result: unknown = err
          ? (handler as ErrorRequestHandler)(err, request, response, next)
          : (handler as RequestHandler)(request, response, next);
        if (isPromise(result)) result.then(undefined, (error: unknown) => next(error || new Error("Rejected promise")));
      } catch (error) {
        next(error);
      }
      return;
    }
    finalhandler(request, response, finalHandler)(err);
  };
  request.next = next;
  next();
}

function isPromise(value: unknown): value is PromiseLike<unknown> {
  return value !== null && typeof value === "object" && typeof (value as PromiseLike<unknown>).then === "function";
}

/** What express's own final handler logs (application.js's logerror). */
function logError(err: unknown): void {
  // eslint-disable-next-line no-console
  console.error(err instanceof Error ? err.stack || err.toString() : String(err));
}
