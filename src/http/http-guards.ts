// What /graphql refuses before Apollo sees a request: bodies over the size limit (413), charsets other than UTF-8
// (415), and bodies that are not JSON; every refusal is a GraphQL-shaped JSON error, never express's HTML page.
import express, { ErrorRequestHandler, RequestHandler } from "express";
import { STATUS_CODES } from "node:http";
import type { Logger } from "../logger";
import { requestIdOf } from "./request-id";

function refuse(res: express.Response, status: number, message: string): void {
  res.status(status).json({ errors: [{ message, extensions: { code: "BAD_REQUEST" } }] });
}

const CHARSET = /;\s*charset\s*=\s*"?([^";\s]+)"?/i;

/** GraphQL over HTTP speaks UTF-8 only; body-parser would also decode UTF-16. */
const utf8Only: RequestHandler = (req, res, next) => {
  const charset = CHARSET.exec(req.headers["content-type"] ?? "")?.[1].toLowerCase();
  if (charset && charset !== "utf-8" && charset !== "utf8") {
    refuse(res, 415, `Unsupported charset "${charset.slice(0, 40)}": send UTF-8.`);
    return;
  }
  next();
};

/** Body-parser's own errors (too large, bad JSON, unknown encoding) as JSON with their status; nothing else leaks. */
const bodyErrors: ErrorRequestHandler = (err, _req, res, next) => {
  if (res.headersSent) return next(err);
  const status = typeof err?.status === "number" && err.status >= 400 && err.status < 500 ? err.status : undefined;
  if (status === undefined) return next(err);
  const message =
    err.type === "entity.too.large"
      ? `The request body is larger than the limit of ${err.limit} bytes.`
      : err.type === "entity.parse.failed"
        ? "The request body is not valid JSON."
        : err.expose && typeof err.message === "string"
          ? err.message
          : "Bad request.";
  refuse(res, status, message);
};

/** The middleware in front of Apollo on /graphql. */
export function graphqlBodyParsing(maxBodyBytes: number): Array<RequestHandler | ErrorRequestHandler> {
  return [
    utf8Only,
    express.json({ limit: maxBodyBytes }),
    bodyErrors,
    // express 5 leaves req.body unset for a body that is not JSON; Apollo then answers 400 instead of a 500.
    ((req, _res, next) => {
      if (!("body" in req)) (req as { body?: unknown }).body = undefined;
      next();
    }) satisfies RequestHandler,
  ];
}

/** Last in the app: anything that reached express's default handler would be an HTML page with a stack trace. */
export function lastResortErrors(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    // A client's error that a middleware raised with its status (http-errors, as serve-static's 404 for an asset that
    // is not there, or its 400 for a malformed path): that status, with the error's own message when it may be shown.
    const status = clientErrorStatus(err);
    // The id a /graphql answer carries in X-Request-Id; on other paths the one a proxy sent (else a fresh one).
    const requestId = requestIdOf(req);
    if (status !== undefined && !res.headersSent) {
      logger.debug({ err, url: req.originalUrl, status, requestId }, "client error in HTTP handling");
      const message = (err as { expose?: boolean }).expose && err instanceof Error ? err.message : STATUS_CODES[status];
      res.status(status).json({ errors: [{ message, extensions: { code: status === 404 ? "NOT_FOUND" : "BAD_REQUEST" } }] });
      return;
    }
    logger.error({ err, url: req.originalUrl, requestId }, "unhandled error in HTTP handling");
    if (res.headersSent) {
      res.destroy();
      return;
    }
    res.status(500).json({ errors: [{ message: "Internal server error", extensions: { code: "INTERNAL_SERVER_ERROR" } }] });
  };
}

/** The 4xx status an error carries (`status` or `statusCode`, as http-errors sets both), if it is one. */
function clientErrorStatus(err: unknown): number | undefined {
  const { status, statusCode } = (err ?? {}) as { status?: unknown; statusCode?: unknown };
  const code = typeof status === "number" ? status : statusCode;
  return typeof code === "number" && code >= 400 && code < 500 ? code : undefined;
}
