import type { ResearchContext } from "./context.ts";

type Args = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- GraphQL has validated the arguments

/** Thin: arguments → one application operation. */
export const queryResolvers = {
  researchCentre: (_: unknown, args: Args, { app, viewer }: ResearchContext) =>
    app.getResearchCentre(viewer, args.id),
  researchCentres: (_: unknown, args: Args, { app, viewer }: ResearchContext) =>
    app.listResearchCentres(viewer, args),
  faculty: (_: unknown, args: Args, { app, viewer }: ResearchContext) => app.getFaculty(viewer, args.id),
  faculties: (_: unknown, args: Args, { app, viewer }: ResearchContext) => app.listFaculty(viewer, args),
  collaboration: (_: unknown, args: Args, { app, viewer }: ResearchContext) =>
    app.getCollaboration(viewer, args.id),
  collaborations: (_: unknown, args: Args, { app, viewer }: ResearchContext) =>
    app.listCollaborations(viewer, args),
  collaborationStats: (_: unknown, args: Args, { app, viewer }: ResearchContext) =>
    app.collaborationStats(viewer, args.filter ?? {}),
  facultyMobility: (_: unknown, args: Args, { app, viewer }: ResearchContext) =>
    app.getFacultyMobility(viewer, args.id),
  facultyMobilities: (_: unknown, args: Args, { app, viewer }: ResearchContext) =>
    app.listFacultyMobilities(viewer, args),
  facultyMobilityShare: (_: unknown, args: Args, { app, viewer }: ResearchContext) =>
    app.facultyMobilityShare(viewer, args.academicYear),
  phdPosition: (_: unknown, args: Args, { app, viewer }: ResearchContext) =>
    app.getPhdPosition(viewer, args.id),
  phdPositions: (_: unknown, args: Args, { app, viewer }: ResearchContext) =>
    app.listPhdPositions(viewer, args),
};
