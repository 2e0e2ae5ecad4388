import { requireRole } from "@intl/auth";
import type { Viewer } from "@intl/auth";
import { INTERVIEW_DETAIL_READERS } from "../domain/access.ts";
import type { Interview } from "../domain/interview.ts";
import type { InterviewResolvers, InterviewScoreSheetResolvers } from "../generated/resolvers-types.ts";

/**
 * Beyond the slot, an interview is the panel's business: partners, who may see
 * their nominees' slots, get FORBIDDEN on these fields. (Whoever reached the
 * interview passed its scope check: a faculty member only reaches their panel's.)
 */
function details<T>(read: (interview: Interview) => T) {
  return (interview: Interview, _: unknown, { viewer }: { viewer: Viewer }): T => {
    requireRole(viewer, ...INTERVIEW_DETAIL_READERS);
    return read(interview);
  };
}

export const interviewResolvers: InterviewResolvers = {
  __resolveReference: (reference, { app, viewer }) => app.getInterview(viewer, reference.id),
  application: (interview) => ({ id: interview.applicationId }),
  slot: (interview) => ({
    start: interview.slot.start.toISOString(),
    end: interview.slot.end.toISOString(),
  }),
  campaign: (interview, _, context) => {
    requireRole(context.viewer, ...INTERVIEW_DETAIL_READERS);
    return interview.campaignId ? context.loaders.campaign.load(interview.campaignId) : null;
  },
  panel: details((interview) => interview.panelFacultyIds.map((id) => ({ id }))),
  scoreSheets: details((interview) => interview.scoreSheets),
  score: details((interview) => interview.score),
  recommendation: details((interview) => interview.recommendation),
  completedAt: details((interview) => interview.completedAt?.toISOString() ?? null),
};

export const scoreSheetResolvers: InterviewScoreSheetResolvers = {
  panelMember: (sheet) => ({ id: sheet.panelMemberId }),
  recordedAt: (sheet) => sheet.recordedAt.toISOString(),
};
