import { Schema } from "mongoose";
import type { Connection, Model } from "mongoose";
import { outboxPlugin } from "@intl/kafka";
import type { OutboxEntry } from "@intl/kafka";
import type { Interview } from "../domain/interview.ts";
import {
  InterviewCriterion,
  InterviewMode,
  InterviewRecommendation,
  InterviewStatus,
} from "../domain/interview.ts";

export type InterviewDocument = Omit<Interview, "id"> & {
  _id: string;
  _outbox?: OutboxEntry[];
  /** Set by each write until the interview's panel seats are derived (see `derivedLinks.ts`). */
  linksPending?: boolean;
};

const interviewSchema = new Schema<InterviewDocument>(
  {
    _id: { type: String, required: true },
    applicationId: { type: String, required: true },
    campaignId: { type: String, default: null },
    institutionId: { type: String, required: true },
    mode: { type: String, enum: Object.values(InterviewMode), required: true },
    slot: {
      type: new Schema(
        { start: { type: Date, required: true }, end: { type: Date, required: true } },
        { _id: false },
      ),
      required: true,
    },
    panelFacultyIds: { type: [String], required: true },
    status: { type: String, enum: Object.values(InterviewStatus), required: true },
    scoreSheets: {
      type: [
        {
          _id: false,
          panelMemberId: { type: String, required: true },
          scores: {
            type: [
              {
                _id: false,
                criterion: { type: String, enum: Object.values(InterviewCriterion), required: true },
                value: { type: Number, required: true },
              },
            ],
            required: true,
          },
          recordedAt: { type: Date, required: true },
        },
      ],
      default: [],
    },
    score: { type: Number, default: null },
    recommendation: { type: String, enum: [...Object.values(InterviewRecommendation), null], default: null },
    completedAt: { type: Date, default: null },
    cancelledAt: { type: Date, default: null },
    demo: { type: Boolean, default: false },
    linksPending: { type: Boolean },
    version: { type: Number, required: true },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: "interviews", autoIndex: false, versionKey: false },
);
interviewSchema.plugin(outboxPlugin);
interviewSchema.index({ "slot.start": 1 });
interviewSchema.index({ applicationId: 1, "slot.start": 1 });
interviewSchema.index({ campaignId: 1, "slot.start": 1 });
interviewSchema.index({ linksPending: 1 }, { sparse: true });
interviewSchema.index({ institutionId: 1, "slot.start": 1 });

export function interviewModel(connection: Connection): Model<InterviewDocument> {
  return connection.model<InterviewDocument>("Interview", interviewSchema);
}

export function interviewFromDocument(document: InterviewDocument): Interview {
  return {
    id: document._id,
    applicationId: document.applicationId,
    campaignId: document.campaignId ?? null,
    institutionId: document.institutionId,
    mode: document.mode,
    slot: { start: document.slot.start, end: document.slot.end },
    panelFacultyIds: [...document.panelFacultyIds],
    status: document.status,
    scoreSheets: (document.scoreSheets ?? []).map((sheet) => ({
      panelMemberId: sheet.panelMemberId,
      scores: sheet.scores.map((score) => ({ criterion: score.criterion, value: score.value })),
      recordedAt: sheet.recordedAt,
    })),
    score: document.score ?? null,
    recommendation: document.recommendation ?? null,
    completedAt: document.completedAt ?? null,
    cancelledAt: document.cancelledAt ?? null,
    demo: document.demo ?? false,
    version: document.version,
    createdAt: document.createdAt,
    updatedAt: document.updatedAt,
  };
}

/** Every field of the aggregate, for a `$set` that replaces its state (never its outbox). */
export function interviewState(interview: Interview): Omit<InterviewDocument, "_id" | "_outbox"> {
  const { id: _id, ...state } = interview;
  return state;
}
