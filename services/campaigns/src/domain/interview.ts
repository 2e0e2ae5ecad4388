/** An interview of a candidate by a faculty panel, on site during a mission or by videoconference. */

export const InterviewMode = {
  ON_SITE: "ON_SITE",
  VIDEO: "VIDEO",
} as const;
export type InterviewMode = (typeof InterviewMode)[keyof typeof InterviewMode];

export const InterviewStatus = {
  SCHEDULED: "SCHEDULED",
  COMPLETED: "COMPLETED",
  CANCELLED: "CANCELLED",
} as const;
export type InterviewStatus = (typeof InterviewStatus)[keyof typeof InterviewStatus];

export const InterviewRecommendation = {
  ADMIT: "ADMIT",
  REJECT: "REJECT",
  WAITLIST: "WAITLIST",
} as const;
export type InterviewRecommendation = (typeof InterviewRecommendation)[keyof typeof InterviewRecommendation];

/** The named criteria a panel member scores, 0 to 20 each. */
export const InterviewCriterion = {
  ACADEMIC_LEVEL: "ACADEMIC_LEVEL",
  MOTIVATION: "MOTIVATION",
  LANGUAGE: "LANGUAGE",
  COMMUNICATION: "COMMUNICATION",
  PROFESSIONAL_PROJECT: "PROFESSIONAL_PROJECT",
} as const;
export type InterviewCriterion = (typeof InterviewCriterion)[keyof typeof InterviewCriterion];

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
