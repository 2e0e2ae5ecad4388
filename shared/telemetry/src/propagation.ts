import { ROOT_CONTEXT, context as contextApi, propagation } from "@opentelemetry/api";
import type { Context, TextMapGetter } from "@opentelemetry/api";

/**
 * A span's place in its trace, as W3C trace context carries it between processes:
 * in HTTP headers, in Kafka message headers, and stored with an outbox entry so
 * that a relay publishing later (after a restart) continues the same trace.
 * (The CloudEvents distributed tracing extension names the same two values.)
 */
export interface TraceContext {
  /** `00-<trace id>-<parent span id>-<flags>`. */
  traceparent: string;
  /** Vendor-specific trace data, when there is any. */
  tracestate?: string;
}

/** One header value as HTTP servers (string, string[]) or Kafka clients (Buffer, arrays) hand it over. */
export type CarrierValue = string | Buffer | readonly (string | Buffer)[] | undefined;

/** Headers of an HTTP request or of a Kafka message, or a stored `TraceContext`. */
export type TraceCarrier = Readonly<Record<string, CarrierValue>>;

const headerGetter: TextMapGetter<TraceCarrier> = {
  keys: (carrier) => Object.keys(carrier),
  get(carrier, key) {
    const value = carrier[key] ?? carrier[key.toLowerCase()];
    if (value === undefined) return undefined;
    if (typeof value === "string") return value;
    if (Buffer.isBuffer(value)) return value.toString("utf8");
    return (value as readonly (string | Buffer)[]).map(String);
  },
};

/**
 * The trace context of `context` (default: the active one), to send or store, or
 * undefined when there is no span to continue or tracing is off.
 */
export function currentTraceContext(context: Context = contextApi.active()): TraceContext | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(context, carrier);
  const { traceparent, tracestate } = carrier;
  if (!traceparent) return undefined;
  return tracestate ? { traceparent, tracestate } : { traceparent };
}

/**
 * The context continuing the trace that `carrier` (headers, or a stored
 * `TraceContext`) names. Starts from the root context by default, not from the
 * active one: work that arrives from elsewhere (a request, a message, an outbox
 * entry) belongs to the trace it carries, never to whatever happens to be running.
 */
export function contextFrom(
  carrier: TraceCarrier | TraceContext | undefined,
  base: Context = ROOT_CONTEXT,
): Context {
  if (!carrier) return base;
  return propagation.extract(base, carrier as TraceCarrier, headerGetter);
}

/** The trace id of a `traceparent` value (the 32 hex digits between the first two dashes). */
export function traceIdOf(traceparent: string): string | undefined {
  return /^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$/.exec(traceparent.trim())?.[1];
}
