import type { CampaignDetailsInput, NewCampaignInput } from "../domain/campaignDetails.ts";
import type { ScheduleInterviewInput } from "../domain/interviewScheduling.ts";
import type { ScoreInput } from "../application/interviewOperations.ts";
import type { CampaignsContext } from "./context.ts";

type Input<T> = { input: T };

export const mutationResolvers = {
  createCampaign: (_: unknown, { input }: Input<NewCampaignInput>, { app, viewer }: CampaignsContext) =>
    app.createCampaign(viewer, input),
  updateCampaign: (
    _: unknown,
    { input }: Input<CampaignDetailsInput & { id: string }>,
    { app, viewer }: CampaignsContext,
  ) => app.updateCampaign(viewer, input),
  openCampaign: (_: unknown, { id }: { id: string }, { app, viewer }: CampaignsContext) =>
    app.openCampaign(viewer, id),
  closeCampaign: (_: unknown, { id }: { id: string }, { app, viewer }: CampaignsContext) =>
    app.closeCampaign(viewer, id),
  assignCandidate: (
    _: unknown,
    { input }: Input<{ campaignId: string; applicationId: string }>,
    { app, viewer }: CampaignsContext,
  ) => app.assignCandidate(viewer, input),
  scheduleInterview: (
    _: unknown,
    { input }: Input<ScheduleInterviewInput>,
    { app, viewer }: CampaignsContext,
  ) => app.scheduleInterview(viewer, input),
  cancelInterview: (_: unknown, { id }: { id: string }, { app, viewer }: CampaignsContext) =>
    app.cancelInterview(viewer, id),
  scoreInterview: (
    _: unknown,
    { input }: Input<{ interviewId: string; panelMemberId?: string | null; scores: ScoreInput[] }>,
    { app, viewer }: CampaignsContext,
  ) => app.scoreInterview(viewer, input),
  completeInterview: (
    _: unknown,
    {
      input,
    }: Input<{
      interviewId: string;
      recommendation: string;
      panelMemberId?: string | null;
      scores?: ScoreInput[] | null;
    }>,
    { app, viewer }: CampaignsContext,
  ) => app.completeInterview(viewer, input),
};
