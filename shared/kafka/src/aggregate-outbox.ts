import { createAggregateWriter } from "@intl/mongo";
import type { AggregateOutbox, AggregateWriter, WriteQueue } from "@intl/mongo";
import { withEvents, withEventsInDocument } from "./outbox.ts";
import type { OutboxEvent } from "./outbox.ts";
import type { EventsQueued } from "./outbox-relay.ts";

/**
 * The outbox as @intl/mongo's aggregate writer (`createAggregateWriter`) uses it:
 * events `$push`ed into the document's `_outbox` with its pending marker, in the
 * same update as the change, then `eventsQueued` tells the relay.
 */
export function aggregateOutbox(eventsQueued: EventsQueued): AggregateOutbox<OutboxEvent> {
  return {
    withEvents: (update, events, now) => withEvents(update, events, now),
    withEventsInDocument: (document, events, now) => withEventsInDocument(document, events, now),
    queued: (model, id) => eventsQueued({ model, id }),
  };
}

/** A service's aggregate writer on its write queue, its outbox and its clock. */
export function createOutboxWriter(deps: {
  writeQueue: WriteQueue;
  eventsQueued: EventsQueued;
  clock: () => Date;
}): AggregateWriter<OutboxEvent> {
  return createAggregateWriter({
    writeQueue: deps.writeQueue,
    outbox: aggregateOutbox(deps.eventsQueued),
    clock: deps.clock,
  });
}
