import type { Model } from "mongoose";
import { DomainError, ErrorKind } from "@intl/errors";
import { withEvents, withEventsInDocument } from "@intl/kafka";
import type { OutboxEvent } from "@intl/kafka";
import { documentKey } from "@intl/mongo";
import type { AnyModel, WriteQueue } from "@intl/mongo";
import { ResearchReason } from "../domain/errors.ts";

export function isDuplicateKeyError(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === 11000;
}

/** Inserts a new aggregate document with its first events already in its outbox. */
export async function insertAggregate<D extends { _id: string }>(
  model: Model<D>,
  document: D,
  events: readonly OutboxEvent[],
  now: Date,
): Promise<void> {
  try {
    await model.create(events.length > 0 ? withEventsInDocument(document, events, now) : document);
  } catch (error) {
    if (isDuplicateKeyError(error)) {
      throw new DomainError(
        ErrorKind.CONFLICT,
        ResearchReason.ALREADY_EXISTS,
        `${model.modelName} ${document._id} already exists.`,
      );
    }
    throw error;
  }
}

/**
 * Runs one read-decide-write of the aggregate document `id` in the service's write
 * queue: after every earlier write to that document in this process, the outbox
 * relay's removal of published events included. Why: FerretDB, the dev and test
 * store, does not isolate concurrent updates of one document, so a version guard
 * can match twice and a relay `$pop` can overwrite a change (see @intl/mongo's
 * `createWriteQueue`). Across processes, the version guard below protects it.
 */
export function inWriteQueue<T>(
  writeQueue: WriteQueue,
  model: AnyModel,
  id: string,
  work: () => Promise<T>,
): Promise<T> {
  return writeQueue.run(documentKey(model.collection.collectionName, id), work);
}

/**
 * Writes an aggregate's new state and its events in one single-document update,
 * guarded by the version it was read at (optimistic concurrency: no transactions).
 * Call it inside `inWriteQueue` with the read it decided on.
 */
export async function updateAggregate<D extends { _id: string }>(
  model: Model<D>,
  id: string,
  readAtVersion: number,
  fields: Partial<Omit<D, "_id">>,
  events: readonly OutboxEvent[],
  now: Date,
): Promise<void> {
  const update = events.length > 0 ? withEvents({ $set: fields }, events, now) : { $set: fields };
  const result = await model.updateOne({ _id: id, version: readAtVersion } as never, update as never).exec();
  if (result.matchedCount === 0) {
    throw new DomainError(
      ErrorKind.CONFLICT,
      ResearchReason.CONCURRENT_MODIFICATION,
      `${model.modelName} ${id} was changed by someone else meanwhile; read it again and retry.`,
    );
  }
}
