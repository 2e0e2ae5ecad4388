import { Schema } from "mongoose";
import type { Connection, Model } from "mongoose";
import { outboxPlugin } from "@intl/kafka";
import type { OutboxEntry } from "@intl/kafka";
import type { ProgrammeKind } from "../domain/programmes.ts";
import type { StudentStatus } from "../domain/studentRegistration.ts";

/** A student or applicant. Personal fields are null once erased. */
export interface StudentRecord {
  _id: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  birthDate: string | null;
  nationality: string;
  international: boolean;
  /** Partner institution an incoming student comes from (and that nominated them). */
  homeInstitutionId: string | null;
  programmeCode: string;
  programmeKind: ProgrammeKind;
  /** Graduation year. */
  cohort: number;
  status: StudentStatus;
  erasedAt: Date | null;
  createdAt: Date;
  /** Demo data loaded by the seed. */
  demo: boolean;
  version: number;
  _outbox: OutboxEntry[];
}

const studentSchema = new Schema<StudentRecord>(
  {
    _id: { type: String, required: true },
    firstName: { type: String, default: null },
    lastName: { type: String, default: null },
    email: { type: String, default: null },
    birthDate: { type: String, default: null },
    nationality: { type: String, required: true },
    international: { type: Boolean, required: true },
    homeInstitutionId: { type: String, default: null },
    programmeCode: { type: String, required: true },
    programmeKind: { type: String, required: true },
    cohort: { type: Number, required: true },
    status: { type: String, required: true },
    erasedAt: { type: Date, default: null },
    createdAt: { type: Date, required: true },
    demo: { type: Boolean, default: false },
    version: { type: Number, required: true },
  },
  { versionKey: false, collection: "students" },
);
studentSchema.plugin(outboxPlugin);
studentSchema.index({ cohort: 1, programmeKind: 1 });
studentSchema.index({ cohort: 1, createdAt: 1 });
studentSchema.index({ demo: 1 });
studentSchema.index({ homeInstitutionId: 1 });
studentSchema.index({ status: 1, international: 1 });
studentSchema.index({ email: 1 });
// The students list's other one-field filters (programme, kind, nationality), latest first when sorted.
studentSchema.index({ programmeCode: 1, createdAt: 1 });
studentSchema.index({ programmeKind: 1, createdAt: 1 });
studentSchema.index({ nationality: 1, createdAt: 1 });

export type StudentModel = Model<StudentRecord>;

export function studentModel(connection: Connection): StudentModel {
  return connection.model<StudentRecord>("Student", studentSchema);
}
