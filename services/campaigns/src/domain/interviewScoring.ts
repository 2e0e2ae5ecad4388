import { DomainError, ErrorKind, InputErrors } from "@intl/errors";
import { CampaignsReason } from "./errors.ts";
import { InterviewCriterion, InterviewRecommendation, InterviewStatus } from "./interview.ts";
import type { Interview, Score } from "./interview.ts";

export const MIN_SCORE = 0;
export const MAX_SCORE = 20;

const criteria: readonly string[] = Object.values(InterviewCriterion);
const recommendations: readonly string[] = Object.values(InterviewRecommendation);

/** A score sheet names at least one criterion, each once, each scored 0 to 20. */
export function validateScores(
  scores: readonly { criterion: string; value: number }[],
  field = "input.scores",
): Score[] {
  const errors = new InputErrors<CampaignsReason>();
  errors.check(scores.length > 0, CampaignsReason.SCORES_EMPTY, field, "score at least one criterion");
  scores.forEach((score, index) => {
    const at = `${field}[${index}]`;
    errors.check(
      criteria.includes(score.criterion),
      CampaignsReason.INVALID_INPUT,
      `${at}.criterion`,
      `must be one of ${criteria.join(", ")}`,
    );
    errors.check(
      scores.findIndex((other) => other.criterion === score.criterion) === index,
      CampaignsReason.DUPLICATE_VALUE,
      `${at}.criterion`,
      `${score.criterion} is scored twice`,
    );
    errors.check(
      Number.isFinite(score.value) && score.value >= MIN_SCORE && score.value <= MAX_SCORE,
      CampaignsReason.SCORE_OUT_OF_RANGE,
      `${at}.value`,
      `must be between ${MIN_SCORE} and ${MAX_SCORE}`,
    );
  });
  errors.throwIfAny();
  return scores.map((score) => ({ criterion: score.criterion as InterviewCriterion, value: score.value }));
}

/** An interview is scored and completed only while scheduled, and not before its slot has started. */
function assertInterviewUnderway(interview: Interview, now: Date): void {
  if (interview.status !== InterviewStatus.SCHEDULED) {
    throw new DomainError(
      ErrorKind.CONFLICT,
      CampaignsReason.INTERVIEW_NOT_SCHEDULED,
      `The interview is ${interview.status}.`,
      {
        details: { status: interview.status },
      },
    );
  }
  if (now < interview.slot.start) {
    throw new DomainError(
      ErrorKind.CONFLICT,
      CampaignsReason.INTERVIEW_NOT_YET_STARTED,
      `The interview starts at ${interview.slot.start.toISOString()}: it cannot be scored or completed before.`,
      { details: { slotStart: interview.slot.start.toISOString() } },
    );
  }
}

/** Records one panel member's score sheet, replacing the one they gave before. */
export function scoredInterview(
  interview: Interview,
  panelMemberId: string,
  scores: Score[],
  now: Date,
): Interview {
  assertInterviewUnderway(interview, now);
  if (!interview.panelFacultyIds.includes(panelMemberId)) {
    throw new DomainError(
      ErrorKind.BAD_USER_INPUT,
      CampaignsReason.NOT_A_PANEL_MEMBER,
      `Faculty member ${panelMemberId} is not on this interview's panel.`,
      {
        field: "input.panelMemberId",
      },
    );
  }
  const others = interview.scoreSheets.filter((sheet) => sheet.panelMemberId !== panelMemberId);
  const scoreSheets = [...others, { panelMemberId, scores, recordedAt: now }];
  return {
    ...interview,
    scoreSheets,
    score: meanScore(scoreSheets),
    updatedAt: now,
    version: interview.version + 1,
  };
}

/** The mean of every score of every sheet, to two decimals; null before any score. */
export function meanScore(sheets: readonly { scores: readonly Score[] }[]): number | null {
  const values = sheets.flatMap((sheet) => sheet.scores.map((score) => score.value));
  if (values.length === 0) return null;
  return Math.round((values.reduce((sum, value) => sum + value, 0) / values.length) * 100) / 100;
}

/**
 * SCHEDULED → COMPLETED with the panel's recommendation: the interview has
 * started and at least one panel member scored it. `version` grows by one (the
 * completed event's sequence).
 */
export function completedInterview(interview: Interview, recommendation: string, now: Date): Interview {
  if (!recommendations.includes(recommendation)) {
    throw new DomainError(
      ErrorKind.BAD_USER_INPUT,
      CampaignsReason.INVALID_INPUT,
      `recommendation must be one of ${recommendations.join(", ")}`,
      {
        field: "input.recommendation",
      },
    );
  }
  assertInterviewUnderway(interview, now);
  const score = meanScore(interview.scoreSheets);
  if (score === null) {
    throw new DomainError(
      ErrorKind.CONFLICT,
      CampaignsReason.INTERVIEW_NOT_SCORED,
      "No panel member has scored the interview yet.",
      {
        field: "input.scores",
      },
    );
  }
  return {
    ...interview,
    status: InterviewStatus.COMPLETED,
    recommendation: recommendation as InterviewRecommendation,
    score,
    completedAt: now,
    updatedAt: now,
    version: interview.version + 1,
  };
}
