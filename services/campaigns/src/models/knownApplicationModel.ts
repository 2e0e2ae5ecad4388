import { Schema } from "mongoose";
import type { Connection, Model } from "mongoose";
import { ApplicationStatus } from "../domain/applicationProgress.ts";
import type { KnownApplication } from "../domain/applicationProgress.ts";

/**
 * Read model of the students service's applications, filled by its events. It
 * keeps ids and facts, no personal data; the student id (a pseudonymous link
 * to the person) is dropped when the student is erased.
 */
export interface KnownApplicationDocument extends Omit<KnownApplication, "id"> {
  _id: string;
  studentId: string | null;
  programmeKind: string;
  /** `sequence` of the last event applied: older events are ignored. */
  sequence: number;
  studentErasedAt: Date | null;
  updatedAt: Date;
}

const knownApplicationSchema = new Schema<KnownApplicationDocument>(
  {
    _id: { type: String, required: true },
    studentId: { type: String, default: null },
    institutionId: { type: String, required: true },
    countryCode: { type: String, required: true },
    programmeCode: { type: String, required: true },
    programmeKind: { type: String, required: true },
    academicYear: { type: String, required: true },
    requiresInterview: { type: Boolean, required: true },
    status: { type: String, enum: Object.values(ApplicationStatus), required: true },
    sequence: { type: Number, required: true },
    studentErasedAt: { type: Date, default: null },
    updatedAt: { type: Date, required: true },
  },
  { collection: "known_applications", autoIndex: false, versionKey: false },
);
// Back-filling a new campaign's pipeline: applications of its country and intake.
knownApplicationSchema.index({ countryCode: 1, academicYear: 1, status: 1 });
knownApplicationSchema.index({ studentId: 1 });

export function knownApplicationModel(connection: Connection): Model<KnownApplicationDocument> {
  return connection.model<KnownApplicationDocument>("KnownApplication", knownApplicationSchema);
}

export function knownApplicationFromDocument(document: KnownApplicationDocument): KnownApplication {
  return {
    id: document._id,
    institutionId: document.institutionId,
    countryCode: document.countryCode,
    programmeCode: document.programmeCode,
    academicYear: document.academicYear,
    requiresInterview: document.requiresInterview,
    status: document.status,
  };
}

/**
 * Students erased, by id: an application event replayed or delivered after the
 * erasure (the topics are not ordered with each other) must not bring the link back.
 */
export interface ErasedStudentDocument {
  _id: string;
  erasedAt: Date;
}

const erasedStudentSchema = new Schema<ErasedStudentDocument>(
  {
    _id: { type: String, required: true },
    erasedAt: { type: Date, required: true },
  },
  { collection: "erased_students", autoIndex: false, versionKey: false },
);

export function erasedStudentModel(connection: Connection): Model<ErasedStudentDocument> {
  return connection.model<ErasedStudentDocument>("ErasedStudent", erasedStudentSchema);
}
