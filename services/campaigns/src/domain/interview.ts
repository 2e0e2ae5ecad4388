import { enumOf, type EnumValue } from "@intl/errors";
/** An interview of a candidate by a faculty panel, on site during a mission or by videoconference. */

export const InterviewMode = enumOf("ON_SITE", "VIDEO");
export type InterviewMode = EnumValue<typeof InterviewMode>;

export const InterviewStatus = enumOf("SCHEDULED", "COMPLETED", "CANCELLED");
export type InterviewStatus = EnumValue<typeof InterviewStatus>;

export const InterviewRecommendation = enumOf("ADMIT", "REJECT", "WAITLIST");
export type InterviewRecommendation = EnumValue<typeof InterviewRecommendation>;

/** The named criteria a panel member scores, 0 to 20 each. */
export const InterviewCriterion = enumOf(
  "ACADEMIC_LEVEL",
  "MOTIVATION",
  "LANGUAGE",
  "COMMUNICATION",
  "PROFESSIONAL_PROJECT",
);
export type InterviewCriterion = EnumValue<typeof InterviewCriterion>;

export interface Slot {
  start: Date;
  end: Date;
}

export interface Score {
  criterion: InterviewCriterion;
  value: number;
}

/** One panel member's scores. */
export interface ScoreSheet {
  panelMemberId: string;
  scores: Score[];
  recordedAt: Date;
}

export interface Interview {
  id: string;
  applicationId: string;
  /** Null for a video interview outside any campaign. */
  campaignId: string | null;
  /** The nominating institution: what a PARTNER viewer's access is checked against. */
  institutionId: string;
  mode: InterviewMode;
  slot: Slot;
  panelFacultyIds: string[];
  status: InterviewStatus;
  scoreSheets: ScoreSheet[];
  score: number | null;
  recommendation: InterviewRecommendation | null;
  completedAt: Date | null;
  cancelledAt: Date | null;
  demo: boolean;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}
