import { CLOUDEVENTS_JSON_CONTENT_TYPE } from "@intl/events";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { Schema } from "mongoose";
import type { Connection } from "mongoose";
import type { Kafka } from "kafkajs";
import { connectMongo, createWriteQueue } from "@intl/mongo";
import { expectEventually, uniqueName } from "@intl/testing";
import {
  createKafka,
  ensureTopics,
  OUTBOX_PENDING,
  OutboxRelay,
  outboxEntries,
  outboxPlugin,
  pendingOutboxFilter,
  prefixedTopic,
  withEvents,
  withEventsInDocument,
} from "../src/index.ts";
import type { OutboxEntry, WriteQueueLike } from "../src/index.ts";
import { noteEvent, noteWritten } from "./note-events.ts";
import { readTopic } from "./topic-reader.ts";

interface Note {
  _id: string;
  text: string;
  version: number;
  _outbox: OutboxEntry[];
}

const topicPrefix = uniqueName("kit");
const topic = prefixedTopic(topicPrefix, noteWritten.topic);
let kafka: Kafka;
let connection: Connection;
const cleanups: (() => Promise<unknown>)[] = [];

function notes() {
  if (connection.models.Note) return connection.model<Note>("Note");
  const schema = new Schema<Note>({ _id: String, text: String, version: Number });
  schema.plugin(outboxPlugin);
  return connection.model<Note>("Note", schema);
}

beforeAll(async () => {
  kafka = createKafka({ clientId: topicPrefix, brokers: inject("kafkaBrokers") });
  connection = await connectMongo(inject("mongoUri"), uniqueName("db"));
  await ensureTopics(kafka, [noteWritten.topic], { prefix: topicPrefix, numPartitions: 3 });
});

afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

afterAll(async () => {
  await connection?.dropDatabase();
  await connection?.close();
});

/** The events read so far for one note, in order. */
function eventsOf(reader: { messages: { key: string | null; value: string | null }[] }, key: string) {
  return reader.messages
    .filter((message) => message.key === key)
    .map((message) => JSON.parse(message.value ?? ""));
}

/** The stored document as it is. */
function rawNote(id: string) {
  return notes().collection.findOne({ _id: id } as never);
}

/** A domain write with its events, through the kit's helpers: insert, then one update. */
async function writeNoteTwice(id: string) {
  const Notes = notes();
  const created = noteEvent(id, 1, "first draft");
  const edited = noteEvent(id, 2, "final text");
  await Notes.create(
    withEventsInDocument({ _id: id, text: "first draft", version: 1 }, [
      { contract: noteWritten, envelope: created },
    ]),
  );
  await Notes.updateOne(
    { _id: id, version: 1 },
    withEvents({ $set: { text: "final text" }, $inc: { version: 1 } }, [
      { contract: noteWritten, envelope: edited },
    ]),
  );
  return [created, edited];
}

describe("the outbox relay", () => {
  it("publishes, after a restart, the events a killed process had only written to the outbox", async () => {
    // The process that wrote these died before any relay ran: the events exist only in the document.
    await writeNoteTwice("note-crash");
    await notes().create({ _id: "note-quiet", text: "no news", version: 1 });
    const stored = (await notes().findById("note-crash").lean())?._outbox ?? [];
    expect(stored.map((entry) => entry.envelope.sequence)).toEqual([1, 2]);

    const reader = await readTopic(kafka, topic);
    cleanups.push(reader.stop);
    const restarted = new OutboxRelay({ kafka, models: [notes()], topicPrefix, scanIntervalMs: 600_000 });
    cleanups.push(() => restarted.stop());
    await restarted.start();

    await expectEventually(() => expect(reader.messages).toHaveLength(2));
    expect(reader.messages.map((message) => message.value)).toEqual(
      stored.map((entry) => JSON.stringify(entry.envelope)),
    );
    expect(reader.messages.map((message) => message.key)).toEqual(["note-crash", "note-crash"]);
    expect(new Set(reader.messages.map((message) => message.partition)).size).toBe(1);
    // CloudEvents Kafka binding, structured mode.
    expect(reader.messages[0]?.headers).toEqual({ "content-type": CLOUDEVENTS_JSON_CONTENT_TYPE });
    // Empty objects and absent optional fields travel as written (the store would otherwise drop or null them).
    expect(JSON.parse(reader.messages[0]?.value ?? "{}").data).toEqual({ text: "first draft", tags: {} });

    await expectEventually(async () =>
      expect((await notes().findById("note-crash").lean())?._outbox).toEqual([]),
    );
    expect(await notes().findById("note-crash").lean()).toMatchObject({ text: "final text", version: 2 });
  });

  it("removes only what it published, leaving events written meanwhile for the next scan", async () => {
    const [created] = await writeNoteTwice("note-pull");
    const relay = new OutboxRelay({ kafka, models: [notes()], topicPrefix });
    cleanups.push(() => relay.stop());
    expect(await relay.publishPending()).toBe(2);
    const late = noteEvent("note-pull", 3, "late edit");
    await notes().updateOne(
      { _id: "note-pull" },
      withEvents({ $inc: { version: 1 } }, [{ contract: noteWritten, envelope: late }]),
    );
    expect((await notes().findById("note-pull").lean())?._outbox.map((entry) => entry._id)).toEqual([
      late.id,
    ]);
    expect(await relay.publishPending()).toBe(1);
    expect(await relay.publishPending()).toBe(0);
    expect(created).toBeDefined();
  });

  it("marks a document pending in the write that queues its events, and unmarks it once they are published", async () => {
    await writeNoteTwice("note-marked");
    await notes().create({ _id: "note-unmarked", text: "no news", version: 1 });
    expect(await rawNote("note-marked")).toMatchObject({ [OUTBOX_PENDING]: true });
    expect(await rawNote("note-unmarked")).not.toHaveProperty(OUTBOX_PENDING);

    const relay = new OutboxRelay({ kafka, models: [notes()], topicPrefix });
    cleanups.push(() => relay.stop());
    await relay.publishPending();

    const published = await rawNote("note-marked");
    expect(published).toMatchObject({ _outbox: [], text: "final text" });
    expect(published).not.toHaveProperty(OUTBOX_PENDING);
    expect(await notes().find(pendingOutboxFilter).lean()).toEqual([]);
  });

  it("keeps the marker of a document whose outbox got an event while the relay was publishing", async () => {
    const id = "note-busy";
    await writeNoteTwice(id);
    const late = noteEvent(id, 3, "written while publishing");
    // The application's write, queued for the document before the relay's removal of what it sent.
    const queue = createWriteQueue();
    let appended = false;
    const writeQueue: WriteQueueLike = {
      async run(key, work) {
        if (!appended && key.endsWith(`/${id}`)) {
          appended = true;
          await queue.run(key, () =>
            notes()
              .updateOne(
                { _id: id },
                withEvents({ $inc: { version: 1 } }, [{ contract: noteWritten, envelope: late }]),
              )
              .exec(),
          );
        }
        return queue.run(key, work);
      },
    };
    const relay = new OutboxRelay({ kafka, models: [notes()], topicPrefix, writeQueue });
    cleanups.push(() => relay.stop());

    expect(await relay.publishPending()).toBe(2);
    expect(appended).toBe(true);
    const afterFirst = await rawNote(id);
    expect(afterFirst?._outbox.map((entry: OutboxEntry) => entry._id)).toEqual([late.id]);
    expect(afterFirst).toMatchObject({ [OUTBOX_PENDING]: true });

    expect(await relay.publishPending()).toBe(1);
    expect(await rawNote(id)).not.toHaveProperty(OUTBOX_PENDING);
  });

  it("publishes a nudged document at once, without waiting for the safety-net scan", async () => {
    const reader = await readTopic(kafka, topic);
    cleanups.push(reader.stop);
    // No scan in this test's lifetime but the one at start: only the nudge can publish the note.
    const relay = new OutboxRelay({ kafka, models: [notes()], topicPrefix, scanIntervalMs: 600_000 });
    cleanups.push(() => relay.stop());
    await relay.start();
    await relay.publishPending();

    const [created, edited] = await writeNoteTwice("note-nudged");
    relay.nudge({ model: notes(), id: "note-nudged" });

    await expectEventually(() => expect(eventsOf(reader, "note-nudged")).toEqual([created, edited]));
    await expectEventually(async () =>
      expect(await rawNote("note-nudged")).not.toHaveProperty(OUTBOX_PENDING),
    );
  });

  it("marks and publishes, at start, events written before the marker existed", async () => {
    const legacy = noteEvent("note-legacy", 1, "from an older version");
    // Written as the previous version of the kit did: events in the outbox, no marker.
    await notes().collection.insertOne({
      _id: "note-legacy",
      text: "from an older version",
      version: 1,
      _outbox: outboxEntries([{ contract: noteWritten, envelope: legacy }]),
    } as never);
    expect(await rawNote("note-legacy")).not.toHaveProperty(OUTBOX_PENDING);
    const reader = await readTopic(kafka, topic);
    cleanups.push(reader.stop);

    const relay = new OutboxRelay({ kafka, models: [notes()], topicPrefix, scanIntervalMs: 600_000 });
    cleanups.push(() => relay.stop());
    await relay.start();

    await expectEventually(() => expect(eventsOf(reader, "note-legacy")).toEqual([legacy]));
    await expectEventually(async () => expect(await rawNote("note-legacy")).toMatchObject({ _outbox: [] }));
    expect(await rawNote("note-legacy")).not.toHaveProperty(OUTBOX_PENDING);
  });

  it("publishes on stop what is still pending, then disconnects", async () => {
    const reader = await readTopic(kafka, topic);
    cleanups.push(reader.stop);
    const relay = new OutboxRelay({ kafka, models: [notes()], topicPrefix, scanIntervalMs: 600_000 });
    await relay.start();
    await relay.publishPending();

    // Queued and never announced: neither a nudge nor a scan will publish it before the stop.
    const [created, edited] = await writeNoteTwice("note-at-stop");
    await relay.stop();

    expect(await rawNote("note-at-stop")).toMatchObject({ _outbox: [] });
    expect(await rawNote("note-at-stop")).not.toHaveProperty(OUTBOX_PENDING);
    await expectEventually(() => expect(eventsOf(reader, "note-at-stop")).toEqual([created, edited]));
  });
});
