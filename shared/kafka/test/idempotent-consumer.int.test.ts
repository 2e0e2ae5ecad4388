import { afterEach, describe, expect, it } from "vitest";
import { Schema } from "mongoose";
import { expectEventually, uniqueName } from "@intl/testing";
import { OutboxRelay, withEvents, outboxPlugin, withEventsInDocument } from "../src/index.ts";
import type { RunningConsumer } from "../src/index.ts";
import { useKitInfra } from "./kit-infra.ts";
import { noteEvent, noteWritten, produceRaw, startNoteConsumer } from "./note-events.ts";
import type { NoteWritten } from "./note-events.ts";

const infra = useKitInfra();
const running: { stop(): Promise<void> }[] = [];

afterEach(async () => {
  while (running.length > 0) await running.pop()?.stop();
});

/** A deliberately non-idempotent effect: one document per handling, so duplicates would show. */
async function recordEffect(event: NoteWritten) {
  await infra.effects().insertOne({ eventId: event.id, text: event.data.text });
}

async function effectsOf(eventId: string) {
  return infra.effects().countDocuments({ eventId });
}

/** Records in `handled` the ids of the events of `subject` the handler ran for (the topic holds other tests' events too). */
async function startRecordingConsumer(
  groupId: string,
  subject: string,
  handled: string[],
): Promise<RunningConsumer> {
  const consumer = await startNoteConsumer(infra, {
    groupId,
    handle: async (event) => {
      if (event.subject === subject) handled.push(event.id);
      await recordEffect(event);
    },
  });
  running.push(consumer);
  return consumer;
}

describe("an idempotent consumer", () => {
  it("has the effect of an event once although the relay published it twice", async () => {
    const Notes = infra.connection.model(
      "Note",
      new Schema({ _id: String, text: String, version: Number }).plugin(outboxPlugin),
    );
    const duplicated = noteEvent("note-dup", 1, "published twice");
    const next = noteEvent("note-dup", 2, "published once");
    await Notes.create(
      withEventsInDocument({ _id: "note-dup", text: "x", version: 1 }, [
        { contract: noteWritten, envelope: duplicated },
      ]),
    );
    const relay = new OutboxRelay({ kafka: infra.kafka, models: [Notes], topicPrefix: infra.topicPrefix });
    running.push(relay);
    expect(await relay.publishPending()).toBe(1);
    // A relay that died after publishing but before removing the entry publishes it again after restart.
    await Notes.updateOne(
      { _id: "note-dup" },
      withEvents({}, [
        { contract: noteWritten, envelope: duplicated },
        { contract: noteWritten, envelope: next },
      ]),
    );
    expect(await relay.publishPending()).toBe(2);

    const handled: string[] = [];
    await startRecordingConsumer(uniqueName("group"), "note-dup", handled);

    // Same key, same partition: once `next` is handled, both copies of `duplicated` were delivered.
    await expectEventually(async () => expect(await effectsOf(next.id)).toBe(1));
    expect(await effectsOf(duplicated.id)).toBe(1);
    expect(handled).toEqual([duplicated.id, next.id]);
  });

  it("has no second effect when the whole topic is redelivered to the group", async () => {
    const events = [noteEvent("note-replay", 1, "one"), noteEvent("note-replay", 2, "two")];
    await produceRaw(infra.kafka, infra.topicPrefix, "note-replay", events);
    const groupId = uniqueName("group");
    const handled: string[] = [];
    const first = await startRecordingConsumer(groupId, "note-replay", handled);
    await expectEventually(async () => expect(await effectsOf(events[1]!.id)).toBe(1));
    await first.stop();

    // Rewind the group to the beginning of the topic: everything is delivered again.
    const admin = infra.kafka.admin();
    await admin.connect();
    try {
      for (const topic of first.topics)
        await admin.resetOffsets({ groupId: first.kafkaGroupId, topic, earliest: true });
    } finally {
      await admin.disconnect();
    }
    const after = noteEvent("note-replay", 3, "three");
    await produceRaw(infra.kafka, infra.topicPrefix, "note-replay", [after]);
    await startRecordingConsumer(groupId, "note-replay", handled);

    await expectEventually(async () => expect(await effectsOf(after.id)).toBe(1));
    expect(await effectsOf(events[0]!.id)).toBe(1);
    expect(await effectsOf(events[1]!.id)).toBe(1);
    expect(handled).toEqual([...events.map((event) => event.id), after.id]);
  });

  it("keeps one ledger per group: another group applies the same event to its own read model", async () => {
    const shared = noteEvent("note-groups", 1, "seen by two groups");
    await produceRaw(infra.kafka, infra.topicPrefix, "note-groups", [shared]);
    const a: string[] = [];
    const b: string[] = [];
    await startRecordingConsumer(uniqueName("group"), "note-groups", a);
    await startRecordingConsumer(uniqueName("group"), "note-groups", b);
    await expectEventually(() => {
      expect(a).toEqual([shared.id]);
      expect(b).toEqual([shared.id]);
    });
  });
});
