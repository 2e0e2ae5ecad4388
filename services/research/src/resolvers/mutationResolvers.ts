import type { MutationResolvers } from "../generated/resolvers-types.ts";

/** Thin: arguments → one application operation. */
export const mutationResolvers: MutationResolvers = {
  createResearchCentre: (_, { input }, { app, viewer }) => app.createResearchCentre(viewer, input),
  registerFaculty: (_, { input }, { app, viewer }) => app.registerFaculty(viewer, input),
  recordFacultyHdr: (_, { facultyId }, { app, viewer }) => app.recordFacultyHdr(viewer, facultyId),

  planCollaboration: (_, { input }, { app, viewer }) => app.planCollaboration(viewer, input),
  startCollaboration: (_, { id }, { app, viewer }) => app.startCollaboration(viewer, id),
  endCollaboration: (_, { id, endDate }, { app, viewer }) => app.endCollaboration(viewer, id, endDate),
  cancelCollaboration: (_, { id }, { app, viewer }) => app.cancelCollaboration(viewer, id),

  planFacultyMobility: (_, { input }, { app, viewer }) => app.planFacultyMobility(viewer, input),
  completeFacultyMobility: (_, { id }, { app, viewer }) => app.completeFacultyMobility(viewer, id),
  cancelFacultyMobility: (_, { id }, { app, viewer }) => app.cancelFacultyMobility(viewer, id),

  openPhdPosition: (_, { input }, { app, viewer }) => app.openPhdPosition(viewer, input),
  addPhdCandidate: (_, { input: { positionId, ...candidate } }, { app, viewer }) =>
    app.addPhdCandidate(viewer, positionId, candidate),
  assessPhdCandidate: (_, { input: { positionId, candidateId, ...scores } }, { app, viewer }) =>
    app.assessPhdCandidate(viewer, positionId, candidateId, scores),
  agreeSubject: (_, { input }, { app, viewer }) =>
    app.agreeSubject(viewer, input.positionId, input.candidateId, input.party),
  selectPhdCandidate: (_, { input }, { app, viewer }) =>
    app.selectPhdCandidate(viewer, input.positionId, input.candidateId),
};
