import type { RequestHandler } from "express";

/**
 * Request headers a browser app may send cross-origin: the bearer token, JSON,
 * Apollo's CSRF preflight header and client identification, and the ids that
 * let one request be followed (request id, W3C trace context).
 */
const allowedHeaders = [
  "authorization",
  "content-type",
  "apollo-require-preflight",
  "x-apollo-operation-name",
  "apollographql-client-name",
  "apollographql-client-version",
  "x-request-id",
  "traceparent",
  "tracestate",
].join(", ");

/**
 * CORS for `/graphql`: an origin in `allowedOrigins` (exact `scheme://host[:port]`
 * strings) gets the headers that let its page read the answer, and its preflight
 * is answered; any other origin gets none, so its browser blocks the call.
 * Credentials (cookies) are not allowed: tokens travel as bearer headers.
 * Same-origin pages (GraphiQL) need no CORS at all.
 */
export function corsAllowlist(allowedOrigins: readonly string[]): RequestHandler {
  const allowed = new Set(allowedOrigins);
  return (req, res, next) => {
    const origin = req.get("origin");
    // The answer differs by origin: a shared cache must not serve one origin's to another.
    res.vary("Origin");
    const preflight = req.method === "OPTIONS" && req.get("access-control-request-method") !== undefined;
    if (origin !== undefined && allowed.has(origin)) {
      res.set("Access-Control-Allow-Origin", origin);
      res.set("Access-Control-Expose-Headers", "x-request-id, retry-after");
      if (preflight) {
        res.set("Access-Control-Allow-Methods", "GET, POST");
        res.set("Access-Control-Allow-Headers", allowedHeaders);
        res.set("Access-Control-Max-Age", "600");
      }
    }
    // A refused origin's preflight is answered too, without the headers: its browser stops there.
    if (preflight) {
      res.status(204).end();
      return;
    }
    next();
  };
}

/** Parses CORS_ORIGINS: comma-separated exact origins; a bad entry is named. */
export function parseOrigins(value: string): { origins: string[]; invalid: string[] } {
  const entries = value
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  const invalid = entries.filter((entry) => !isOrigin(entry));
  return { origins: entries.filter(isOrigin), invalid };
}

function isOrigin(entry: string): boolean {
  try {
    const url = new URL(entry);
    return (url.protocol === "http:" || url.protocol === "https:") && url.origin === entry;
  } catch {
    return false;
  }
}
