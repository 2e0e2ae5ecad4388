import type { CampaignListRequest } from "../application/campaignOperations.ts";
import type { InterviewListRequest } from "../application/interviewOperations.ts";
import type { CampaignsContext } from "./context.ts";

export const queryResolvers = {
  campaign: (_: unknown, args: { id: string }, { app, viewer }: CampaignsContext) =>
    app.getCampaign(viewer, args.id),
  campaigns: (_: unknown, args: CampaignListRequest, { app, viewer }: CampaignsContext) =>
    app.listCampaigns(viewer, args),
  interview: (_: unknown, args: { id: string }, { app, viewer }: CampaignsContext) =>
    app.getInterview(viewer, args.id),
  interviews: (_: unknown, args: InterviewListRequest, { app, viewer }: CampaignsContext) =>
    app.listInterviews(viewer, args),
  campaignComparison: (
    _: unknown,
    args: { academicYears?: string[] | null; countryCodes?: string[] | null },
    { app, viewer }: CampaignsContext,
  ) => app.campaignComparison(viewer, args),
};
