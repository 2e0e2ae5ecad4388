import { enumOf, type EnumValue } from "@intl/errors";
import { Schema } from "mongoose";
import type { Connection, Model } from "mongoose";

export const CandidateSource = enumOf("AUTOMATIC", "BY_HAND");
export type CandidateSource = EnumValue<typeof CandidateSource>;

/**
 * An application in a campaign's pipeline. Its `_id` is `<campaignId>:<applicationId>`,
 * so joining twice (a redelivered event, a second click) finds the same document.
 * It holds ids and facts only: the candidate's identity stays in the students service.
 */
export interface Candidate {
  id: string;
  campaignId: string;
  applicationId: string;
  institutionId: string;
  programmeCode: string;
  joinedBy: CandidateSource;
  joinedAt: Date;
}

export type CandidateDocument = Omit<Candidate, "id"> & { _id: string };

const candidateSchema = new Schema<CandidateDocument>(
  {
    _id: { type: String, required: true },
    campaignId: { type: String, required: true },
    applicationId: { type: String, required: true },
    institutionId: { type: String, required: true },
    programmeCode: { type: String, required: true },
    joinedBy: { type: String, enum: Object.values(CandidateSource), required: true },
    joinedAt: { type: Date, required: true },
  },
  { collection: "candidates", autoIndex: false, versionKey: false },
);
candidateSchema.index({ campaignId: 1, joinedAt: 1 });
candidateSchema.index({ applicationId: 1, joinedAt: 1 });

export function candidateModel(connection: Connection): Model<CandidateDocument> {
  return connection.model<CandidateDocument>("Candidate", candidateSchema);
}

export function candidateFromDocument(document: CandidateDocument): Candidate {
  return {
    id: document._id,
    campaignId: document.campaignId,
    applicationId: document.applicationId,
    institutionId: document.institutionId,
    programmeCode: document.programmeCode,
    joinedBy: document.joinedBy,
    joinedAt: document.joinedAt,
  };
}
