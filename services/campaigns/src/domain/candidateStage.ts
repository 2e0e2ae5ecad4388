import { enumOf, type EnumValue } from "@intl/errors";
import { ApplicationStatus } from "./applicationProgress.ts";
import { InterviewStatus } from "./interview.ts";

export const CandidateStage = enumOf(
  "IN_PIPELINE",
  "INTERVIEW_SCHEDULED",
  "INTERVIEWED",
  "ADMITTED",
  "WAITLISTED",
  "REJECTED",
  "ENROLLED",
  "WITHDRAWN",
);
export type CandidateStage = EnumValue<typeof CandidateStage>;

/**
 * A candidate's stage: the students service's word on the application wins
 * (decided, withdrawn, enrolled); before that, the campaign's own interviews say
 * how far the candidate got.
 */
export function candidateStage(
  applicationStatus: ApplicationStatus,
  interviewStatuses: readonly InterviewStatus[],
): CandidateStage {
  if (applicationStatus !== ApplicationStatus.SUBMITTED) return applicationStatus;
  if (interviewStatuses.includes(InterviewStatus.COMPLETED)) return CandidateStage.INTERVIEWED;
  if (interviewStatuses.includes(InterviewStatus.SCHEDULED)) return CandidateStage.INTERVIEW_SCHEDULED;
  return CandidateStage.IN_PIPELINE;
}
