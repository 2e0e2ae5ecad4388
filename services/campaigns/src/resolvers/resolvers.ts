import type { SubgraphResolvers } from "@intl/subgraph";
import { campaignResolvers, followUpContactResolvers } from "./campaignResolvers.ts";
import type { CampaignsContext } from "./context.ts";
import { applicationResolvers, institutionResolvers } from "./entityResolvers.ts";
import { interviewResolvers, scoreSheetResolvers } from "./interviewResolvers.ts";
import { mutationResolvers } from "./mutationResolvers.ts";
import { candidateResolvers } from "./pipelineResolvers.ts";
import { queryResolvers } from "./queryResolvers.ts";

/** Every resolver of the campaigns subgraph; each calls one operation of the app. */
export const resolvers = {
  Query: queryResolvers,
  Mutation: mutationResolvers,
  Campaign: campaignResolvers,
  FollowUpContact: followUpContactResolvers,
  CampaignCandidate: candidateResolvers,
  Interview: interviewResolvers,
  InterviewScoreSheet: scoreSheetResolvers,
  Institution: institutionResolvers,
  Application: applicationResolvers,
} as unknown as SubgraphResolvers<CampaignsContext>;
