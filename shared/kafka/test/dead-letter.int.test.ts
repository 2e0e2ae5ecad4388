import { afterEach, describe, expect, it } from "vitest";
import { expectEventually, uniqueName } from "@intl/testing";
import { createEvent, mobilityCompleted, mobilityPlanned, toKafkaMessage } from "@intl/events";
import {
  createIdempotentProducer,
  DeadLetterHeader,
  dlqTopic,
  ensureTopics,
  prefixedTopic,
  startConsumer,
} from "../src/index.ts";
import type { StartConsumerOptions } from "../src/index.ts";
import { useKitInfra } from "./kit-infra.ts";
import { noteEvent, noteWritten, produceRaw, startNoteConsumer } from "./note-events.ts";
import type { NoteWritten } from "./note-events.ts";
import { readTopic } from "./topic-reader.ts";

const infra = useKitInfra();
const running: { stop(): Promise<unknown> }[] = [];

afterEach(async () => {
  while (running.length > 0) await running.pop()?.stop();
});

type Handler = StartConsumerOptions<typeof noteWritten>["handle"];

async function consume(groupId: string, handle: Handler, retries = 5) {
  const consumer = await startNoteConsumer(infra, {
    groupId,
    handle,
    retries,
    initialRetryMs: 20,
  });
  running.push(consumer);
  const reader = await readTopic(infra.kafka, consumer.deadLetterTopic);
  running.push(reader);
  // The group reads the whole topic, other tests' poison included: look at one subject's letters.
  return {
    consumer,
    deadLettersOf: (subject: string) => reader.messages.filter((letter) => letter.key === subject),
  };
}

async function effectsOf(eventId: string) {
  return infra.effects().countDocuments({ eventId });
}

async function recordEffect(event: NoteWritten) {
  await infra.effects().insertOne({ eventId: event.id, subject: event.subject });
}

describe("poison messages", () => {
  it("sends garbage and contract-breaking events to the dead-letter topic and keeps the partition flowing", async () => {
    const subject = "note-poison";
    const badData = { ...noteEvent(subject, 1, "x"), data: { text: 42 } };
    const unknownType = { ...noteEvent(subject, 2, "x"), type: "testing.note.erased.v1" };
    const good = noteEvent(subject, 3, "after the poison");
    // One key: one partition, poison first. A consumer stuck on the poison would never see `good`.
    await produceRaw(infra.kafka, infra.topicPrefix, subject, [
      "{not json at all",
      JSON.stringify(badData),
      JSON.stringify(unknownType),
      good,
    ]);
    const groupId = uniqueName("group");
    const { deadLettersOf } = await consume(groupId, async (event) => {
      if (event.subject === subject) await recordEffect(event);
    });

    await expectEventually(async () => expect(await effectsOf(good.id)).toBe(1));
    await expectEventually(() => expect(deadLettersOf(subject)).toHaveLength(3));
    const deadLetters = deadLettersOf(subject);
    expect(deadLetters.map((letter) => letter.value)).toEqual([
      "{not json at all",
      JSON.stringify(badData),
      JSON.stringify(unknownType),
    ]);
    const original = prefixedTopic(infra.topicPrefix, noteWritten.topic);
    for (const letter of deadLetters) {
      expect(letter.key).toBe(subject);
      expect(letter.headers).toMatchObject({
        [DeadLetterHeader.ORIGINAL_TOPIC]: original,
        [DeadLetterHeader.CONSUMER_GROUP]: groupId,
        [DeadLetterHeader.REASON]: "invalid-event",
        [DeadLetterHeader.ATTEMPTS]: "0",
      });
      expect(letter.headers[DeadLetterHeader.ORIGINAL_PARTITION]).toMatch(/^\d+$/);
    }
    expect(
      new Set(deadLetters.map((letter) => letter.headers[DeadLetterHeader.ORIGINAL_PARTITION])).size,
    ).toBe(1);
    expect(deadLetters.map((letter) => Number(letter.headers[DeadLetterHeader.ORIGINAL_OFFSET]))).toEqual(
      [0, 1, 2].map((step) => Number(deadLetters[0]?.headers[DeadLetterHeader.ORIGINAL_OFFSET]) + step),
    );
    expect(deadLetters[0]?.headers[DeadLetterHeader.ERROR]).toMatch(/not JSON/);
    expect(deadLetters[1]?.headers[DeadLetterHeader.ERROR]).toMatch(
      /invalid data for testing\.note\.written\.v1.*text/,
    );
    expect(deadLetters[2]?.headers[DeadLetterHeader.ERROR]).toMatch(
      /unknown event type.*testing\.note\.erased\.v1/,
    );
  });
});

describe("failing handlers", () => {
  it("retries a handler that fails twice, then processes the event once", async () => {
    const subject = "note-flaky";
    const flaky = noteEvent(subject, 1, "flaky");
    await produceRaw(infra.kafka, infra.topicPrefix, subject, [flaky]);
    const attempts: number[] = [];
    const { deadLettersOf } = await consume(uniqueName("group"), async (event, { attempt }) => {
      if (event.subject !== subject) return;
      attempts.push(attempt);
      if (attempts.length <= 2) throw new Error("store briefly unavailable");
      await recordEffect(event);
    });

    await expectEventually(async () => expect(await effectsOf(flaky.id)).toBe(1));
    expect(attempts).toEqual([1, 2, 3]);
    expect(deadLettersOf(subject)).toEqual([]);
  });

  it("dead-letters an event whose handler always fails, then processes the next one", async () => {
    const subject = "note-broken";
    const broken = noteEvent(subject, 1, "broken");
    const next = noteEvent(subject, 2, "fine");
    await produceRaw(infra.kafka, infra.topicPrefix, subject, [broken, next]);
    const groupId = uniqueName("group");
    let brokenAttempts = 0;
    const { deadLettersOf } = await consume(
      groupId,
      async (event) => {
        if (event.subject !== subject) return;
        if (event.id === broken.id) {
          brokenAttempts++;
          throw new Error("agreement snapshot refers to an unknown programme");
        }
        await recordEffect(event);
      },
      2,
    );

    await expectEventually(async () => expect(await effectsOf(next.id)).toBe(1));
    await expectEventually(() => expect(deadLettersOf(subject)).toHaveLength(1));
    const deadLetters = deadLettersOf(subject);
    expect(brokenAttempts).toBe(3);
    expect(await effectsOf(broken.id)).toBe(0);
    expect(JSON.parse(deadLetters[0]?.value ?? "")).toEqual(broken);
    expect(deadLetters[0]?.headers).toMatchObject({
      [DeadLetterHeader.REASON]: "handler-failed",
      [DeadLetterHeader.ATTEMPTS]: "3",
      [DeadLetterHeader.ERROR]: "Error: agreement snapshot refers to an unknown programme",
      [DeadLetterHeader.CONSUMER_GROUP]: groupId,
    });
    expect(dlqTopic(infra.topicPrefix, groupId)).toBe(`${infra.topicPrefix}.dlq.${groupId}`);
  });
});

describe("events the group does not handle", () => {
  it("skips valid events of other types on a subscribed topic instead of dead-lettering them", async () => {
    await ensureTopics(infra.kafka, [mobilityCompleted.topic], { prefix: infra.topicPrefix });
    const subject = "mobility-shared-topic";
    const facts = {
      mobilityId: subject,
      studentId: "student-1",
      institutionId: "inst-1",
      agreementId: null,
      direction: "OUTGOING" as const,
      type: "STUDY" as const,
      academicYear: "2025-2026",
      startDate: "2025-09-01",
      endDate: "2026-01-31",
    };
    const stamp = { source: "/services/students", subject, time: new Date("2026-02-01T00:00:00Z") };
    const planned = createEvent(mobilityPlanned, {
      ...stamp,
      id: uniqueName("evt"),
      sequence: 1,
      data: facts,
    });
    const completed = createEvent(mobilityCompleted, {
      ...stamp,
      id: uniqueName("evt"),
      sequence: 2,
      data: facts,
    });
    const producer = createIdempotentProducer(infra.kafka);
    await producer.connect();
    await producer.send({
      topic: prefixedTopic(infra.topicPrefix, mobilityCompleted.topic),
      acks: -1,
      messages: [planned, completed].map((event) => toKafkaMessage(event)),
    });
    await producer.disconnect();

    const handled: string[] = [];
    const consumer = await startConsumer({
      kafka: infra.kafka,
      groupId: uniqueName("group"),
      topicPrefix: infra.topicPrefix,
      contracts: [mobilityCompleted],
      connection: infra.connection,
      handle: async (event) => {
        handled.push(event.type);
      },
    });
    running.push(consumer);
    const deadLetters = await readTopic(infra.kafka, consumer.deadLetterTopic);
    running.push(deadLetters);

    await expectEventually(() => expect(handled).toEqual(["students.mobility.completed.v1"]));
    expect(deadLetters.messages).toEqual([]);
  });
});
