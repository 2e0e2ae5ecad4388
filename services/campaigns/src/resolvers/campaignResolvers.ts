import { requireRole } from "@intl/auth";
import { CAMPAIGN_READERS, MANAGERS } from "../domain/access.ts";
import type { CampaignResolvers, FollowUpContactResolvers } from "../generated/resolvers-types.ts";

export const campaignResolvers: CampaignResolvers = {
  __resolveReference: async (reference, { loaders, viewer }) => {
    requireRole(viewer, ...CAMPAIGN_READERS);
    return loaders.campaign.load(reference.id);
  },
  targetInstitutions: (campaign) => campaign.targetInstitutionIds.map((id) => ({ id })),
  faculty: (campaign) => campaign.facultyIds.map((id) => ({ id })),
  /** Personal data of the school's staff. */
  staff: (campaign, _, { viewer }) => {
    requireRole(viewer, ...MANAGERS);
    return campaign.staff;
  },
  /** Personal data of people at the partners. */
  followUpContacts: (campaign, _, { viewer }) => {
    requireRole(viewer, ...MANAGERS);
    return campaign.followUpContacts;
  },
  candidates: (campaign, args, { app, viewer }) => app.listCandidates(viewer, campaign.id, args),
  interviews: (campaign, args, { app, viewer }) => app.listCampaignInterviews(viewer, campaign.id, args),
  outcomes: (campaign, _, { loaders }) => loaders.outcomes.load(campaign.id),
  createdAt: (campaign) => campaign.createdAt.toISOString(),
  updatedAt: (campaign) => campaign.updatedAt.toISOString(),
};

export const followUpContactResolvers: FollowUpContactResolvers = {
  institution: (contact) => ({ id: contact.institutionId }),
};
