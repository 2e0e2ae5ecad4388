import type { StudentsApp } from "../application/studentsApp.ts";
import type { InstitutionResolvers, Resolvers } from "../generated/resolvers-types.ts";
import { smallCountResolvers } from "./smallCountFields.ts";

/** `Institution` (owned by partnerships), extended with its student flows with the school. */
export function institutionResolvers(app: StudentsApp): Pick<Resolvers, "Institution" | "PartnerFlow"> {
  const mobilitiesWith =
    (
      direction: "INCOMING" | "OUTGOING",
    ): InstitutionResolvers["incomingMobilities"] & InstitutionResolvers["outgoingMobilities"] =>
    (institution, args, context) =>
      app.listMobilities(
        context.viewer,
        { institutionId: institution.id, direction, academicYear: args.academicYear, status: args.status },
        { field: "START_DATE", direction: "DESC" },
        args,
      );
  return {
    Institution: {
      __resolveReference: (ref) => ({ id: ref.id }),
      nominations: (institution, args, context) =>
        app.listApplications(
          context.viewer,
          { institutionId: institution.id, status: args.status, academicYear: args.academicYear },
          { field: "SUBMITTED_AT", direction: "DESC" },
          args,
        ),
      incomingMobilities: mobilitiesWith("INCOMING"),
      outgoingMobilities: mobilitiesWith("OUTGOING"),
      flowBalance: (institution, args, context) =>
        app.getFlowBalance(context.viewer, institution.id, args.academicYear),
    },
    PartnerFlow: {
      institution: (flow) => ({ id: flow.institutionId }),
      ...smallCountResolvers.PartnerFlow,
    },
  };
}
