import type { SubgraphResolvers } from "@intl/subgraph";
import type { Resolvers } from "../generated/resolvers-types.ts";
import type { ResearchContext } from "./context.ts";
import {
  collaborationResolvers,
  collaborationStatsResolvers,
  facultyMobilityResolvers,
  institutionResolvers,
} from "./collaborationResolvers.ts";
import { facultyResolvers, researchCentreResolvers } from "./centreAndFacultyResolvers.ts";
import { mutationResolvers } from "./mutationResolvers.ts";
import {
  phdAssessmentResolvers,
  phdCandidateResolvers,
  phdCoSupervisorResolvers,
  phdPositionResolvers,
} from "./phdPositionResolvers.ts";
import { queryResolvers } from "./queryResolvers.ts";

/** Every resolver; they reach the application operations through the context (`context.app`). */
const typedResolvers: Resolvers = {
  Query: queryResolvers,
  Mutation: mutationResolvers,
  ResearchCentre: researchCentreResolvers,
  Faculty: facultyResolvers,
  Collaboration: collaborationResolvers,
  CollaborationStats: collaborationStatsResolvers,
  Institution: institutionResolvers,
  FacultyMobility: facultyMobilityResolvers,
  PhdPosition: phdPositionResolvers,
  PhdCoSupervisor: phdCoSupervisorResolvers,
  PhdCandidate: phdCandidateResolvers,
  PhdAssessment: phdAssessmentResolvers,
};

/**
 * Checked field by field against the schema above; Apollo's own map type reads every entry as
 * `(parent, args, context)`, which `__resolveReference(reference, context)` is not, hence the cast.
 */
export const resolvers = typedResolvers as SubgraphResolvers<ResearchContext>;
