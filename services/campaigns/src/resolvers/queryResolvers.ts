import type { QueryResolvers } from "../generated/resolvers-types.ts";

export const queryResolvers: QueryResolvers = {
  campaign: (_, args, { app, viewer }) => app.getCampaign(viewer, args.id),
  campaigns: (_, args, { app, viewer }) => app.listCampaigns(viewer, args),
  interview: (_, args, { app, viewer }) => app.getInterview(viewer, args.id),
  interviews: (_, args, { app, viewer }) => app.listInterviews(viewer, args),
  campaignComparison: (_, args, { app, viewer }) => app.campaignComparison(viewer, args),
};
