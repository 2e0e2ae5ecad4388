import type { Model } from "mongoose";
import { DomainError, ErrorKind } from "@intl/errors";
import { withEvents, withEventsInDocument } from "@intl/kafka";
import type { OutboxEvent } from "@intl/kafka";
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
      throw new DomainError(ErrorKind.CONFLICT, ResearchReason.ALREADY_EXISTS, `${model.modelName} ${document._id} already exists.`);
    }
    throw error;
  }
}

/**
 * Writes an aggregate's new state and its events in one single-document update,
 * guarded by the version it was read at (optimistic concurrency: no transactions).
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
