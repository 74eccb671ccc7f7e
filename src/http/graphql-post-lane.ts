// POST /graphql, nearly every request the API serves, through the same handlers as express's routing gives it, minus
// the routing: express 5's router walks its layers, matches each path and allocates its callbacks for every request,
// and on the benchmark's one-statement operations that walk cost 4–8% of the server's CPU per request
// (bench/README.md#eighth-round-the-request-path). Every other request, and POSTs to any other path, go to the app.
import { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import type { ErrorRequestHandler, Express, NextFunction, Request, RequestHandler, Response } from "express";
import finalhandler from "finalhandler";

export type Handler = RequestHandler | ErrorRequestHandler;

/** The request and response classes of one HTTP server: `http.createServer(messageClasses)`. */
export interface MessageClasses {
  IncomingMessage: typeof IncomingMessage;
  ServerResponse: typeof ServerResponse;
}

/**
 * Classes for one server's requests and responses, which the lane (withGraphQLPostLane) gives express's prototypes
 * once, before the first request: a request the lane takes then needs no prototype switch. Express switches the
 * prototypes of each request it handles (app.handle), and V8 gives an object whose prototype changed a new hidden
 * class, so every later property access on that request and response, in node's http code and in every handler,
 * missed its inline caches: on the benchmark's Q1 the two switches cost about a fifth of the server's CPU per request
 * (bench/README.md#tenth-round-born-with-expresss-prototypes).
 */
export function messageClasses(): MessageClasses {
  class Request extends IncomingMessage {}
  class Response<R extends IncomingMessage = IncomingMessage> extends ServerResponse<R> {}
  return { IncomingMessage: Request, ServerResponse: Response };
}

/**
 * The server's request listener: `POST /graphql` (that path exactly, without a query string) runs `handlers` as
 * express runs a path's handlers, with express's request and response (req.ip, req.app, res.status, res.json); any
 * other request goes to `app`. The handlers must be the ones `app` runs for that request, in its order: the lane
 * changes how they are called, never which (test/integration/graphql-post-lane.test.ts compares the answers).
 *
 * What it does not reproduce, as none of the handlers reads it: a mounted handler sees req.url "/graphql" and
 * req.baseUrl "" (the router would strip its mount path: "/" and "/graphql"), and the router's diagnostics channel
 * (`express.router.request`, for tracers) sees no layer of these requests.
 *
 * `classes`, the server's (messageClasses()), get `app`'s prototypes here; a request of another class (a server made
 * without them) gets them as express gives them, one switch per request.
 */
export function withGraphQLPostLane(app: Express, handlers: Handler[], classes?: MessageClasses): RequestListener {
  if (classes) {
    // A pair serves one app: linked to a second, the first app's requests would carry the second as req.app.
    if (Object.getPrototypeOf(classes.IncomingMessage.prototype) !== IncomingMessage.prototype) {
      throw new Error("these request and response classes already serve an express app; make a pair per server");
    }
    // Request.prototype -> app.request -> express's request -> IncomingMessage.prototype, and the same for responses.
    Object.setPrototypeOf(classes.IncomingMessage.prototype, app.request);
    Object.setPrototypeOf(classes.ServerResponse.prototype, app.response);
  }
  const born = (req: IncomingMessage, res: ServerResponse) =>
    classes !== undefined && req instanceof classes.IncomingMessage && res instanceof classes.ServerResponse;
  // Past the last handler: express's own final handler (a 404, or the error's status), logging as the app's does.
  const env = app.get("env");
  const finalHandler = { env, onerror: env === "test" ? undefined : logError };
  return (req, res) => {
    if (req.method === "POST" && req.url === "/graphql") runHandlers(app, handlers, finalHandler, req, res, born(req, res));
    else app(req, res);
  };
}

/** What express's app.handle and its router do for one request, over a fixed list of handlers. */
function runHandlers(
  app: Express,
  handlers: Handler[],
  finalHandler: finalhandler.Options,
  req: IncomingMessage,
  res: ServerResponse,
  hasPrototypes: boolean,
): void {
  const request = req as Request;
  const response = res as Response;
  // app.handle: the circular references, express's prototypes (which carry req.app) unless the request was born with
  // them, res.locals.
  request.res = response;
  response.req = request;
  if (!hasPrototypes) {
    Object.setPrototypeOf(request, app.request);
    Object.setPrototypeOf(response, app.response);
  }
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
    if (err === "router") return finalhandler(req, res, finalHandler)(undefined);
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
    finalhandler(req, res, finalHandler)(err);
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
