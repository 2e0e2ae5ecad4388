import type { Model, UpdateQuery } from "mongoose";
import { documentKey } from "@intl/mongo";
import type { AnyModel, WriteQueue } from "@intl/mongo";

/**
 * Optimistic concurrency on one aggregate document: the update (with its
 * outbox events) applies only if the document is still at `version`, and
 * moves it to `version + 1`. False when someone changed it meanwhile.
 */
export async function updateAtVersion<T extends { _id: string; version: number }>(
  model: Model<T>,
  id: string,
  version: number,
  update: UpdateQuery<T>,
): Promise<boolean> {
  const withVersion = {
    ...update,
    $inc: { ...((update as { $inc?: object }).$inc ?? {}), version: 1 },
  } as UpdateQuery<T>;
  const result = await model.updateOne({ _id: id, version } as never, withVersion).exec();
  return result.modifiedCount === 1;
}

/** The arrays of `record` after a `$push` of one element each, to return the new state without reading it back. */
export function appended<T extends object>(record: T, push: Record<string, unknown> | undefined): Partial<T> {
  if (!push) return {};
  return Object.fromEntries(
    Object.entries(push).map(([key, value]) => [
      key,
      [...((record as Record<string, unknown[]>)[key] ?? []), value],
    ]),
  ) as Partial<T>;
}

/**
 * Runs one read-decide-write of the aggregate document `id` in the service's
 * write queue (@intl/mongo's `createWriteQueue`): after every earlier write to
 * that document in this process, the outbox relay's removal of published events
 * included. FerretDB, the dev and test store, does not isolate concurrent
 * updates of one document (a version guard can match twice, a relay `$pop` can
 * overwrite a change); across processes, the version guard protects it.
 */
export function inWriteQueue<T>(
  writeQueue: WriteQueue,
  model: AnyModel,
  id: string,
  work: () => Promise<T>,
): Promise<T> {
  return writeQueue.run(documentKey(model.collection.collectionName, id), work);
}
