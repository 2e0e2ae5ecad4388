import { Schema } from "mongoose";
import type { Connection, Model } from "mongoose";
import type { FacultyState } from "../domain/faculty.ts";
import { researchDomains } from "../domain/vocabulary.ts";

export type FacultyDocument = Omit<FacultyState, "id"> & { _id: string };

const facultySchema = new Schema<FacultyDocument>(
  {
    _id: { type: String, required: true },
    firstName: { type: String, required: true },
    lastName: { type: String, required: true },
    email: { type: String, required: true },
    centreId: { type: String, required: true },
    domains: { type: [String], enum: researchDomains, required: true },
    languages: { type: [String], required: true },
    hdr: { type: Boolean, required: true },
    registeredAt: { type: Date, required: true },
    demo: { type: Boolean, default: false },
  },
  { collection: "faculty", autoIndex: false, versionKey: false },
);
facultySchema.index({ email: 1 }, { unique: true });
facultySchema.index({ centreId: 1, lastName: 1 });
facultySchema.index({ lastName: 1 });
facultySchema.index({ hdr: 1 });

export function facultyModel(connection: Connection): Model<FacultyDocument> {
  return connection.model<FacultyDocument>("Faculty", facultySchema);
}

export function facultyFromDocument(document: FacultyDocument): FacultyState {
  const { _id, ...rest } = document;
  return { id: _id, ...rest };
}
