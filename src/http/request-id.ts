// Each /graphql request's id, which its log lines carry: the client's X-Request-Id when it is a plain one, else a
// fresh UUID. Sent back in X-Request-Id, so a client shown a masked error can quote what the log holds.
import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { RequestHandler } from "express";

// Short and of characters safe in a header and a log line; anything else (a second header, a space) is replaced.
const PLAIN = /^[A-Za-z0-9._-]{1,100}$/;

/** The request's id, made on first asking and kept on the request. */
export function requestIdOf(req: IncomingMessage): string {
  const request = req as IncomingMessage & { requestId?: string };
  if (request.requestId === undefined) {
    const given = req.headers["x-request-id"];
    request.requestId = typeof given === "string" && PLAIN.test(given) ? given : randomUUID();
  }
  return request.requestId;
}

/** First on /graphql, so every answer carries the id: Apollo's, and the refusals of the guards and limits before it. */
export const requestIdHeader: RequestHandler = (req, res, next) => {
  res.setHeader("X-Request-Id", requestIdOf(req));
  next();
};
