import { Schema } from "mongoose";
import type { Connection, Model } from "mongoose";
import { outboxPlugin } from "@intl/kafka";
import type { OutboxEntry } from "@intl/kafka";
import type { ApplicationStatus, Decision } from "../domain/applicationWorkflow.ts";
import type { Dossier } from "../domain/dossier.ts";
import type { ProgrammeKind } from "../domain/programmes.ts";
import type { CriterionScore } from "../domain/reviewScores.ts";

export interface ReviewRecord {
  reviewer: string;
  scores: CriterionScore[];
  mean: number;
  comment: string | null;
  reviewedAt: Date;
}

export interface InterviewRecord {
  interviewId: string;
  campaignId: string | null;
  mode: "ON_SITE" | "VIDEO";
  recommendation: "ADMIT" | "REJECT" | "WAITLIST";
  score: number;
  completedAt: Date;
}

export interface DecisionRecord {
  decision: Decision;
  decidedAt: Date;
  /** The deciding person's subject, or `faculty:<id>` for a supervisor's selection. */
  decidedBy: string;
  comment: string | null;
}

export interface PhdSelectionRecord {
  positionId: string;
  supervisorFacultyId: string;
  subject: string;
  selectedAt: Date;
}

/** A nomination: a partner's preselected candidate for one programme and year, with its dossier. */
export interface ApplicationRecord {
  _id: string;
  studentId: string;
  institutionId: string;
  countryCode: string;
  /** The agreement that allowed the nomination. */
  agreementId: string;
  programmeCode: string;
  programmeKind: ProgrammeKind;
  academicYear: string;
  requiresInterview: boolean;
  status: ApplicationStatus;
  dossier: Dossier;
  reviews: ReviewRecord[];
  interview: InterviewRecord | null;
  interviewCompletedAt: Date | null;
  decision: DecisionRecord | null;
  phdSelection: PhdSelectionRecord | null;
  submittedAt: Date;
  withdrawnAt: Date | null;
  withdrawalReason: string | null;
  enrolledAt: Date | null;
  /** When retention removed the dossier's documents (a non-admitted applicant's, DOSSIER_RETENTION_MONTHS after the decision). */
  dossierDocumentsRemovedAt?: Date | null;
  demo: boolean;
  version: number;
  _outbox: OutboxEntry[];
}

const documentSchema = new Schema({ kind: String, name: String, uri: String }, { _id: false });
const gradeSchema = new Schema({ subject: String, grade: Number, scale: Number }, { _id: false });
const certificateSchema = new Schema(
  { language: String, cefrLevel: String, testName: String },
  { _id: false },
);
const scoreSchema = new Schema({ criterion: String, score: Number }, { _id: false });

const applicationSchema = new Schema<ApplicationRecord>(
  {
    _id: { type: String, required: true },
    studentId: { type: String, required: true },
    institutionId: { type: String, required: true },
    countryCode: { type: String, required: true },
    agreementId: { type: String, required: true },
    programmeCode: { type: String, required: true },
    programmeKind: { type: String, required: true },
    academicYear: { type: String, required: true },
    requiresInterview: { type: Boolean, required: true },
    status: { type: String, required: true },
    dossier: {
      documents: { type: [documentSchema], default: [] },
      grades: { type: [gradeSchema], default: [] },
      languageCertificate: { type: certificateSchema, default: null },
    },
    reviews: {
      type: [
        new Schema(
          { reviewer: String, scores: [scoreSchema], mean: Number, comment: String, reviewedAt: Date },
          { _id: false },
        ),
      ],
      default: [],
    },
    interview: {
      type: new Schema(
        {
          interviewId: String,
          campaignId: String,
          mode: String,
          recommendation: String,
          score: Number,
          completedAt: Date,
        },
        { _id: false },
      ),
      default: null,
    },
    interviewCompletedAt: { type: Date, default: null },
    decision: {
      type: new Schema(
        { decision: String, decidedAt: Date, decidedBy: String, comment: String },
        { _id: false },
      ),
      default: null,
    },
    phdSelection: {
      type: new Schema(
        { positionId: String, supervisorFacultyId: String, subject: String, selectedAt: Date },
        { _id: false },
      ),
      default: null,
    },
    submittedAt: { type: Date, required: true },
    withdrawnAt: { type: Date, default: null },
    withdrawalReason: { type: String, default: null },
    enrolledAt: { type: Date, default: null },
    dossierDocumentsRemovedAt: { type: Date, default: null },
    demo: { type: Boolean, default: false },
    version: { type: Number, required: true },
  },
  { versionKey: false, collection: "applications" },
);
applicationSchema.plugin(outboxPlugin);
applicationSchema.index({ institutionId: 1, status: 1 });
// An institution's nominations, latest first (the Institution entity's list).
applicationSchema.index({ institutionId: 1, submittedAt: -1 });
applicationSchema.index({ studentId: 1 });
applicationSchema.index({ status: 1, academicYear: 1 });

export type ApplicationModel = Model<ApplicationRecord>;

export function applicationModel(connection: Connection): ApplicationModel {
  return connection.model<ApplicationRecord>("Application", applicationSchema);
}
