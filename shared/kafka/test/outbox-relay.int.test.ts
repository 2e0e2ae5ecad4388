import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { Schema } from "mongoose";
import type { Connection } from "mongoose";
import type { Kafka } from "kafkajs";
import { connectMongo } from "@intl/mongo";
import { expectEventually, uniqueName } from "@intl/testing";
import {
  createKafka,
  ensureTopics,
  OutboxRelay,
  outboxPlugin,
  prefixedTopic,
  withEvents,
  withEventsInDocument,
} from "../src/index.ts";
import type { OutboxEntry } from "../src/index.ts";
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
    const restarted = new OutboxRelay({ kafka, models: [notes()], topicPrefix, pollIntervalMs: 200 });
    cleanups.push(() => restarted.stop());
    await restarted.start();

    await expectEventually(() => expect(reader.messages).toHaveLength(2));
    expect(reader.messages.map((message) => message.value)).toEqual(
      stored.map((entry) => JSON.stringify(entry.envelope)),
    );
    expect(reader.messages.map((message) => message.key)).toEqual(["note-crash", "note-crash"]);
    expect(new Set(reader.messages.map((message) => message.partition)).size).toBe(1);
    expect(reader.messages[0]?.headers).toMatchObject({
      "ce-type": noteWritten.type,
      "ce-id": stored[0]?._id,
    });
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

  it("publishes right after a nudge instead of waiting for the next poll", async () => {
    const reader = await readTopic(kafka, topic);
    cleanups.push(reader.stop);
    const relay = new OutboxRelay({ kafka, models: [notes()], topicPrefix, pollIntervalMs: 600_000 });
    cleanups.push(() => relay.stop());
    await relay.start();
    await expectEventually(async () =>
      expect(await notes().countDocuments({ "_outbox.0": { $exists: true } })).toBe(0),
    );

    const [created, edited] = await writeNoteTwice("note-nudged");
    relay.nudge();

    await expectEventually(() =>
      expect(
        reader.messages
          .filter((message) => message.key === "note-nudged")
          .map((message) => JSON.parse(message.value ?? "")),
      ).toEqual([created, edited]),
    );
  });
});
