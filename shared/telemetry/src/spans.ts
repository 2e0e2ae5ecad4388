import { SpanKind, SpanStatusCode, context as contextApi, trace } from "@opentelemetry/api";
import type { Attributes, Context, Span, SpanOptions, Tracer } from "@opentelemetry/api";
import type { IncomingMessage, ServerResponse } from "node:http";
import { contextFrom } from "./propagation.ts";

/**
 * The tracer of a kit (`@intl/kafka`, `@intl/gateway`…). Looked up at each use,
 * not kept: the provider may be registered (or replaced, in tests) after the kit
 * was loaded, and without one this is the API's no-op tracer.
 */
export function tracer(scope: string): Tracer {
  return trace.getTracer(scope);
}

/** Marks `span` failed with `error` (an exception event and status ERROR). */
export function recordFailure(span: Span, error: unknown): void {
  if (error instanceof Error) span.recordException(error);
  span.setStatus({
    code: SpanStatusCode.ERROR,
    message: error instanceof Error ? error.message : String(error),
  });
}

/**
 * Runs `work` inside a new span, active for everything `work` awaits: its spans
 * (store commands, fetches) are children. A throw marks the span failed and is
 * rethrown; the span ends when `work` settles. Its parent is the active span, or
 * `parent` when given (a context extracted from a message or stored entry).
 */
export function inSpan<T>(
  scope: string,
  name: string,
  options: SpanOptions & { parent?: Context },
  work: (span: Span) => Promise<T>,
): Promise<T> {
  const { parent = contextApi.active(), ...spanOptions } = options;
  return tracer(scope).startActiveSpan(name, spanOptions, parent, async (span) => {
    try {
      return await work(span);
    } catch (error) {
      recordFailure(span, error);
      throw error;
    } finally {
      span.end();
    }
  });
}

/** Renames the active span and adds attributes, once what it serves is known (a GraphQL operation). */
export function describeActiveSpan(name: string, attributes: Attributes = {}): void {
  const span = trace.getActiveSpan();
  if (!span) return;
  span.updateName(name);
  span.setAttributes(attributes);
}

/** The trace id of the active span, when one is recorded (for log lines). */
export function activeTraceId(): string | undefined {
  const span = trace.getActiveSpan();
  return span?.isRecording() ? span.spanContext().traceId : undefined;
}

/**
 * Connect/Express middleware: one SERVER span per request, continuing the trace
 * of the caller's `traceparent` header (or starting one), active for every later
 * handler, ended when the response is finished or the client leaves (status and
 * HTTP code recorded). Mount it after the body parser: a parser resumes the
 * request from the socket's events, which would leave the span's context behind.
 */
export function traceHttpRequests(
  scope: string,
): (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void {
  return (req, res, next) => {
    const parent = contextFrom(req.headers);
    // Express strips the mount path from `url` inside `app.use("/graphql", …)`; `originalUrl` keeps it.
    const url = (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? "/";
    const path = url.split("?")[0] ?? "/";
    const span = tracer(scope).startSpan(
      `${req.method ?? "GET"} ${path}`,
      {
        kind: SpanKind.SERVER,
        attributes: { "http.request.method": req.method ?? "GET", "url.path": path },
      },
      parent,
    );
    res.once("close", () => {
      span.setAttribute("http.response.status_code", res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      if (!res.writableFinished) span.setAttribute("intl.client_left", true);
      span.end();
    });
    contextApi.with(trace.setSpan(parent, span), next);
  };
}
