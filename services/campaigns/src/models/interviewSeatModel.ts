import { Schema } from "mongoose";
import type { Connection, Model } from "mongoose";
import type { InterviewDocument } from "./interviewModel.ts";
import { derivedLinks } from "@intl/mongo";
import type { DerivedLinks } from "@intl/mongo";

/**
 * One document per interview × panel member (@intl/mongo's `derivedLinks`): a faculty
 * member's interviews (their default list, and `panelMemberId` filters) by a
 * top-level equality on `facultyId` instead of a match on the array
 * `panelFacultyIds`. It copies what those lists filter and sort on.
 */
export interface InterviewSeatDocument {
  /** `${interviewId}:${facultyId}` */
  _id: string;
  facultyId: string;
  interviewId: string;
  applicationId: string;
  campaignId: string | null;
  institutionId: string;
  status: string;
  mode: string;
  /** The interview's `slot.start`. */
  slotStart: Date;
  /** The interview's version it was derived from. */
  version: number;
}

const interviewSeatSchema = new Schema<InterviewSeatDocument>(
  {
    _id: { type: String, required: true },
    facultyId: { type: String, required: true },
    interviewId: { type: String, required: true },
    applicationId: { type: String, required: true },
    campaignId: { type: String, default: null },
    institutionId: { type: String, required: true },
    status: { type: String, required: true },
    mode: { type: String, required: true },
    slotStart: { type: Date, required: true },
    version: { type: Number },
  },
  { collection: "interview_seats", autoIndex: false, versionKey: false },
);
interviewSeatSchema.index({ facultyId: 1, slotStart: 1 });
interviewSeatSchema.index({ interviewId: 1 });

export function interviewSeatModel(connection: Connection): Model<InterviewSeatDocument> {
  return (
    (connection.models.InterviewSeat as Model<InterviewSeatDocument> | undefined) ??
    connection.model<InterviewSeatDocument>("InterviewSeat", interviewSeatSchema)
  );
}

/** The interviews' panel seats: `sync` after each write of an interview, `heal` at start. */
export function interviewSeats(models: {
  Interview: Model<InterviewDocument>;
  InterviewSeat: Model<InterviewSeatDocument>;
}): DerivedLinks<Omit<InterviewDocument, "_outbox">> {
  return derivedLinks<Omit<InterviewDocument, "_outbox">, InterviewSeatDocument>({
    Owner: models.Interview,
    Link: models.InterviewSeat,
    ownerField: "interviewId",
    derive: (interview) =>
      interview.panelFacultyIds.map((facultyId) => ({
        _id: `${interview._id}:${facultyId}`,
        facultyId,
        interviewId: interview._id,
        applicationId: interview.applicationId,
        campaignId: interview.campaignId ?? null,
        institutionId: interview.institutionId,
        status: interview.status,
        mode: interview.mode,
        slotStart: interview.slot.start,
      })),
  });
}
