import type { ApplicationResolvers, InstitutionResolvers } from "../generated/resolvers-types.ts";

/** `Institution` (owned by partnerships): the campaigns that targeted it. */
export const institutionResolvers: InstitutionResolvers = {
  __resolveReference: (reference) => ({ id: reference.id }),
  campaigns: (institution, _, { app, viewer }) => app.campaignsTargeting(viewer, institution.id),
};

/** `Application` (owned by students): its interviews and its campaign. */
export const applicationResolvers: ApplicationResolvers = {
  __resolveReference: (reference) => ({ id: reference.id }),
  interviews: (application, _, { loaders }) => loaders.applicationInterviews.load(application.id),
  campaign: (application, _, { loaders }) => loaders.applicationCampaign.load(application.id),
};
