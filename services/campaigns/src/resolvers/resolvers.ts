import type { SubgraphResolvers } from "@intl/subgraph";
import type { Resolvers } from "../generated/resolvers-types.ts";
import { campaignResolvers, followUpContactResolvers } from "./campaignResolvers.ts";
import type { CampaignsContext } from "./context.ts";
import { applicationResolvers, institutionResolvers } from "./entityResolvers.ts";
import { interviewResolvers, scoreSheetResolvers } from "./interviewResolvers.ts";
import { mutationResolvers } from "./mutationResolvers.ts";
import { outcomeResolvers } from "./outcomeResolvers.ts";
import { candidateResolvers } from "./pipelineResolvers.ts";
import { queryResolvers } from "./queryResolvers.ts";

/** Every resolver of the campaigns subgraph; each calls one operation of the app. */
const typedResolvers: Resolvers = {
  Query: queryResolvers,
  Mutation: mutationResolvers,
  Campaign: campaignResolvers,
  CampaignOutcomes: outcomeResolvers,
  FollowUpContact: followUpContactResolvers,
  CampaignCandidate: candidateResolvers,
  Interview: interviewResolvers,
  InterviewScoreSheet: scoreSheetResolvers,
  Institution: institutionResolvers,
  Application: applicationResolvers,
};

/**
 * Checked field by field against the schema above; Apollo's own map type reads every entry as
 * `(parent, args, context)`, which `__resolveReference(reference, context)` is not, hence the cast.
 */
export const resolvers = typedResolvers as SubgraphResolvers<CampaignsContext>;
