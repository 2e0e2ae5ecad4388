import { Schema } from "mongoose";
import type { Connection, Model } from "mongoose";
import { appliedEventsPlugin } from "@intl/mongo";

/**
 * Read model of the partner institutions, filled by `partnerships.institution.*`
 * events: enough to check that a collaboration's institutions exist and to count
 * collaborations by country. `sequence` is the institution's version as last applied.
 */
export interface KnownInstitutionDocument {
  _id: string;
  name: string;
  countryCode: string;
  city: string | null;
  sequence: number;
}

const knownInstitutionSchema = new Schema<KnownInstitutionDocument>(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    countryCode: { type: String, required: true },
    city: { type: String, default: null },
    sequence: { type: Number, required: true },
  },
  { collection: "known_institutions", autoIndex: false, versionKey: false },
);
knownInstitutionSchema.plugin(appliedEventsPlugin);

export function knownInstitutionModel(connection: Connection): Model<KnownInstitutionDocument> {
  return connection.model<KnownInstitutionDocument>("KnownInstitution", knownInstitutionSchema);
}
