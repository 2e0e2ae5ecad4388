import { context, propagation, trace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { W3CTraceContextPropagator } from "@opentelemetry/core";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { resourceFromAttributes } from "@opentelemetry/resources";
import {
  BatchSpanProcessor,
  ConsoleSpanExporter,
  SimpleSpanProcessor,
  TracerProvider,
} from "@opentelemetry/sdk-trace";
import type { SpanExporter, SpanProcessor } from "@opentelemetry/sdk-trace";
import { ATTR_SERVICE_NAME } from "@opentelemetry/semantic-conventions";
import type { TelemetrySettings } from "./settings.ts";

export interface StartTelemetryOptions {
  /** `service.name` of every span of the process (`gateway`, `partnerships`…). */
  serviceName: string;
  /** Where spans go, from `OTEL_TRACES_EXPORTER` and `OTEL_EXPORTER_OTLP_ENDPOINT` (see `telemetrySettingsFrom`). */
  settings?: TelemetrySettings;
  /** A span exporter of one's own (a test's `InMemorySpanExporter`): each span is handed to it as it ends. */
  exporter?: SpanExporter;
}

export interface Telemetry {
  /** The service name of the process's spans. */
  readonly serviceName: string;
  /** Whether spans are recorded at all (false: the API's no-ops, which cost close to nothing). */
  readonly enabled: boolean;
  /** Exports the spans still buffered. */
  flush(): Promise<void>;
  /** Exports what is buffered, then unregisters: later spans are no-ops again. */
  shutdown(): Promise<void>;
}

let running: Telemetry | undefined;

/** Whether this process records spans (`startTelemetry` with an exporter). */
export function tracingEnabled(): boolean {
  return running?.enabled ?? false;
}

function processors(options: StartTelemetryOptions): SpanProcessor[] {
  const list: SpanProcessor[] = [];
  // A given exporter sees each span as soon as it ends: what a test asserts on.
  if (options.exporter) list.push(new SimpleSpanProcessor({ exporter: options.exporter }));
  for (const kind of options.settings?.tracesExporters ?? []) {
    if (kind === "console") list.push(new SimpleSpanProcessor({ exporter: new ConsoleSpanExporter() }));
    if (kind === "otlp")
      list.push(
        new BatchSpanProcessor({
          exporter: new OTLPTraceExporter({ url: options.settings?.otlpTracesUrl }),
        }),
      );
  }
  return list;
}

/**
 * Sets up tracing for the process: the SDK's tracer provider with `service.name`,
 * context carried across `await` by AsyncLocalStorage, and W3C trace context
 * (`traceparent`, `tracestate`) as the propagation format. With no exporter (the
 * default, `OTEL_TRACES_EXPORTER=none`) nothing is registered: every span is the
 * API's no-op and nothing is propagated.
 *
 * One provider per process, owned by the first caller: a later call (several
 * services started in one test process) shares the telemetry already running, and
 * its `shutdown` only flushes, leaving the owner's spans recorded.
 */
export function startTelemetry(options: StartTelemetryOptions): Telemetry {
  if (running) {
    const owner = running;
    return {
      serviceName: owner.serviceName,
      enabled: owner.enabled,
      flush: owner.flush,
      shutdown: owner.flush,
    };
  }
  const spanProcessors = processors(options);
  if (spanProcessors.length === 0) {
    running = {
      serviceName: options.serviceName,
      enabled: false,
      flush: async () => undefined,
      shutdown: async () => {
        running = undefined;
      },
    };
    return running;
  }
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: options.serviceName }),
    spanProcessors,
  });
  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  const telemetry: Telemetry = {
    serviceName: options.serviceName,
    enabled: true,
    flush: () => provider.forceFlush(),
    async shutdown() {
      if (running !== telemetry) return;
      running = undefined;
      await provider.shutdown();
      trace.disable();
      propagation.disable();
      context.disable();
    },
  };
  running = telemetry;
  return telemetry;
}
