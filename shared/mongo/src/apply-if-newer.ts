import type { QueryFilter, UpdateQuery } from "mongoose";
import type { AnyModel, RawDocumentOf } from "./model-types.ts";
import { isDuplicateKeyError } from "./store-errors.ts";

/**
 * Writes a read-model document `id` as of event `sequence` (its aggregate's version)
 * unless the stored one is as new or newer, so duplicates and out-of-order deliveries
 * change nothing: an upsert whose filter demands an older sequence. When the stored
 * document is as new or newer, the upsert collides with its `_id`: not applied.
 * Returns whether it was applied.
 */
export async function applyIfNewer<M extends AnyModel>(
  model: M,
  id: string,
  sequence: number,
  fields: Omit<RawDocumentOf<M>, "_id" | "sequence">,
): Promise<boolean> {
  try {
    const result = await model
      .updateOne(
        { _id: id, sequence: { $lt: sequence } } as QueryFilter<RawDocumentOf<M>>,
        { $set: { ...fields, sequence } } as UpdateQuery<RawDocumentOf<M>>,
        { upsert: true },
      )
      .exec();
    return result.matchedCount + result.upsertedCount > 0;
  } catch (error) {
    if (isDuplicateKeyError(error)) return false;
    throw error;
  }
}
