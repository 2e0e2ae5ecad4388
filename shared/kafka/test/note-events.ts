import { randomUUID } from "node:crypto";
import { CLOUDEVENTS_JSON_CONTENT_TYPE, createEvent, defineEvent, toKafkaMessage } from "@intl/events";
import type { EventOf } from "@intl/events";
import type { Kafka } from "kafkajs";
import { z } from "zod";
import { createIdempotentProducer, prefixedTopic, startConsumer } from "../src/index.ts";
import type { StartConsumerOptions } from "../src/index.ts";
import type { KitInfra } from "./kit-infra.ts";

/** A test-only contract, so the kit's tests do not depend on any service's events. */
export const noteWritten = defineEvent({
  type: "testing.note.written.v1",
  topic: "testing.note",
  description: "A note was written (kit tests only).",
  data: z.object({
    text: z.string(),
    /** Kept to check that empty objects survive the outbox. */
    tags: z.record(z.string(), z.string()),
    remark: z.string().optional(),
  }),
});

export type NoteWritten = EventOf<typeof noteWritten>;

export function noteEvent(
  subject: string,
  sequence: number,
  text: string,
  id: string = randomUUID(),
): NoteWritten {
  return createEvent(noteWritten, {
    id,
    source: "/testing/kafka-kit",
    subject,
    time: new Date("2025-05-01T08:00:00Z"),
    sequence,
    data: { text, tags: {}, remark: undefined },
  });
}

/** Produces raw values straight to a topic (bypassing the outbox), all keyed alike so they share a partition. */
export async function produceRaw(
  kafka: Kafka,
  topicPrefix: string,
  key: string,
  values: (string | NoteWritten)[],
): Promise<void> {
  const producer = createIdempotentProducer(kafka);
  await producer.connect();
  try {
    await producer.send({
      topic: prefixedTopic(topicPrefix, noteWritten.topic),
      acks: -1,
      // Strings go out as they are, in structured mode (so that garbage is read as a broken CloudEvent).
      messages: values.map((value) =>
        typeof value === "string"
          ? { key, value, headers: { "content-type": CLOUDEVENTS_JSON_CONTENT_TYPE } }
          : { ...toKafkaMessage(value), key },
      ),
    });
  } finally {
    await producer.disconnect();
  }
}

/** A consumer of `noteWritten` on the kit's infra; a test gives only what it varies (group, handler, retries). */
export function startNoteConsumer(
  infra: Pick<KitInfra, "kafka" | "topicPrefix" | "connection">,
  options: Omit<
    StartConsumerOptions<typeof noteWritten>,
    "kafka" | "topicPrefix" | "contracts" | "connection"
  >,
) {
  return startConsumer({
    kafka: infra.kafka,
    topicPrefix: infra.topicPrefix,
    contracts: [noteWritten],
    connection: infra.connection,
    ...options,
  });
}
