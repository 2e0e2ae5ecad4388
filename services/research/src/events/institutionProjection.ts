import type { Model } from "mongoose";
import { applyOnce } from "@intl/mongo";
import type { EventOf, institutionCreated, institutionUpdated } from "@intl/events";
import type { KnownInstitutionDocument } from "../models/institutionModel.ts";

export type InstitutionEvent = EventOf<typeof institutionCreated> | EventOf<typeof institutionUpdated>;

/**
 * Keeps the institutions read model: an event applies only when newer than what is
 * held (its `sequence`), so duplicates and out-of-order deliveries change nothing.
 * An older event meeting a newer document fails the filter, tries to insert, and is
 * refused by the unique `_id`: that is `applyOnce` reporting "not applied".
 */
export async function applyInstitutionEvent(
  model: Model<KnownInstitutionDocument>,
  event: InstitutionEvent,
): Promise<boolean> {
  const { institutionId, name, countryCode, city } = event.data;
  return applyOnce(
    model,
    { _id: institutionId, sequence: { $lt: event.sequence } },
    { $set: { name, countryCode, city, sequence: event.sequence } },
    event.id,
    { upsert: true },
  );
}
