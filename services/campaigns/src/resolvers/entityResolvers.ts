import type { CampaignsContext } from "./context.ts";

type Reference = { id: string };

/** `Institution` (owned by partnerships): the campaigns that targeted it. */
export const institutionResolvers = {
  __resolveReference: (reference: Reference) => ({ id: reference.id }),
  campaigns: (institution: Reference, _: unknown, { app, viewer }: CampaignsContext) =>
    app.campaignsTargeting(viewer, institution.id),
};

/** `Application` (owned by students): its interviews and its campaign. */
export const applicationResolvers = {
  __resolveReference: (reference: Reference) => ({ id: reference.id }),
  interviews: (application: Reference, _: unknown, { loaders }: CampaignsContext) =>
    loaders.applicationInterviews.load(application.id),
  campaign: (application: Reference, _: unknown, { loaders }: CampaignsContext) =>
    loaders.applicationCampaign.load(application.id),
};
