import type { StudentsApp } from "../application/studentsApp.ts";
import type { Resolvers } from "../generated/resolvers-types.ts";

/** The 100 % rule's lists, paged over the ids the compliance query classified. */
export function indicatorResolvers(app: StudentsApp): Pick<Resolvers, "MobilityCompliance"> {
  return {
    MobilityCompliance: {
      atRisk: (compliance, args) => app.studentsAmong(compliance.atRisk, args),
      students: (compliance, args) => app.studentsAmong(app.idsWithStatus(compliance, args.status), args),
    },
  };
}
