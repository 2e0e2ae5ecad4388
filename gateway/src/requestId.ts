import { randomUUID } from "node:crypto";
import type { RequestHandler } from "express";

const acceptableRequestId = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Gives every request an id (the caller's `x-request-id` when it is sane, else a
 * new one), echoed in the response and forwarded to each subgraph so one query
 * can be followed through every service's logs.
 */
export function assignRequestId(): RequestHandler {
  return (req, res, next) => {
    const given = req.get("x-request-id");
    const requestId = given && acceptableRequestId.test(given) ? given : randomUUID();
    res.locals["requestId"] = requestId;
    res.set("x-request-id", requestId);
    next();
  };
}
