// First: tracing must be on before the gateway and the services are loaded.
import { spans, telemetry } from "./inMemoryTraces.ts";
import { SpanKind } from "@intl/telemetry";
import type { ReadableSpan } from "@intl/telemetry";
import { expectEventually } from "@intl/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startSystem, type System } from "./system.ts";

let system: System;

beforeAll(async () => {
  system = await startSystem({ kafkaBrokers: inject("kafkaBrokers"), mongoUri: inject("mongoUri") });
});
afterAll(async () => {
  await system?.stop();
  await telemetry.shutdown();
});

function inTrace(traceId: string): ReadableSpan[] {
  return spans.getFinishedSpans().filter((span) => span.spanContext().traceId === traceId);
}

function childOf(parent: ReadableSpan | undefined) {
  return { parentSpanContext: { spanId: parent?.spanContext().spanId } };
}

describe("one trace", () => {
  it("follows a mutation from the gateway to a subgraph, its store, Kafka, and another service's handler", async () => {
    const office = await system.token("INTERNATIONAL_OFFICE");
    await system.data(
      office,
      `mutation { registerInstitution(input: { name: "Traced University", countryCode: "JP" }) { id } }`,
    );

    // The gateway's span of the request is where the trace starts (the client sent no traceparent).
    const [request, ...others] = spans
      .getFinishedSpans()
      .filter((span) => span.instrumentationScope.name === "@intl/gateway" && span.kind === SpanKind.SERVER);
    expect(others).toEqual([]);
    expect(request?.name).toBe("POST /graphql");
    expect(request?.parentSpanContext).toBeUndefined();
    const traceId = request?.spanContext().traceId ?? "";

    // The students service learns of the institution from the event: its handler is in the same trace.
    const consumerGroup = `${system.topicPrefix}.students`;
    await expectEventually(() =>
      expect(
        inTrace(traceId).find(
          (span) =>
            span.kind === SpanKind.CONSUMER &&
            span.attributes["messaging.consumer.group.name"] === consumerGroup,
        ),
      ).toBeDefined(),
    );
    const trace = inTrace(traceId);
    const named = (name: string) => trace.find((span) => span.name === name);
    const processed = trace.find(
      (span) =>
        span.kind === SpanKind.CONSUMER && span.attributes["messaging.consumer.group.name"] === consumerGroup,
    );
    // Three services handle the event in this trace: the students' handler span is the child of its message's span.
    const handled = trace.filter((span) => span.name === "handle partnerships.institution.created.v1");
    expect(
      handled.filter((span) => span.parentSpanContext?.spanId === processed?.spanContext().spanId),
    ).toHaveLength(1);

    // On the way: the gateway's plan, the fetch to partnerships, its operation, the write, the publication.
    expect(named("gateway.plan")).toBeDefined();
    const fetch = named("fetch partnerships");
    expect(fetch).toMatchObject({ kind: SpanKind.CLIENT });
    const operation = trace.find(
      (span) => span.kind === SpanKind.SERVER && span.attributes["intl.subgraph"] === "partnerships",
    );
    expect(operation).toMatchObject({ name: expect.stringMatching(/^mutation /), ...childOf(fetch) });
    expect(trace.some((span) => span.name === "insert institutions" && span.kind === SpanKind.CLIENT)).toBe(
      true,
    );
    const send = trace.find((span) => span.kind === SpanKind.PRODUCER);
    expect(send?.name).toBe(`send ${system.topicPrefix}.partnerships.institution`);
    expect(processed).toMatchObject(childOf(send));
  });
});
