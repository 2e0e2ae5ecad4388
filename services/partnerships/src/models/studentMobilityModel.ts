import { Schema } from "mongoose";

/** Read model of completed student mobilities (no personal data): the student flows with each partner. */
export interface StudentMobilityDocument {
  _id: string;
  institutionId: string;
  agreementId: string | null;
  direction: "OUTGOING" | "INCOMING";
  type: string;
  academicYear: string;
  startDate: string;
  endDate: string;
  /** The mobility's version in the students service: older events are ignored. */
  sequence: number;
  updatedAt: Date;
}

export const studentMobilitySchema = new Schema<StudentMobilityDocument>(
  {
    _id: { type: String, required: true },
    institutionId: { type: String, required: true },
    agreementId: { type: String, default: null },
    direction: { type: String, required: true },
    type: { type: String, required: true },
    academicYear: { type: String, required: true },
    startDate: { type: String, required: true },
    endDate: { type: String, required: true },
    sequence: { type: Number, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: "completed_student_mobilities", versionKey: false },
);
studentMobilitySchema.index({ institutionId: 1, academicYear: 1 });
