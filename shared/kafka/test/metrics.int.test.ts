import { afterEach, describe, expect, it } from "vitest";
import { Schema } from "mongoose";
import { metricValue, metricsRegistry } from "@intl/metrics";
import { expectEventually, uniqueName } from "@intl/testing";
import {
  OutboxRelay,
  outboxPlugin,
  prefixedTopic,
  startConsumer,
  withEventsInDocument,
} from "../src/index.ts";
import { useKitInfra } from "./kit-infra.ts";
import { noteEvent, noteWritten, produceRaw } from "./note-events.ts";

const infra = useKitInfra();
const running: { stop(): Promise<void> }[] = [];

afterEach(async () => {
  while (running.length > 0) await running.pop()?.stop();
});

function notes() {
  const schema = new Schema({ _id: String, text: String });
  schema.plugin(outboxPlugin);
  return infra.connection.models["MeteredNote"] ?? infra.connection.model("MeteredNote", schema);
}

const HOUR_MS = 3_600_000;

describe("the outbox metrics", () => {
  it("show a written event as pending, with its age, until the relay publishes it", async () => {
    const Notes = notes();
    // No scan in this test's lifetime but the one at start: only publishPending publishes.
    const relay = new OutboxRelay({
      kafka: infra.kafka,
      models: [Notes],
      topicPrefix: infra.topicPrefix,
      scanIntervalMs: 600_000,
    });
    running.push(relay);
    await relay.start();
    await relay.publishPending();
    const labels = { database: infra.connection.name, model: "MeteredNote" };
    expect(await metricValue("intl_outbox_pending", labels)).toBe(0);
    expect(await metricValue("intl_outbox_oldest_pending_age_seconds", labels)).toBe(0);

    // Written by a process that died before its nudge: an hour ago, then ten minutes ago.
    const hourAgo = new Date(Date.now() - HOUR_MS);
    await Notes.create(
      withEventsInDocument(
        { _id: "note-old", text: "old" },
        [{ contract: noteWritten, envelope: noteEvent("note-old", 1, "old") }],
        hourAgo,
      ),
    );
    await Notes.create(
      withEventsInDocument(
        { _id: "note-recent", text: "recent" },
        [{ contract: noteWritten, envelope: noteEvent("note-recent", 1, "recent") }],
        new Date(Date.now() - HOUR_MS / 6),
      ),
    );

    const scraped = await metricsRegistry.metrics();
    expect(scraped).toContain(`intl_outbox_pending{database="${labels.database}",model="MeteredNote"} 2`);
    const age = await metricValue("intl_outbox_oldest_pending_age_seconds", labels);
    expect(age).toBeGreaterThanOrEqual(HOUR_MS / 1000);
    expect(age).toBeLessThan(HOUR_MS / 1000 + 60);

    // The relay's own first scan may take one of them meanwhile: what counts is that both went out.
    await relay.publishPending();

    expect(await metricValue("intl_outbox_pending", labels)).toBe(0);
    expect(await metricValue("intl_outbox_oldest_pending_age_seconds", labels)).toBe(0);
    expect(
      await metricValue("intl_outbox_events_published_total", {
        topic: prefixedTopic(infra.topicPrefix, noteWritten.topic),
      }),
    ).toBe(2);

    await relay.stop();
    expect(await metricValue("intl_outbox_pending", labels)).toBeUndefined();
  });
});

describe("a consumer's metrics", () => {
  it("show the lag of a partition while its messages wait, then count each message by outcome", async () => {
    const subject = uniqueName("note");
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    let partition: number | undefined;
    let handled = 0;
    const consumer = await startConsumer({
      kafka: infra.kafka,
      groupId: uniqueName("group"),
      topicPrefix: infra.topicPrefix,
      contracts: [noteWritten],
      connection: infra.connection,
      retries: 0,
      handle: async (event, context) => {
        if (event.subject === subject) {
          partition ??= context.partition;
          await gate;
        }
        handled += 1;
      },
    });
    running.push(consumer);
    const group = consumer.kafkaGroupId;
    const topic = prefixedTopic(infra.topicPrefix, noteWritten.topic);

    // Three events and a message that is no event, one send: one partition, one batch.
    await produceRaw(infra.kafka, infra.topicPrefix, subject, [
      noteEvent(subject, 1, "one"),
      noteEvent(subject, 2, "two"),
      noteEvent(subject, 3, "three"),
      "not a CloudEvent",
    ]);

    await expectEventually(() => expect(partition).toBeDefined());
    const lagLabels = { group, topic, partition: String(partition) };
    // The first event is being handled: none of the four is finished.
    expect(await metricValue("intl_kafka_consumer_lag", lagLabels)).toBe(4);

    release();
    await expectEventually(async () =>
      expect(await metricValue("intl_kafka_dead_lettered_total", { group, reason: "invalid-event" })).toBe(1),
    );
    expect(await metricValue("intl_kafka_consumer_lag", lagLabels)).toBe(0);
    expect(await metricValue("intl_kafka_events_processed_total", { group, outcome: "handled" })).toBe(
      handled,
    );
    expect(handled).toBeGreaterThanOrEqual(3);
    expect(await metricValue("intl_kafka_events_processed_total", { group, outcome: "dead_lettered" })).toBe(
      1,
    );

    await consumer.stop();
    expect(await metricValue("intl_kafka_consumer_lag", lagLabels)).toBeUndefined();
  });
});
