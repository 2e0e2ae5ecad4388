import type { MutationResolvers } from "../generated/resolvers-types.ts";

export const mutationResolvers: MutationResolvers = {
  createCampaign: (_, { input }, { app, viewer }) => app.createCampaign(viewer, input),
  updateCampaign: (_, { input }, { app, viewer }) => app.updateCampaign(viewer, input),
  openCampaign: (_, { id }, { app, viewer }) => app.openCampaign(viewer, id),
  closeCampaign: (_, { id }, { app, viewer }) => app.closeCampaign(viewer, id),
  assignCandidate: (_, { input }, { app, viewer }) => app.assignCandidate(viewer, input),
  scheduleInterview: (_, { input }, { app, viewer }) => app.scheduleInterview(viewer, input),
  cancelInterview: (_, { id }, { app, viewer }) => app.cancelInterview(viewer, id),
  scoreInterview: (_, { input }, { app, viewer }) => app.scoreInterview(viewer, input),
  completeInterview: (_, { input }, { app, viewer }) => app.completeInterview(viewer, input),
};
