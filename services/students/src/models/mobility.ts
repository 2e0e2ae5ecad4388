import { Schema } from "mongoose";
import type { Connection, Model } from "mongoose";
import { outboxPlugin } from "@intl/kafka";
import type { OutboxEntry } from "@intl/kafka";
import type { Direction } from "../domain/agreements.ts";
import type {
  LearningAgreementChange,
  LearningAgreementCourse,
  TranscriptEntry,
} from "../domain/creditRecognition.ts";
import type { MobilityStatus, MobilityType } from "../domain/mobilityPlanning.ts";

export interface LearningAgreementRecord {
  courses: LearningAgreementCourse[];
  changes: LearningAgreementChange[];
  signedAt: Date;
}

/** A stay abroad (outgoing) or at the school (incoming), with its credit recognition. */
export interface MobilityRecord {
  _id: string;
  studentId: string;
  direction: Direction;
  type: MobilityType;
  /** Host institution (outgoing) or home institution (incoming). */
  institutionId: string;
  agreementId: string | null;
  /** The seat slot it holds while not cancelled (see seatSlots.ts). */
  seatId: string | null;
  academicYear: string;
  startDate: string;
  endDate: string;
  status: MobilityStatus;
  completedAt: Date | null;
  cancelledAt: Date | null;
  cancellationReason: string | null;
  learningAgreement: LearningAgreementRecord | null;
  transcript: TranscriptEntry[] | null;
  createdAt: Date;
  demo: boolean;
  version: number;
  _outbox: OutboxEntry[];
}

const equivalentSchema = new Schema({ code: String, title: String }, { _id: false });
const courseSchema = new Schema(
  { code: String, title: String, ects: Number, homeEquivalent: { type: equivalentSchema, default: null } },
  { _id: false },
);
const changeSchema = new Schema(
  { at: Date, kind: String, courseCode: String, reason: String },
  { _id: false },
);
const transcriptEntrySchema = new Schema(
  { courseCode: String, grade: String, ectsObtained: Number },
  { _id: false },
);

const mobilitySchema = new Schema<MobilityRecord>(
  {
    _id: { type: String, required: true },
    studentId: { type: String, required: true },
    direction: { type: String, required: true },
    type: { type: String, required: true },
    institutionId: { type: String, required: true },
    agreementId: { type: String, default: null },
    seatId: { type: String, default: null },
    academicYear: { type: String, required: true },
    startDate: { type: String, required: true },
    endDate: { type: String, required: true },
    status: { type: String, required: true },
    completedAt: { type: Date, default: null },
    cancelledAt: { type: Date, default: null },
    cancellationReason: { type: String, default: null },
    learningAgreement: {
      type: new Schema({ courses: [courseSchema], changes: [changeSchema], signedAt: Date }, { _id: false }),
      default: null,
    },
    transcript: { type: [transcriptEntrySchema], default: null },
    createdAt: { type: Date, required: true },
    demo: { type: Boolean, default: false },
    version: { type: Number, required: true },
  },
  { versionKey: false, collection: "mobilities" },
);
mobilitySchema.plugin(outboxPlugin);
mobilitySchema.index({ studentId: 1, direction: 1, status: 1 });
mobilitySchema.index({ institutionId: 1, academicYear: 1, direction: 1 });
// An institution's incoming or outgoing mobilities, latest start first (the Institution entity's lists).
mobilitySchema.index({ institutionId: 1, direction: 1, startDate: -1 });
mobilitySchema.index({ startDate: -1 });
mobilitySchema.index({ academicYear: 1, direction: 1, status: 1 });

export type MobilityModel = Model<MobilityRecord>;

export function mobilityModel(connection: Connection): MobilityModel {
  return connection.model<MobilityRecord>("Mobility", mobilitySchema);
}
