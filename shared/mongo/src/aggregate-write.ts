import { DomainError, ErrorKind } from "@intl/errors";
import { MongoKitErrorReason } from "./errors.ts";
import type { AnyModel } from "./model-types.ts";
import { isDuplicateKeyError } from "./store-errors.ts";
import { documentKey } from "./write-queue.ts";
import type { WriteQueue } from "./write-queue.ts";

/**
 * How a write carries its events: in the same single-document update as the
 * change, then a nudge to the relay. `@intl/kafka`'s `aggregateOutbox` is the
 * one implementation (this kit cannot import the outbox: the outbox imports it).
 */
export interface AggregateOutbox<Event> {
  /** `update` plus `events` appended to the document's outbox (and its pending marker). */
  withEvents(update: Record<string, unknown>, events: readonly Event[], now: Date): Record<string, unknown>;
  /** A new document with its first `events` already in its outbox. */
  withEventsInDocument<D extends object>(document: D, events: readonly Event[], now: Date): D;
  /** Tells the relay the document's outbox just got events: it publishes them at once. */
  queued(model: AnyModel, id: string): void;
}

/** What `decide` chose: the state after the change, how it is stored, and what it publishes. */
export interface AggregateDecision<State, Event> {
  /** The state after the change: what the write returns. */
  next: State;
  /** The stored fields the change sets; `version` is the read version + 1 unless set here. */
  set: Record<string, unknown>;
  /** One element appended to each named array. */
  push?: Record<string, unknown>;
  /** The events it publishes, written with it into the document's outbox. */
  events?: readonly Event[];
}

/** A change told as fields: what it sets, one element appended per named array, its events. */
export interface FieldChange<State, Event> {
  set: Partial<State>;
  push?: Record<string, unknown>;
  /** Its events, from the state it leads to; `sequence` is that state's version. */
  events?: (next: State, sequence: number) => readonly Event[];
}

/**
 * The decision for a `FieldChange` of a stored document (`null`: nothing to write):
 * the next state is the current one with the fields set, the elements appended and
 * the version + 1, without reading it back.
 */
export function fieldDecision<State extends { version: number }, Event>(
  current: State,
  change: FieldChange<State, Event> | null,
): AggregateDecision<State, Event> | null {
  if (!change) return null;
  const sequence = current.version + 1;
  const appended = Object.fromEntries(
    Object.entries(change.push ?? {}).map(([key, value]) => [
      key,
      [...(((current as Record<string, unknown>)[key] as unknown[] | undefined) ?? []), value],
    ]),
  );
  const next = { ...current, ...change.set, ...appended, version: sequence };
  return {
    next,
    set: change.set,
    ...(change.push ? { push: change.push } : {}),
    events: change.events?.(next, sequence) ?? [],
  };
}

/** Link documents derived from the aggregate (see `derivedLinks`), written in the same write-queue turn. */
export interface LinksOf<State> {
  sync(state: State): Promise<void>;
}

/** One read-decide-write of an aggregate document. */
export interface AggregateUpdate<State extends { version: number }, Event> {
  /** The aggregate as stored now; throws its own error when it is missing or hidden from the viewer. */
  load(): Promise<State>;
  /** The rules: pure, given the state read and the time. `null`: nothing to write (the state read is returned). */
  decide(current: State, now: Date): AggregateDecision<State, Event> | null;
  /** Its link documents: marked pending by the write itself, derived right after it (see `derivedLinks`). */
  links?: LinksOf<State>;
  /** What must follow the write in the same write-queue turn (e.g. copies of its fields elsewhere). */
  afterWrite?: (next: State) => Promise<void>;
}

export interface AggregateWriterOptions<Event> {
  /** The service's one write queue, shared with its outbox relay. */
  writeQueue: WriteQueue;
  outbox: AggregateOutbox<Event>;
  clock: () => Date;
  /** How many stale attempts before CONFLICT. */
  attempts?: number;
}

/** Tries of one write before it answers CONFLICT (`CONCURRENT_CHANGE`). */
export const AGGREGATE_WRITE_ATTEMPTS = 5;

/** The top-level marker of an owner whose link documents are not yet derived from its last write. */
export const LINKS_PENDING = "linksPending";

/**
 * The one way a service writes an aggregate document (and its events):
 *
 * load → decide (pure) → one single-document update guarded by the version read,
 * carrying the change, the version + 1 and the events in the document's outbox;
 * each attempt in the document's write-queue turn (FerretDB does not isolate
 * concurrent updates of one document); an attempt that finds the document
 * changed (by another process) starts over on fresh state, and after
 * `attempts` of them the write answers CONFLICT with reason `CONCURRENT_CHANGE`.
 * The relay is nudged once the events are stored.
 */
export function createAggregateWriter<Event>(options: AggregateWriterOptions<Event>) {
  const { writeQueue, outbox, clock } = options;
  const attempts = options.attempts ?? AGGREGATE_WRITE_ATTEMPTS;

  return {
    async update<State extends { version: number }>(
      model: AnyModel,
      id: string,
      step: AggregateUpdate<State, Event>,
    ): Promise<State> {
      const key = documentKey(model.collection.collectionName, id);
      for (let tries = 0; tries < attempts; tries++) {
        const outcome = await writeQueue.run(key, async () => {
          const current = await step.load();
          const now = clock();
          const decision = step.decide(current, now);
          if (!decision) return { written: true, state: current, events: 0 } as const;
          const events = decision.events ?? [];
          const set = {
            version: current.version + 1,
            ...decision.set,
            ...(step.links ? { [LINKS_PENDING]: true } : {}),
          };
          const change = { $set: set, ...(decision.push ? { $push: decision.push } : {}) };
          const result = await model
            .updateOne(
              { _id: id, version: current.version },
              events.length > 0 ? outbox.withEvents(change, events, now) : change,
            )
            .exec();
          if (result.matchedCount === 0) return { written: false } as const;
          await step.links?.sync(decision.next);
          await step.afterWrite?.(decision.next);
          return { written: true, state: decision.next, events: events.length } as const;
        });
        if (!outcome.written) continue;
        if (outcome.events > 0) outbox.queued(model, id);
        return outcome.state;
      }
      throw new DomainError(
        ErrorKind.CONFLICT,
        MongoKitErrorReason.CONCURRENT_CHANGE,
        `${model.modelName} ${id} kept changing while this change was being applied; try again.`,
      );
    },

    /** Inserts a new aggregate document with its first events (in its write-queue turn, with its links). */
    async insert<D extends { _id: string }>(
      model: AnyModel,
      document: D,
      insert: { events?: readonly Event[]; links?: LinksOf<D>; duplicate?: () => Error } = {},
    ): Promise<void> {
      const events = insert.events ?? [];
      await writeQueue.run(documentKey(model.collection.collectionName, document._id), async () => {
        const stored = insert.links ? { ...document, [LINKS_PENDING]: true } : document;
        try {
          await model.create(
            events.length > 0 ? outbox.withEventsInDocument(stored, events, clock()) : stored,
          );
        } catch (error) {
          if (insert.duplicate && isDuplicateKeyError(error)) throw insert.duplicate();
          throw error;
        }
        await insert.links?.sync(document);
      });
      if (events.length > 0) outbox.queued(model, document._id);
    },
  };
}

export type AggregateWriter<Event> = ReturnType<typeof createAggregateWriter<Event>>;
