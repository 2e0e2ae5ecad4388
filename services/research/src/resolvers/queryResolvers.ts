import type { QueryResolvers } from "../generated/resolvers-types.ts";

/** Thin: arguments → one application operation. */
export const queryResolvers: QueryResolvers = {
  researchCentre: (_, args, { app, viewer }) => app.getResearchCentre(viewer, args.id),
  researchCentres: (_, args, { app, viewer }) => app.listResearchCentres(viewer, args),
  faculty: (_, args, { app, viewer }) => app.getFaculty(viewer, args.id),
  faculties: (_, args, { app, viewer }) => app.listFaculty(viewer, args),
  collaboration: (_, args, { app, viewer }) => app.getCollaboration(viewer, args.id),
  collaborations: (_, args, { app, viewer }) => app.listCollaborations(viewer, args),
  collaborationStats: (_, args, { app, viewer }) => app.collaborationStats(viewer, args.filter ?? {}),
  facultyMobility: (_, args, { app, viewer }) => app.getFacultyMobility(viewer, args.id),
  facultyMobilities: (_, args, { app, viewer }) => app.listFacultyMobilities(viewer, args),
  facultyMobilityShare: (_, args, { app, viewer }) => app.facultyMobilityShare(viewer, args.academicYear),
  phdPosition: (_, args, { app, viewer }) => app.getPhdPosition(viewer, args.id),
  phdPositions: (_, args, { app, viewer }) => app.listPhdPositions(viewer, args),
};
