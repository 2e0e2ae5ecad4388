import type { CohortCompliance, ComplianceStatus } from "../domain/mobilityCompliance.ts";
import type { StudentsApp } from "../application/studentsApp.ts";
import type { PageArgs } from "../application/pages.ts";

/** The 100 % rule's lists, paged over the ids the compliance query classified. */
export function indicatorResolvers(app: StudentsApp) {
  return {
    MobilityCompliance: {
      atRisk: (compliance: CohortCompliance, args: PageArgs) => app.studentsAmong(compliance.atRisk, args),
      students: (compliance: CohortCompliance, args: PageArgs & { status: ComplianceStatus }) =>
        app.studentsAmong(app.idsWithStatus(compliance, args.status), args),
    },
  };
}
