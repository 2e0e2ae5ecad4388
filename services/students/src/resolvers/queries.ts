import type { StudentsApp } from "../application/studentsApp.ts";
import type { ApplicationFilter, ApplicationSort } from "../application/nominations.ts";
import type { MobilityFilter, MobilitySort } from "../application/mobilities.ts";
import type { StudentFilter, StudentSort } from "../application/students.ts";
import type { PageArgs } from "../application/pages.ts";
import type { ProgrammeKind } from "../domain/programmes.ts";
import type { StudentsContext } from "./context.ts";

type ListArgs<Filter, Sort> = PageArgs & { filter?: Filter | null; sort?: Sort };

export function queryResolvers(app: StudentsApp) {
  return {
    programmes: (_: unknown, args: { kind?: ProgrammeKind | null }) => app.listProgrammes(args.kind),
    programme: (_: unknown, args: { code: string }) => app.getProgramme(args.code),
    student: (_: unknown, args: { id: string }, context: StudentsContext) =>
      app.getStudent(context.viewer, args.id),
    students: (_: unknown, args: ListArgs<StudentFilter, StudentSort>, context: StudentsContext) =>
      app.listStudents(context.viewer, args.filter, args.sort, args),
    application: (_: unknown, args: { id: string }, context: StudentsContext) =>
      app.getApplication(context.viewer, args.id),
    applications: (
      _: unknown,
      args: ListArgs<ApplicationFilter, ApplicationSort>,
      context: StudentsContext,
    ) => app.listApplications(context.viewer, args.filter, args.sort, args),
    mobility: (_: unknown, args: { id: string }, context: StudentsContext) =>
      app.getMobility(context.viewer, args.id),
    mobilities: (_: unknown, args: ListArgs<MobilityFilter, MobilitySort>, context: StudentsContext) =>
      app.listMobilities(context.viewer, args.filter, args.sort, args),
    mobilityCompliance: (_: unknown, args: { cohort: number }, context: StudentsContext) =>
      app.getMobilityCompliance(context.viewer, args.cohort),
    internationalShare: (_: unknown, _args: unknown, context: StudentsContext) =>
      app.getInternationalShare(context.viewer),
    flowsByPartner: (_: unknown, args: { academicYear: string }, context: StudentsContext) =>
      app.getFlowsByPartner(context.viewer, args.academicYear),
    originDiversity: (_: unknown, args: { top?: number | null }, context: StudentsContext) =>
      app.getOriginDiversity(context.viewer, args.top ?? 5),
  };
}
