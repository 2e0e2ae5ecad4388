import { InMemorySpanExporter, SpanKind, inSpan, startTelemetry, trace, traceIdOf } from "@intl/telemetry";
import type { ReadableSpan } from "@intl/telemetry";
import { expectEventually } from "@intl/testing";
import { Schema } from "mongoose";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import {
  OutboxRelay,
  outboxPlugin,
  prefixedTopic,
  startConsumer,
  withEventsInDocument,
} from "../src/index.ts";
import type { OutboxEntry } from "../src/index.ts";
import { useKitInfra } from "./kit-infra.ts";
import { noteEvent, noteWritten } from "./note-events.ts";
import { readTopic } from "./topic-reader.ts";

// Before the store connection is opened (useKitInfra's beforeAll): its commands are then monitored.
const exporter = new InMemorySpanExporter();
const telemetry = startTelemetry({ serviceName: "kafka-kit-test", exporter });
const infra = useKitInfra();
const running: { stop(): Promise<unknown> }[] = [];

afterEach(async () => {
  while (running.length > 0) await running.pop()?.stop();
});
afterAll(() => telemetry.shutdown());

function spanNamed(name: string): ReadableSpan | undefined {
  return exporter.getFinishedSpans().find((span) => span.name === name);
}

describe("a trace through the outbox and Kafka", () => {
  it("goes from the write, stored with its event, to the relay's publication after a restart and to the handler", async () => {
    const Notes = infra.connection.model<{ _id: string; _outbox: OutboxEntry[] }>(
      "TracedNote",
      new Schema({ _id: String, text: String }).plugin(outboxPlugin),
    );
    const event = noteEvent("note-traced", 1, "written in a request");
    // The request that writes: its trace is stored with the event, nothing is published yet.
    const traceId = await inSpan("test", "request", {}, async (span) => {
      await Notes.create(
        withEventsInDocument({ _id: "note-traced", text: "x" }, [{ contract: noteWritten, envelope: event }]),
      );
      return span.spanContext().traceId;
    });
    const [stored] = (await Notes.findById("note-traced").lean())?._outbox ?? [];
    expect(traceIdOf(stored?.traceContext?.traceparent ?? "")).toBe(traceId);

    const topic = prefixedTopic(infra.topicPrefix, noteWritten.topic);
    const reader = await readTopic(infra.kafka, topic);
    running.push(reader);
    const handledIn: string[] = [];
    running.push(
      await startConsumer({
        kafka: infra.kafka,
        groupId: "traced-handler",
        topicPrefix: infra.topicPrefix,
        contracts: [noteWritten],
        connection: infra.connection,
        handle: async (handled) => {
          if (handled.id === event.id) handledIn.push(trace.getActiveSpan()?.spanContext().traceId ?? "none");
        },
      }),
    );
    // A relay started later, outside any span, as after a restart of the writing process.
    const relay = new OutboxRelay({ kafka: infra.kafka, models: [Notes], topicPrefix: infra.topicPrefix });
    running.push(relay);
    await relay.start();

    await expectEventually(() => expect(handledIn).toEqual([traceId]));
    const message = reader.messages.find((read) => read.key === "note-traced");
    const send = spanNamed(`send ${topic}`);
    expect(send).toMatchObject({ kind: SpanKind.PRODUCER });
    expect(send?.spanContext().traceId).toBe(traceId);
    // The message carries the publication's span, in W3C form, beside the CloudEvents content type.
    expect(message?.headers["traceparent"]).toBe(`00-${traceId}-${send?.spanContext().spanId ?? ""}-01`);
    await expectEventually(() => expect(spanNamed(`process ${topic}`)).toBeDefined());
    const processed = exporter
      .getFinishedSpans()
      .find((span) => span.name === `process ${topic}` && span.spanContext().traceId === traceId);
    expect(processed).toMatchObject({
      kind: SpanKind.CONSUMER,
      parentSpanContext: { spanId: send?.spanContext().spanId },
    });
    const handle = spanNamed(`handle ${noteWritten.type}`);
    expect(handle?.parentSpanContext?.spanId).toBe(processed?.spanContext().spanId);
    // The store write of the request is a span of the same trace.
    expect(
      exporter
        .getFinishedSpans()
        .some((span) => span.name.startsWith("insert") && span.spanContext().traceId === traceId),
    ).toBe(true);
  });
});
