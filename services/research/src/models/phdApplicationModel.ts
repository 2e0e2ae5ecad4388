import { Schema } from "mongoose";
import type { Connection, Model } from "mongoose";
import { appliedEventsPlugin } from "@intl/mongo";

/**
 * Read model of the PhD applications of the students service, filled by
 * `students.application.*` events (PHD programme kind only): what lets a faculty
 * member add a nominated candidate to a position. No personal data: ids and facts.
 */
export interface KnownPhdApplicationDocument {
  _id: string;
  studentId: string;
  institutionId: string;
  countryCode: string;
  programmeCode: string;
  academicYear: string;
  /** SUBMITTED, ADMITTED, REJECTED, WAITLISTED, WITHDRAWN or ENROLLED, as last told. */
  status: string;
  sequence: number;
}

const knownPhdApplicationSchema = new Schema<KnownPhdApplicationDocument>(
  {
    _id: { type: String, required: true },
    studentId: { type: String, required: true },
    institutionId: { type: String, required: true },
    countryCode: { type: String, required: true },
    programmeCode: { type: String, required: true },
    academicYear: { type: String, required: true },
    status: { type: String, required: true },
    sequence: { type: Number, required: true },
  },
  { collection: "known_phd_applications", autoIndex: false, versionKey: false },
);
knownPhdApplicationSchema.plugin(appliedEventsPlugin);

export function knownPhdApplicationModel(connection: Connection): Model<KnownPhdApplicationDocument> {
  return connection.model<KnownPhdApplicationDocument>("KnownPhdApplication", knownPhdApplicationSchema);
}
