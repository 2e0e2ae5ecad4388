import { isBoundByMobilityRule, requiresInterview } from "../domain/programmes.ts";
import type { Resolvers } from "../generated/resolvers-types.ts";

export const programmeResolvers: Pick<Resolvers, "Programme"> = {
  Programme: {
    requiresInterview: (programme) => requiresInterview(programme),
    boundByMobilityRule: (programme) => isBoundByMobilityRule(programme),
  },
};
