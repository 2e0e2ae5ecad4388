import { InMemorySpanExporter, inSpan, startTelemetry } from "@intl/telemetry";
import { describe, expect, it } from "vitest";
import { Schema } from "mongoose";
import { createEvent, defineEvent } from "@intl/events";
import { z } from "zod";
import mongoose from "mongoose";
import {
  OUTBOX_PENDING,
  outboxEntries,
  outboxPlugin,
  pendingOutboxFilter,
  withEvents,
  withEventsInDocument,
} from "./outbox.ts";
import type { OutboxEntry } from "./outbox.ts";
import { OutboxRelay } from "./outbox-relay.ts";
import { createKafka } from "./client.ts";

const noteAdded = defineEvent({
  type: "testing.note.added.v1",
  topic: "testing.note",
  description: "A note was added (test contract).",
  data: z.object({ text: z.string(), comment: z.string().optional(), extra: z.object({}) }),
});

const now = new Date("2025-03-01T10:00:00Z");
const envelope = createEvent(noteAdded, {
  id: "evt-1",
  source: "/services/testing",
  subject: "note-7",
  time: now,
  sequence: 2,
  data: { text: "hello", comment: undefined, extra: {} },
});

describe("outbox entries", () => {
  it("are keyed by the subject, identified by the event id and addressed to the contract topic", () => {
    const [entry] = outboxEntries([{ contract: noteAdded, envelope }], now);
    expect(entry).toMatchObject({ _id: "evt-1", topic: "testing.note", key: "note-7", createdAt: now });
  });

  it("hold the envelope as plain JSON: undefined fields gone, empty objects kept", () => {
    const [entry] = outboxEntries([{ topic: "testing.note", envelope }], now);
    expect(entry?.envelope).toEqual(JSON.parse(JSON.stringify(envelope)));
    expect(entry?.envelope.data).not.toHaveProperty("comment");
    expect(entry?.envelope.data).toHaveProperty("extra", {});
  });
});

describe("outbox entries and traces", () => {
  it("keep the trace context of the write that queued them, through the schema, for a later relay", async () => {
    const telemetry = startTelemetry({ serviceName: "test", exporter: new InMemorySpanExporter() });
    try {
      const [entry, traceparent] = await inSpan("test", "write", {}, async (span) => {
        const { traceId, spanId } = span.spanContext();
        return [outboxEntries([{ contract: noteAdded, envelope }], now)[0], `00-${traceId}-${spanId}-01`];
      });
      expect(entry?.traceContext).toEqual({ traceparent });
      const schema = new Schema({ _id: String }).plugin(outboxPlugin);
      const Note = mongoose
        .createConnection()
        .model<{ _id: string; _outbox: OutboxEntry[] }>("TracedNote", schema);
      // What the store is sent: the schema keeps the trace context (strict mode drops unknown paths).
      const inTrace = await inSpan("test", "write", {}, async () =>
        new Note(withEventsInDocument({ _id: "note-8" }, [{ contract: noteAdded, envelope }])).toObject(),
      );
      expect(inTrace._outbox[0]?.traceContext?.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    } finally {
      await telemetry.shutdown();
    }
  });

  it("carry no trace context when tracing is off", () => {
    expect(outboxEntries([{ contract: noteAdded, envelope }], now)[0]).not.toHaveProperty("traceContext");
  });
});

describe("an update with events", () => {
  it("pushes the events to the outbox and marks the document pending, in the same update as the change", () => {
    const update = withEvents(
      { $set: { text: "hello" }, $inc: { version: 1 } },
      [{ contract: noteAdded, envelope }],
      now,
    );
    expect(update).toEqual({
      $set: { text: "hello", _outboxPending: true },
      $inc: { version: 1 },
      $push: { _outbox: { $each: outboxEntries([{ contract: noteAdded, envelope }], now) } },
    });
  });

  it("marks the document pending even when the change sets nothing", () => {
    expect(withEvents({ $inc: { version: 1 } }, [{ contract: noteAdded, envelope }], now).$set).toEqual({
      _outboxPending: true,
    });
  });

  it("leaves the marker alone when there is no event to queue", () => {
    expect(withEvents({ $set: { text: "hello" } }, [], now).$set).toEqual({ text: "hello" });
    expect(withEvents({ $inc: { version: 1 } }, [], now)).not.toHaveProperty("$set");
  });

  it("treats a plain object as a $set, as mongoose does", () => {
    const update = withEvents({ text: "hello" }, [{ contract: noteAdded, envelope }], now);
    expect(update).toMatchObject({
      $set: { text: "hello", _outboxPending: true },
      $push: { _outbox: { $each: [{ _id: "evt-1" }] } },
    });
  });

  it("keeps the update's other pushes", () => {
    const update = withEvents({ $push: { notes: "n" } }, [{ contract: noteAdded, envelope }], now);
    expect(update.$push).toMatchObject({ notes: "n", _outbox: { $each: [{ _id: "evt-1" }] } });
  });

  it("refuses a second push to the outbox in one update", () => {
    const once = withEvents({}, [{ contract: noteAdded, envelope }], now);
    expect(() => withEvents(once, [{ contract: noteAdded, envelope }], now)).toThrow(
      /already pushes to _outbox/,
    );
  });
});

describe("a new document with events", () => {
  it("carries its first events in its outbox and is marked pending", () => {
    expect(
      withEventsInDocument({ _id: "note-7", version: 1 }, [{ contract: noteAdded, envelope }], now),
    ).toEqual({
      _id: "note-7",
      version: 1,
      _outbox: outboxEntries([{ contract: noteAdded, envelope }], now),
      _outboxPending: true,
    });
  });

  it("is not marked pending without events", () => {
    expect(withEventsInDocument({ _id: "note-7" }, [], now)).toEqual({ _id: "note-7", _outbox: [] });
  });
});

describe("the outbox plugin", () => {
  it("adds an empty outbox by default and indexes the top-level pending marker the relay filters on", () => {
    const schema = new Schema({ _id: String, text: String });
    schema.plugin(outboxPlugin);
    expect(schema.path("_outbox")).toBeDefined();
    expect(pendingOutboxFilter).toEqual({ [OUTBOX_PENDING]: true });
    expect(schema.indexes()).toContainEqual([{ [OUTBOX_PENDING]: 1 }, expect.anything()]);
  });
});

describe("an outbox relay", () => {
  it("refuses a model whose schema has no outbox, instead of silently publishing nothing", () => {
    const connection = mongoose.createConnection();
    const Plain = connection.model("Plain", new Schema({ _id: String }));
    const kafka = createKafka({ clientId: "t", brokers: ["127.0.0.1:1"] });
    expect(() => new OutboxRelay({ kafka, models: [Plain] })).toThrow(/Plain must use outboxPlugin/);
  });
});
