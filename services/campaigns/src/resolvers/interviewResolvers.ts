import { requireRole } from "@intl/auth";
import type { Viewer } from "@intl/auth";
import { INTERVIEW_DETAIL_READERS } from "../domain/access.ts";
import type { Interview, ScoreSheet } from "../domain/interview.ts";
import type { CampaignsContext } from "./context.ts";

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

export const interviewResolvers = {
  __resolveReference: (reference: { id: string }, { app, viewer }: CampaignsContext) =>
    app.getInterview(viewer, reference.id),
  application: (interview: Interview) => ({ id: interview.applicationId }),
  slot: (interview: Interview) => ({
    start: interview.slot.start.toISOString(),
    end: interview.slot.end.toISOString(),
  }),
  campaign: (interview: Interview, _: unknown, context: CampaignsContext) => {
    requireRole(context.viewer, ...INTERVIEW_DETAIL_READERS);
    return interview.campaignId ? context.loaders.campaign.load(interview.campaignId) : null;
  },
  panel: details((interview) => interview.panelFacultyIds.map((id) => ({ id }))),
  scoreSheets: details((interview) => interview.scoreSheets),
  score: details((interview) => interview.score),
  recommendation: details((interview) => interview.recommendation),
  completedAt: details((interview) => interview.completedAt?.toISOString() ?? null),
};

export const scoreSheetResolvers = {
  panelMember: (sheet: ScoreSheet) => ({ id: sheet.panelMemberId }),
  recordedAt: (sheet: ScoreSheet) => sheet.recordedAt.toISOString(),
};
