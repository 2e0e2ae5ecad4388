import type { ApplicationStatus } from "../domain/applicationWorkflow.ts";
import type { MobilityStatus } from "../domain/mobilityPlanning.ts";
import type { PartnerFlowRow } from "../application/indicators.ts";
import type { StudentsApp } from "../application/studentsApp.ts";
import type { PageArgs } from "../application/pages.ts";
import type { StudentsContext } from "./context.ts";
import { reference } from "./formats.ts";

type InstitutionRef = { id: string };
type MobilityArgs = PageArgs & { academicYear?: string | null; status?: MobilityStatus | null };

/** `Institution` (owned by partnerships), extended with its student flows with the school. */
export function institutionResolvers(app: StudentsApp) {
  const mobilitiesWith =
    (direction: "INCOMING" | "OUTGOING") =>
    (institution: InstitutionRef, args: MobilityArgs, context: StudentsContext) =>
      app.listMobilities(
        context.viewer,
        { institutionId: institution.id, direction, academicYear: args.academicYear, status: args.status },
        { field: "START_DATE", direction: "DESC" },
        args,
      );
  return {
    Institution: {
      __resolveReference: (ref: InstitutionRef) => ({ id: ref.id }),
      nominations: (
        institution: InstitutionRef,
        args: PageArgs & { status?: ApplicationStatus | null; academicYear?: string | null },
        context: StudentsContext,
      ) =>
        app.listApplications(
          context.viewer,
          { institutionId: institution.id, status: args.status, academicYear: args.academicYear },
          { field: "SUBMITTED_AT", direction: "DESC" },
          args,
        ),
      incomingMobilities: mobilitiesWith("INCOMING"),
      outgoingMobilities: mobilitiesWith("OUTGOING"),
      flowBalance: (institution: InstitutionRef, args: { academicYear: string }, context: StudentsContext) =>
        app.getFlowBalance(context.viewer, institution.id, args.academicYear),
    },
    PartnerFlow: {
      institution: (flow: PartnerFlowRow) => reference(flow.institutionId),
    },
  };
}
