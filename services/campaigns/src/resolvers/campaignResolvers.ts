import { requireRole } from "@intl/auth";
import { CAMPAIGN_READERS, MANAGERS } from "../domain/access.ts";
import type { Campaign, FollowUpContact } from "../domain/campaign.ts";
import type { InterviewMode, InterviewStatus } from "../domain/interview.ts";
import type { CandidateListFilter } from "../models/candidateRepository.ts";
import type { CampaignsContext } from "./context.ts";

type PageArgs<F> = { first?: number | null; after?: string | null; filter?: F | null };

export const campaignResolvers = {
  __resolveReference: async (reference: { id: string }, { loaders, viewer }: CampaignsContext) => {
    requireRole(viewer, ...CAMPAIGN_READERS);
    return loaders.campaign.load(reference.id);
  },
  targetInstitutions: (campaign: Campaign) => campaign.targetInstitutionIds.map((id) => ({ id })),
  faculty: (campaign: Campaign) => campaign.facultyIds.map((id) => ({ id })),
  /** Personal data of the school's staff. */
  staff: (campaign: Campaign, _: unknown, { viewer }: CampaignsContext) => {
    requireRole(viewer, ...MANAGERS);
    return campaign.staff;
  },
  /** Personal data of people at the partners. */
  followUpContacts: (campaign: Campaign, _: unknown, { viewer }: CampaignsContext) => {
    requireRole(viewer, ...MANAGERS);
    return campaign.followUpContacts;
  },
  candidates: (campaign: Campaign, args: PageArgs<CandidateListFilter>, { app, viewer }: CampaignsContext) =>
    app.listCandidates(viewer, campaign.id, args),
  interviews: (
    campaign: Campaign,
    args: PageArgs<{ status?: InterviewStatus | null; mode?: InterviewMode | null }>,
    { app, viewer }: CampaignsContext,
  ) => app.listCampaignInterviews(viewer, campaign.id, args),
  outcomes: (campaign: Campaign, _: unknown, { loaders }: CampaignsContext) =>
    loaders.outcomes.load(campaign.id),
  createdAt: (campaign: Campaign) => campaign.createdAt.toISOString(),
  updatedAt: (campaign: Campaign) => campaign.updatedAt.toISOString(),
};

export const followUpContactResolvers = {
  institution: (contact: FollowUpContact) => ({ id: contact.institutionId }),
};
