import { afterEach, describe, expect, it } from "vitest";
import { InMemorySpanExporter } from "@opentelemetry/sdk-trace";
import { contextFrom, currentTraceContext, traceIdOf } from "./propagation.ts";
import { inSpan } from "./spans.ts";
import { startTelemetry } from "./telemetry.ts";
import type { Telemetry } from "./telemetry.ts";

let telemetry: Telemetry | undefined;
afterEach(async () => {
  await telemetry?.shutdown();
  telemetry = undefined;
});

function traced(): InMemorySpanExporter {
  const exporter = new InMemorySpanExporter();
  telemetry = startTelemetry({ serviceName: "test", exporter });
  return exporter;
}

describe("trace context", () => {
  it("is the active span's, in W3C form, to send or store", async () => {
    traced();
    await inSpan("test", "write", {}, async (span) => {
      const sent = currentTraceContext();
      expect(sent?.traceparent).toBe(`00-${span.spanContext().traceId}-${span.spanContext().spanId}-01`);
      expect(traceIdOf(sent?.traceparent ?? "")).toBe(span.spanContext().traceId);
    });
  });

  it("is absent outside any span, and when tracing is off (nothing is stored or sent)", async () => {
    traced();
    expect(currentTraceContext()).toBeUndefined();
    await telemetry?.shutdown();
    telemetry = startTelemetry({ serviceName: "test" });
    expect(telemetry.enabled).toBe(false);
    await inSpan("test", "write", {}, async () => expect(currentTraceContext()).toBeUndefined());
  });

  it("read from Kafka headers (Buffer values) makes the next span a child in the same trace", async () => {
    const exporter = traced();
    const sent = await inSpan("test", "publish", {}, async () => currentTraceContext());
    const headers = { traceparent: Buffer.from(sent?.traceparent ?? ""), "content-type": Buffer.from("x") };
    await inSpan("test", "consume", { parent: contextFrom(headers) }, async () => undefined);
    const [publish, consume] = exporter.getFinishedSpans();
    expect(consume?.spanContext().traceId).toBe(publish?.spanContext().traceId);
    expect(consume?.parentSpanContext?.spanId).toBe(publish?.spanContext().spanId);
  });

  it("stored as an entry's { traceparent, tracestate } continues the trace later, whatever runs then", async () => {
    const exporter = traced();
    const stored = await inSpan("test", "write", {}, async () => currentTraceContext());
    // The relay's round may run inside another request's span: the stored context wins.
    await inSpan("test", "another request", {}, () =>
      inSpan("test", "publish", { parent: contextFrom({ ...stored, tracestate: "intl=1" }) }, async () => {
        expect(currentTraceContext()?.tracestate).toBe("intl=1");
      }),
    );
    const spans = Object.fromEntries(exporter.getFinishedSpans().map((span) => [span.name, span]));
    expect(spans["publish"]?.spanContext().traceId).toBe(spans["write"]?.spanContext().traceId);
    expect(spans["publish"]?.spanContext().traceId).not.toBe(spans["another request"]?.spanContext().traceId);
  });

  it("absent from a carrier starts a new trace, not the active one's", async () => {
    const exporter = traced();
    await inSpan("test", "running", {}, () =>
      inSpan("test", "message without traceparent", { parent: contextFrom({}) }, async () => undefined),
    );
    const [inner, outer] = exporter.getFinishedSpans();
    expect(inner?.spanContext().traceId).not.toBe(outer?.spanContext().traceId);
    expect(inner?.parentSpanContext).toBeUndefined();
  });
});

describe("telemetry", () => {
  it("is owned by its first starter: a later start shares it, and its shutdown leaves spans recorded", async () => {
    const exporter = traced();
    const later = startTelemetry({ serviceName: "another service in the same process" });
    expect(later).toMatchObject({ serviceName: "test", enabled: true });
    await later.shutdown();
    await inSpan("test", "still recorded", {}, async () => undefined);
    expect(exporter.getFinishedSpans().map((span) => span.name)).toEqual(["still recorded"]);
  });
});

describe("a span", () => {
  it("records a failure of its work as status ERROR with the exception, and rethrows it", async () => {
    const exporter = traced();
    await expect(
      inSpan("test", "failing", {}, async () => {
        throw new Error("store down");
      }),
    ).rejects.toThrow("store down");
    const [span] = exporter.getFinishedSpans();
    expect(span?.status).toEqual({ code: 2, message: "store down" });
    expect(span?.events.map((event) => event.name)).toEqual(["exception"]);
  });
});
