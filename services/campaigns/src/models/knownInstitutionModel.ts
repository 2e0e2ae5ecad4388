import { Schema } from "mongoose";
import type { Connection, Model } from "mongoose";

/** Read model of the partnerships service's institutions: where each one is. */
export interface KnownInstitutionDocument {
  _id: string;
  name: string;
  countryCode: string;
  /** `sequence` of the last event applied: older events are ignored. */
  sequence: number;
  updatedAt: Date;
}

const knownInstitutionSchema = new Schema<KnownInstitutionDocument>(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    countryCode: { type: String, required: true },
    sequence: { type: Number, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: "known_institutions", autoIndex: false, versionKey: false },
);
knownInstitutionSchema.index({ countryCode: 1 });

export function knownInstitutionModel(connection: Connection): Model<KnownInstitutionDocument> {
  return connection.model<KnownInstitutionDocument>("KnownInstitution", knownInstitutionSchema);
}
