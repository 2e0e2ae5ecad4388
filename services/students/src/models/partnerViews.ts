import { Schema } from "mongoose";
import type { Connection, Model } from "mongoose";
import { isDuplicateKeyError } from "@intl/mongo";
import type { AgreementView } from "../domain/agreements.ts";

/**
 * Read models of the partnerships service's institutions and agreements,
 * filled by its events, never by calling it. Each document keeps the
 * `sequence` of the event it reflects; an event is applied only when newer.
 */
export interface AgreementViewRecord extends AgreementView {
  _id: string;
  sequence: number;
  updatedAt: Date;
}

export interface InstitutionViewRecord {
  _id: string;
  name: string;
  countryCode: string;
  city: string | null;
  sequence: number;
  updatedAt: Date;
}

const agreementViewSchema = new Schema<AgreementViewRecord>(
  {
    _id: { type: String, required: true },
    agreementId: { type: String, required: true },
    institutionId: { type: String, required: true },
    countryCode: { type: String, required: true },
    type: { type: String, required: true },
    status: { type: String, required: true },
    programmeCodes: { type: [String], default: [] },
    eqfLevels: { type: [Number], default: [] },
    seatsOutgoingPerYear: { type: Number, required: true },
    seatsIncomingPerYear: { type: Number, required: true },
    firstAcademicYear: { type: String, required: true },
    lastAcademicYear: { type: String, required: true },
    sequence: { type: Number, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false, collection: "agreement_views" },
);
agreementViewSchema.index({ institutionId: 1, status: 1 });
agreementViewSchema.index({ status: 1 });

const institutionViewSchema = new Schema<InstitutionViewRecord>(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    countryCode: { type: String, required: true },
    city: { type: String, default: null },
    sequence: { type: Number, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false, collection: "institution_views" },
);
institutionViewSchema.index({ countryCode: 1 });

export type AgreementViewModel = Model<AgreementViewRecord>;
export type InstitutionViewModel = Model<InstitutionViewRecord>;

export function agreementViewModel(connection: Connection): AgreementViewModel {
  return connection.model<AgreementViewRecord>("AgreementView", agreementViewSchema);
}

export function institutionViewModel(connection: Connection): InstitutionViewModel {
  return connection.model<InstitutionViewRecord>("InstitutionView", institutionViewSchema);
}

/**
 * Writes `snapshot` as of `sequence` unless the stored view is as new or
 * newer: duplicates and out-of-order deliveries change nothing. Returns
 * whether it was applied.
 */
export async function applyNewerSnapshot<T extends { _id: string; sequence: number }>(
  model: Model<T>,
  id: string,
  sequence: number,
  snapshot: Omit<T, "_id" | "sequence">,
): Promise<boolean> {
  try {
    const result = await model
      .updateOne(
        { _id: id, sequence: { $lt: sequence } } as never,
        { $set: { ...snapshot, sequence } } as never,
        { upsert: true },
      )
      .exec();
    return result.modifiedCount + result.upsertedCount > 0;
  } catch (error) {
    // The upsert met a stored view with a sequence as new or newer (same `_id`): nothing to do.
    if (isDuplicateKeyError(error)) return false;
    throw error;
  }
}

export function toAgreementView(record: AgreementViewRecord): AgreementView {
  return {
    agreementId: record.agreementId,
    institutionId: record.institutionId,
    countryCode: record.countryCode,
    type: record.type,
    status: record.status,
    programmeCodes: [...record.programmeCodes],
    eqfLevels: [...record.eqfLevels],
    seatsOutgoingPerYear: record.seatsOutgoingPerYear,
    seatsIncomingPerYear: record.seatsIncomingPerYear,
    firstAcademicYear: record.firstAcademicYear,
    lastAcademicYear: record.lastAcademicYear,
  };
}
