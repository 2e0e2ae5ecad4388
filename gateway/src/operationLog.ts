import { AsyncLocalStorage } from "node:async_hooks";
import type { ApolloServerPlugin } from "@apollo/server";
import { activeTraceId } from "@intl/telemetry";
import type { RequestHandler, Response } from "express";
import type { GraphQLFormattedError } from "graphql";
import type { Logger } from "pino";
import { recordOperation } from "./operationMetrics.ts";

/** What one operation's log line says besides the HTTP facts. */
interface OperationRecord {
  operationName: string | undefined;
  operationType: string | undefined;
  errorCodes: string[];
}

// The record of the operation being served, reachable from Apollo's hooks and
// from formatError, which are given no request.
const current = new AsyncLocalStorage<OperationRecord>();

const traceparentFormat = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/** The trace id of a W3C `traceparent` header, or undefined when it is absent or invalid. */
export function traceIdFrom(traceparent: string | undefined): string | undefined {
  const match = traceparentFormat.exec(traceparent?.trim().toLowerCase() ?? "");
  if (!match || match[1] === "ff" || /^0+$/.test(match[2] ?? "") || /^0+$/.test(match[3] ?? ""))
    return undefined;
  return match[2];
}

/**
 * Writes one JSON line per operation on `/graphql` when its answer is sent (or
 * its client leaves): operation name and type, client name and version (Apollo's
 * `apollographql-client-*` headers), HTTP status, duration, the error codes sent,
 * request id and the trace id (the request's span's, or the caller's `traceparent`); and the same
 * facts as metrics (`recordOperation`), refusals before Apollo included.
 */
export function logOperations(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    const record: OperationRecord = { operationName: undefined, operationType: undefined, errorCodes: [] };
    // With tracing on, the trace of the request's span (the caller's, or the one it started);
    // read now: "close" is emitted outside the request's context.
    const tracedId = activeTraceId();
    res.once("close", () => {
      const traceId = tracedId ?? traceIdFrom(req.get("traceparent"));
      const durationMs = performance.now() - started;
      const errorCodes = [...new Set(record.errorCodes)];
      const clientLeft = !res.writableFinished;
      logger.info(
        {
          requestId: res.locals["requestId"],
          ...(traceId ? { traceId } : {}),
          operationName: record.operationName ?? null,
          operationType: record.operationType ?? null,
          clientName: req.get("apollographql-client-name") ?? null,
          clientVersion: req.get("apollographql-client-version") ?? null,
          httpStatus: res.statusCode,
          durationMs: Math.round(durationMs * 10) / 10,
          errorCodes,
          ...(clientLeft ? { clientLeft: true } : {}),
        },
        "graphql operation",
      );
      recordOperation({
        operationName: record.operationName,
        operationType: record.operationType,
        httpStatus: res.statusCode,
        errorCodes,
        clientLeft,
        durationSeconds: durationMs / 1000,
      });
    });
    current.run(record, next);
  };
}

/** Names the operation in its log line once Apollo knows it. */
export function operationLogPlugin<TContext extends object>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart({ request }) {
      const record = current.getStore();
      if (record) record.operationName = request.operationName ?? undefined;
      return {
        async didResolveOperation({ operation, operationName }) {
          if (!record) return;
          record.operationName = operationName ?? undefined;
          record.operationType = operation?.operation;
        },
      };
    },
  };
}

/** Wraps `formatError` so that every error code sent to the client is in the operation's log line. */
export function recordingErrorCodes<E>(
  format: (formatted: GraphQLFormattedError, error: E) => GraphQLFormattedError,
) {
  return (formatted: GraphQLFormattedError, error: E): GraphQLFormattedError => {
    const sent = format(formatted, error);
    const code = sent.extensions?.["code"];
    if (typeof code === "string") current.getStore()?.errorCodes.push(code);
    return sent;
  };
}

/**
 * Answers a request refused before Apollo sees it, shaped like Apollo's answers
 * (`{ errors: [{ message, extensions: { code, … } }] }`), its code in the log line.
 */
export function refuseRequest(
  res: Response,
  status: number,
  message: string,
  extensions: { code: string } & Record<string, unknown>,
): void {
  current.getStore()?.errorCodes.push(extensions.code);
  res.status(status).json({ errors: [{ message, extensions }] });
}
