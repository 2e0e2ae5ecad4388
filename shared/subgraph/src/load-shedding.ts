import type { RequestHandler } from "express";

/** `extensions.code` of a request refused because the server is at capacity. */
export const OVERLOADED = "OVERLOADED";

export interface LoadSheddingOptions {
  /** Requests served at once; the next one is refused until one of them ends. */
  maxInFlight: number;
  /** Seconds a refused client is told to wait (`Retry-After`), default 1. */
  retryAfterSeconds?: number;
  /** Called on each refusal (for a log line or a metric). */
  onShed?: (inFlight: number) => void;
}

/** What a shed request is answered with, beside HTTP 503 and `Retry-After`. */
export function overloadedBody(retryAfterSeconds: number) {
  return {
    errors: [
      {
        message: `The server is at capacity; retry in ${retryAfterSeconds} s.`,
        extensions: { code: OVERLOADED, retryAfterSeconds },
      },
    ],
  };
}

/**
 * Refuses at once, with HTTP 503, `Retry-After` and a coded OVERLOADED error, any
 * request arriving while `maxInFlight` are being served, instead of queueing
 * without bound: a queue longer than the clients' patience only serves answers
 * nobody waits for, and keeps the overload going after its cause has ended.
 * Mount it on the routes worth protecting (`/graphql`), never on `/health` or `/ready`.
 */
export function shedLoad(options: LoadSheddingOptions): RequestHandler & { inFlight(): number } {
  const { maxInFlight, retryAfterSeconds = 1, onShed } = options;
  if (!Number.isInteger(maxInFlight) || maxInFlight < 1) {
    throw new RangeError(`maxInFlight must be a positive integer, got ${maxInFlight}`);
  }
  let inFlight = 0;
  const handler: RequestHandler = (_req, res, next) => {
    if (inFlight >= maxInFlight) {
      onShed?.(inFlight);
      res.status(503).set("retry-after", String(retryAfterSeconds)).json(overloadedBody(retryAfterSeconds));
      return;
    }
    inFlight += 1;
    // "close" fires once per response, whether it was sent or the client left first.
    res.once("close", () => {
      inFlight -= 1;
    });
    next();
  };
  return Object.assign(handler, { inFlight: () => inFlight });
}
