import { Schema } from "mongoose";
import { createEvent } from "@intl/events";
import type { EventContract, EventEnvelope } from "@intl/events";
import { allowUnindexedQuery } from "@intl/mongo";
import { currentTraceContext } from "@intl/telemetry";
import type { TraceContext } from "@intl/telemetry";

/**
 * One event waiting in its aggregate document to be published. It was written
 * in the same single-document update as the change it describes, so the change
 * and the promise to publish it are atomic without transactions.
 */
export interface OutboxEntry {
  /** The event id. */
  _id: string;
  /** Contract topic, before the deployment prefix. */
  topic: string;
  /** Kafka key: the envelope's subject, so an aggregate's events share a partition and stay in order. */
  key: string;
  envelope: EventEnvelope;
  createdAt: Date;
  /**
   * The trace of the write that queued the event (when tracing is on): the relay
   * publishes under it, even much later or from another process, so the event's
   * consumers join the trace of the request that caused it.
   */
  traceContext?: TraceContext;
}

/** An envelope and where it goes: its contract (from `@intl/events`) or just the contract's topic. */
export type OutboxEvent =
  { contract: { topic: string }; envelope: EventEnvelope } | { topic: string; envelope: EventEnvelope };

/** What an event needs besides its source, subject and data: a fresh id, the time, the aggregate's version after the change. */
export interface EventStamp {
  id: string;
  time: Date;
  sequence: number;
}

/**
 * A service's event factory (`source`: `/services/<name>`): one outbox event of `contract` about
 * `subject` (the aggregate's id), its data checked against the contract at once.
 */
export function eventFactory(source: string) {
  return <C extends EventContract>(
    contract: C,
    subject: string,
    stamp: EventStamp,
    data: Parameters<typeof createEvent<C>>[1]["data"],
  ): OutboxEvent => ({ contract, envelope: createEvent(contract, { ...stamp, source, subject, data }) });
}

/**
 * Top-level marker of a document whose outbox holds events: set by the same
 * single-document write that appends them (`withEvents`, `withEventsInDocument`),
 * removed by the relay once it has emptied the outbox. The relay finds pending
 * documents by this equality, which the store answers from an index: FerretDB 1.24
 * pushes down top-level equality on an indexed field, never a filter on a field
 * inside the `_outbox` array, so a filter on `_outbox` reads every document.
 */
export const OUTBOX_PENDING = "_outboxPending";

/** Documents with events waiting in their outbox (an indexed top-level equality). */
export const pendingOutboxFilter = { [OUTBOX_PENDING]: true } as const;

/**
 * Documents whose outbox holds events written before the marker existed (and so
 * without it). The relay runs it once at start to mark them; the store reads every
 * document of the collection for it.
 */
export const unmarkedOutboxFilter = { "_outbox._id": { $gt: "" }, [OUTBOX_PENDING]: { $ne: true } } as const;

const outboxEntrySchema = new Schema<OutboxEntry>(
  {
    _id: { type: String, required: true },
    topic: { type: String, required: true },
    key: { type: String, required: true },
    envelope: { type: Schema.Types.Mixed, required: true },
    createdAt: { type: Date, required: true },
    traceContext: {
      type: new Schema<TraceContext>({ traceparent: String, tracestate: String }, { _id: false }),
      required: false,
    },
  },
  // Mongoose would otherwise drop empty objects inside the envelope on insert and publish something else.
  { minimize: false },
);

/**
 * Adds the `_outbox` array (default empty) of pending events to an aggregate
 * schema, its pending marker (see `OUTBOX_PENDING`) and the marker's index, by
 * which the relay finds documents with pending events. (Not `select: false` to keep
 * the marker out of reads: mongoose then sends a projection with `findAndModify`,
 * which FerretDB 1.24 refuses.)
 */
export function outboxPlugin(schema: Schema): void {
  schema.add({
    _outbox: { type: [outboxEntrySchema], default: [] },
    [OUTBOX_PENDING]: { type: Boolean },
  });
  schema.index({ [OUTBOX_PENDING]: 1 });
  allowUnindexedQuery(schema, {
    filter: Object.keys(unmarkedOutboxFilter),
    reason: "the relay's one-time marking, at start, of outboxes written before the pending marker existed",
  });
}

/**
 * Turns envelopes into outbox entries. Each envelope is reduced to plain JSON
 * first, so what is stored is exactly what will be published (no `undefined`
 * turned into `null` by the store, no class instances). Each entry keeps the
 * active trace context, if any (see `OutboxEntry.traceContext`).
 */
export function outboxEntries(events: readonly OutboxEvent[], now: Date = new Date()): OutboxEntry[] {
  const traceContext = currentTraceContext();
  return events.map((event) => {
    const envelope = JSON.parse(JSON.stringify(event.envelope)) as EventEnvelope;
    return {
      _id: envelope.id,
      topic: "contract" in event ? event.contract.topic : event.topic,
      key: envelope.subject,
      envelope,
      createdAt: now,
      ...(traceContext ? { traceContext } : {}),
    };
  });
}

type UpdateWithOutbox<U> = U & { $push: Record<string, unknown>; $set?: Record<string, unknown> };

/**
 * Adds `events` to a mongoose update (`$set` the change, `$inc` the version)
 * as a `$push` to `_outbox` and a `$set` of the pending marker, so the change,
 * its events and the marker are written by the same single-document update. A
 * plain object without operators is treated as a `$set`, like mongoose does.
 *
 *     await Agreement.updateOne({ _id, version }, withEvents({ $set: { status }, $inc: { version: 1 } }, [
 *       { contract: agreementTerminated, envelope },
 *     ]));
 */
export function withEvents<U extends object>(
  update: U,
  events: readonly OutboxEvent[],
  now: Date = new Date(),
): UpdateWithOutbox<U> {
  const operators = Object.keys(update).some((key) => key.startsWith("$"))
    ? ({ ...update } as Record<string, unknown>)
    : Object.keys(update).length > 0
      ? { $set: update }
      : {};
  const push = (operators.$push ?? {}) as Record<string, unknown>;
  if ("_outbox" in push)
    throw new Error("withEvents: the update already pushes to _outbox; pass every event in one call");
  const set = (operators.$set ?? {}) as Record<string, unknown>;
  const marked = events.length > 0 ? { ...set, [OUTBOX_PENDING]: true } : set;
  return {
    ...operators,
    ...(Object.keys(marked).length > 0 ? { $set: marked } : {}),
    $push: { ...push, _outbox: { $each: outboxEntries(events, now) } },
  } as UpdateWithOutbox<U>;
}

/** For inserts: the new document with its first events already in its outbox, and marked pending. */
export function withEventsInDocument<D extends object>(
  document: D,
  events: readonly OutboxEvent[],
  now: Date = new Date(),
): D & { _outbox: OutboxEntry[] } {
  return {
    ...document,
    _outbox: outboxEntries(events, now),
    ...(events.length > 0 ? { [OUTBOX_PENDING]: true } : {}),
  };
}
