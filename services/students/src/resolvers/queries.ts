import type { StudentsApp } from "../application/studentsApp.ts";
import type { QueryResolvers } from "../generated/resolvers-types.ts";

export function queryResolvers(app: StudentsApp): QueryResolvers {
  return {
    programmes: (_, args) => app.listProgrammes(args.kind),
    programme: (_, args) => app.getProgramme(args.code),
    student: (_, args, context) => app.getStudent(context.viewer, args.id),
    students: (_, args, context) => app.listStudents(context.viewer, args.filter, args.sort, args),
    application: (_, args, context) => app.getApplication(context.viewer, args.id),
    applications: (_, args, context) => app.listApplications(context.viewer, args.filter, args.sort, args),
    mobility: (_, args, context) => app.getMobility(context.viewer, args.id),
    mobilities: (_, args, context) => app.listMobilities(context.viewer, args.filter, args.sort, args),
    mobilityCompliance: (_, args, context) => app.getMobilityCompliance(context.viewer, args.cohort),
    internationalShare: (_, _args, context) => app.getInternationalShare(context.viewer),
    flowsByPartner: (_, args, context) => app.getFlowsByPartner(context.viewer, args.academicYear),
    originDiversity: (_, args, context) => app.getOriginDiversity(context.viewer, args.top),
  };
}
