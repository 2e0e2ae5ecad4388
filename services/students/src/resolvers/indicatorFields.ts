import type { StudentsApp } from "../application/studentsApp.ts";
import type { Resolvers } from "../generated/resolvers-types.ts";
import { smallCountResolvers } from "./smallCountFields.ts";

/** The 100 % rule's lists, paged over the ids the compliance query classified; counts of people as the viewer may see them. */
export function indicatorResolvers(
  app: StudentsApp,
): Pick<Resolvers, "MobilityCompliance" | "CountryShare" | "FlowBalance"> {
  return {
    CountryShare: smallCountResolvers.CountryShare,
    FlowBalance: smallCountResolvers.FlowBalance,
    MobilityCompliance: {
      atRisk: (compliance, args) => app.studentsAmong(compliance.atRisk, args),
      students: (compliance, args) => app.studentsAmong(app.idsWithStatus(compliance, args.status), args),
    },
  };
}
