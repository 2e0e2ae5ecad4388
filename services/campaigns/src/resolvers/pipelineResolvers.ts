import type { Candidate } from "../models/candidateModel.ts";
import type { CampaignsContext } from "./context.ts";

/** A candidate is only reached through `Campaign.candidates`, which checked the viewer's role. */
export const candidateResolvers = {
  campaign: (candidate: Candidate, _: unknown, { loaders }: CampaignsContext) =>
    loaders.campaign.load(candidate.campaignId),
  application: (candidate: Candidate) => ({ id: candidate.applicationId }),
  institution: (candidate: Candidate) => ({ id: candidate.institutionId }),
  stage: (candidate: Candidate, _: unknown, { loaders }: CampaignsContext) =>
    loaders.candidateStage.load(candidate),
  joinedAt: (candidate: Candidate) => candidate.joinedAt.toISOString(),
  interviews: (candidate: Candidate, _: unknown, { loaders }: CampaignsContext) =>
    loaders.candidateInterviews.load(candidate),
};
