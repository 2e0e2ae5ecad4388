import type { GraphQLFormattedError } from "graphql";
import type { Logger } from "pino";

/**
 * Codes whose message is written for clients: the domain kinds every subgraph
 * maps its `DomainError`s to, and Apollo's request errors. Anything else is an
 * internal failure whose message may leak internals.
 */
const clientFacingCodes = new Set([
  "BAD_USER_INPUT",
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "NOT_FOUND",
  "CONFLICT",
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_REQUEST",
  "OPERATION_RESOLUTION_FAILURE",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "PERSISTED_QUERY_REQUIRED",
]);

/**
 * Client-facing codes that report the system's state rather than the request's
 * fault (a subgraph too slow or at capacity): logged as warnings, and their
 * `details` name the subgraph so that a client knows which fields are missing.
 */
const capacityCodes = new Set(["SUBGRAPH_TIMEOUT", "SUBGRAPH_UNAVAILABLE", "TIMEOUT", "OVERLOADED"]);
for (const code of capacityCodes) clientFacingCodes.add(code);

/** The only extensions a client ever sees; the rest (stacktrace, serviceName, exception, response URLs) stays inside. */
const publicExtensions = ["reason", "field", "details"] as const;

export const internalErrorMessage = "Internal server error";

/**
 * Apollo Server's own refusals of a request as sent (an unsupported persisted query version, a
 * hash that does not match the query) carry an HTTP 4xx status and no code of their own, so they
 * arrive coded INTERNAL_SERVER_ERROR: they are the client's fault, answered as BAD_REQUEST.
 */
function refusedRequest(original: unknown): boolean {
  const own = (original as { extensions?: Record<string, unknown> } | null)?.extensions;
  const status = (own?.["http"] as { status?: unknown } | undefined)?.status;
  return own?.["code"] === undefined && typeof status === "number" && status >= 400 && status < 500;
}

/**
 * The gateway's `formatError`: keeps `extensions.code` always, the message and
 * `reason`/`field`/`details` only for client-facing codes, and logs what it masks.
 */
export function maskGatewayError(logger: Logger) {
  return (formatted: GraphQLFormattedError, original: unknown): GraphQLFormattedError => {
    const extensions = formatted.extensions ?? {};
    const given = typeof extensions["code"] === "string" ? extensions["code"] : "INTERNAL_SERVER_ERROR";
    const code = given === "INTERNAL_SERVER_ERROR" && refusedRequest(original) ? "BAD_REQUEST" : given;
    const located = {
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      ...(formatted.path ? { path: formatted.path } : {}),
    };

    if (!clientFacingCodes.has(code)) {
      logger.error(
        { err: original, code, serviceName: extensions["serviceName"], path: formatted.path },
        "masked an internal error",
      );
      return { message: internalErrorMessage, ...located, extensions: { code } };
    }

    if (capacityCodes.has(code)) {
      logger.warn({ code, details: extensions["details"], path: formatted.path }, formatted.message);
    }
    const kept: Record<string, unknown> = { code };
    for (const key of publicExtensions) {
      if (extensions[key] !== undefined) kept[key] = extensions[key];
    }
    return { message: formatted.message, ...located, extensions: kept };
  };
}
