import type { QueryFilter, Schema, UpdateQuery } from "mongoose";
import type { AnyModel, RawDocumentOf } from "./model-types.ts";
import { allOf } from "./filters.ts";
import { isDuplicateKeyError } from "./store-errors.ts";

/** How many applied event ids a document remembers; older ones fall off. */
export const APPLIED_EVENTS_KEPT = 100;

/**
 * Declares `_appliedEvents` (the ids of the events already applied to a
 * read-model document, newest last, not selected by default). Add it to any
 * schema updated through `applyOnce`.
 */
export function appliedEventsPlugin(schema: Schema): void {
  schema.add({ _appliedEvents: { type: [String], default: undefined, select: false } });
}

export interface ApplyOnceOptions {
  /** Create the document when `filter` matches none (read models filled by events). */
  upsert?: boolean;
}

/**
 * Applies `update` to the one document matching `filter` unless the event
 * `eventId` was already applied to it, in a single-document atomic write that
 * also records the id. Returns true when applied, false when the event was
 * already applied (or, without `upsert`, when no document matches). Protects a
 * read model against an event redelivered after its effect was written but
 * before the consumer's ledger recorded it.
 */
export async function applyOnce<M extends AnyModel>(
  model: M,
  filter: QueryFilter<RawDocumentOf<M>>,
  update: UpdateQuery<RawDocumentOf<M>>,
  eventId: string,
  options: ApplyOnceOptions = {},
): Promise<boolean> {
  // Merged rather than `$and`-ed: an upsert takes the new document's `_id` from top-level equalities only.
  const guarded = (
    "_appliedEvents" in filter
      ? { $and: [filter, { _appliedEvents: { $ne: eventId } }] }
      : { ...filter, _appliedEvents: { $ne: eventId } }
  ) as QueryFilter<RawDocumentOf<M>>;
  const recorded = {
    ...asOperatorUpdate(update),
    $push: { ...((update as { $push?: Record<string, unknown> }).$push ?? {}), _appliedEvents: eventId },
  } as UpdateQuery<RawDocumentOf<M>>;
  // Without the plugin mongoose's strict mode would silently drop the `_appliedEvents` push.
  const strictness = model.schema.path("_appliedEvents") ? {} : { strict: false };
  let applied: boolean;
  try {
    const result = await model
      .updateOne(guarded, recorded, { upsert: options.upsert ?? false, ...strictness })
      .exec();
    applied = result.matchedCount + result.upsertedCount > 0;
  } catch (error) {
    // An upsert racing an already-applied document hits its unique `_id`: the event was applied.
    if (options.upsert && isDuplicateKeyError(error)) return false;
    throw error;
  }
  if (applied) await forgetOldestAppliedEvent(model, filter, strictness);
  return applied;
}

/**
 * Keeps the remembered ids bounded. A separate write rather than `$push`'s
 * `$slice`, which FerretDB silently ignores; losing it in a crash only leaves
 * one id too many until the next event.
 */
async function forgetOldestAppliedEvent(model: AnyModel, filter: object, strictness: { strict?: boolean }) {
  const overFull = { [`_appliedEvents.${APPLIED_EVENTS_KEPT}`]: { $exists: true } };
  // Merged, not `$and`: FerretDB pushes down the filter's `_id` only at the top level.
  await model
    .updateOne(
      allOf(filter as Record<string, unknown>, overFull),
      { $pop: { _appliedEvents: -1 } },
      strictness,
    )
    .exec();
}

/** A plain replacement-style object is a `$set` for `updateOne`; make that explicit before adding `$push`. */
function asOperatorUpdate(update: object): Record<string, unknown> {
  const keys = Object.keys(update);
  if (keys.length > 0 && keys.every((key) => !key.startsWith("$"))) return { $set: update };
  return { ...update };
}
