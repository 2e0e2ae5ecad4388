import { Schema } from "mongoose";
import type { Connection, Model } from "mongoose";

/**
 * Faculty members the research service mentioned in its events (as the lead of a
 * collaboration): ids only. The seed picks demo panels from it; panels are never
 * checked against it (a faculty member need not lead anything to interview).
 */
export interface KnownFacultyDocument {
  _id: string;
  firstSeenAt: Date;
}

const knownFacultySchema = new Schema<KnownFacultyDocument>(
  {
    _id: { type: String, required: true },
    firstSeenAt: { type: Date, required: true },
  },
  { collection: "known_faculty", autoIndex: false, versionKey: false },
);

export function knownFacultyModel(connection: Connection): Model<KnownFacultyDocument> {
  return connection.model<KnownFacultyDocument>("KnownFaculty", knownFacultySchema);
}
