import type { CampaignCandidateResolvers } from "../generated/resolvers-types.ts";
import { referencedCampaign } from "./context.ts";

/** A candidate is only reached through `Campaign.candidates`, which checked the viewer's role. */
export const candidateResolvers: CampaignCandidateResolvers = {
  campaign: (candidate, _, context) => referencedCampaign(context, candidate.campaignId),
  application: (candidate) => ({ id: candidate.applicationId }),
  institution: (candidate) => ({ id: candidate.institutionId }),
  stage: (candidate, _, { loaders }) => loaders.candidateStage.load(candidate),
  joinedAt: (candidate) => candidate.joinedAt.toISOString(),
  interviews: (candidate, _, { loaders }) => loaders.candidateInterviews.load(candidate),
};
