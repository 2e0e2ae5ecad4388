import { isBoundByMobilityRule, requiresInterview } from "../domain/programmes.ts";
import type { Programme } from "../domain/programmes.ts";

export const programmeResolvers = {
  Programme: {
    requiresInterview: (programme: Programme) => requiresInterview(programme),
    boundByMobilityRule: (programme: Programme) => isBoundByMobilityRule(programme),
  },
};
