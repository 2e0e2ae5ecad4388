export { SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
export type { Attributes, Context, Span } from "@opentelemetry/api";
export { InMemorySpanExporter } from "@opentelemetry/sdk-trace";
export type { ReadableSpan, SpanExporter } from "@opentelemetry/sdk-trace";
export { contextFrom, currentTraceContext, traceIdOf } from "./propagation.ts";
export type { CarrierValue, TraceCarrier, TraceContext } from "./propagation.ts";
export { telemetryConfigSchema, telemetrySettingsFrom } from "./settings.ts";
export type { TelemetrySettings, TracesExporterKind } from "./settings.ts";
export {
  activeTraceId,
  describeActiveSpan,
  inSpan,
  recordFailure,
  traceHttpRequests,
  tracer,
} from "./spans.ts";
export { startTelemetry, tracingEnabled } from "./telemetry.ts";
export type { StartTelemetryOptions, Telemetry } from "./telemetry.ts";
