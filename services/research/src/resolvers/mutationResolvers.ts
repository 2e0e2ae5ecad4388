import type { ResearchContext } from "./context.ts";

type Args = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- GraphQL has validated the arguments

/** Thin: arguments → one application operation. */
export const mutationResolvers = {
  createResearchCentre: (_: unknown, { input }: Args, { app, viewer }: ResearchContext) =>
    app.createResearchCentre(viewer, input),
  registerFaculty: (_: unknown, { input }: Args, { app, viewer }: ResearchContext) =>
    app.registerFaculty(viewer, input),
  recordFacultyHdr: (_: unknown, { facultyId }: Args, { app, viewer }: ResearchContext) =>
    app.recordFacultyHdr(viewer, facultyId),

  planCollaboration: (_: unknown, { input }: Args, { app, viewer }: ResearchContext) =>
    app.planCollaboration(viewer, input),
  startCollaboration: (_: unknown, { id }: Args, { app, viewer }: ResearchContext) =>
    app.startCollaboration(viewer, id),
  endCollaboration: (_: unknown, { id, endDate }: Args, { app, viewer }: ResearchContext) =>
    app.endCollaboration(viewer, id, endDate),
  cancelCollaboration: (_: unknown, { id }: Args, { app, viewer }: ResearchContext) =>
    app.cancelCollaboration(viewer, id),

  planFacultyMobility: (_: unknown, { input }: Args, { app, viewer }: ResearchContext) =>
    app.planFacultyMobility(viewer, input),
  completeFacultyMobility: (_: unknown, { id }: Args, { app, viewer }: ResearchContext) =>
    app.completeFacultyMobility(viewer, id),
  cancelFacultyMobility: (_: unknown, { id }: Args, { app, viewer }: ResearchContext) =>
    app.cancelFacultyMobility(viewer, id),

  openPhdPosition: (_: unknown, { input }: Args, { app, viewer }: ResearchContext) =>
    app.openPhdPosition(viewer, input),
  addPhdCandidate: (
    _: unknown,
    { input: { positionId, ...candidate } }: Args,
    { app, viewer }: ResearchContext,
  ) => app.addPhdCandidate(viewer, positionId, candidate),
  assessPhdCandidate: (
    _: unknown,
    { input: { positionId, candidateId, ...scores } }: Args,
    { app, viewer }: ResearchContext,
  ) => app.assessPhdCandidate(viewer, positionId, candidateId, scores),
  agreeSubject: (_: unknown, { input }: Args, { app, viewer }: ResearchContext) =>
    app.agreeSubject(viewer, input.positionId, input.candidateId, input.party),
  selectPhdCandidate: (_: unknown, { input }: Args, { app, viewer }: ResearchContext) =>
    app.selectPhdCandidate(viewer, input.positionId, input.candidateId),
};
