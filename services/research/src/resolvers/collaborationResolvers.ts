import type { CollaborationState } from "../domain/collaboration.ts";
import type { FacultyMobilityState } from "../domain/facultyMobility.ts";
import { assertMayReadPersonalData } from "../domain/personalData.ts";
import { isoInstant } from "./context.ts";
import type { ResearchContext } from "./context.ts";

type Args = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- GraphQL has validated the arguments

export const collaborationResolvers = {
  __resolveReference: (reference: { id: string }, { app, viewer }: ResearchContext) =>
    app.getCollaboration(viewer, reference.id),
  institutions: (collaboration: CollaborationState) => collaboration.institutionIds.map((id) => ({ id })),
  leadFaculty: (collaboration: CollaborationState, _: Args, { loaders }: ResearchContext) =>
    loaders.faculty.load(collaboration.leadFacultyId),
  centre: (collaboration: CollaborationState, _: Args, { loaders }: ResearchContext) =>
    loaders.centre.load(collaboration.centreId),
  startedAt: (collaboration: CollaborationState) => isoInstant(collaboration.startedAt),
  endedAt: (collaboration: CollaborationState) => isoInstant(collaboration.endedAt),
};

export const collaborationStatsResolvers = {
  byCentre: (
    stats: { byCentre: { centreId: string; count: number }[] },
    _: Args,
    { loaders }: ResearchContext,
  ) =>
    stats.byCentre.map(async ({ centreId, count }) => ({
      centre: await loaders.centre.load(centreId),
      count,
    })),
};

/** The partnerships service's institution, with its research life here. */
export const institutionResolvers = {
  __resolveReference: (reference: { id: string }) => ({ id: reference.id }),
  collaborations: (
    institution: { id: string },
    { first, after, status, type }: Args,
    { app, viewer }: ResearchContext,
  ) =>
    app.listCollaborations(viewer, { first, after, filter: { institutionId: institution.id, status, type } }),
  facultyExchanges: (
    institution: { id: string },
    { first, after, direction }: Args,
    { app, viewer }: ResearchContext,
  ) =>
    app.listFacultyMobilities(viewer, { first, after, filter: { institutionId: institution.id, direction } }),
};

export const facultyMobilityResolvers = {
  __resolveReference: (reference: { id: string }, { app, viewer }: ResearchContext) =>
    app.getFacultyMobility(viewer, reference.id),
  faculty: (mobility: FacultyMobilityState, _: Args, { loaders }: ResearchContext) =>
    mobility.facultyId ? loaders.faculty.load(mobility.facultyId) : null,
  institution: (mobility: FacultyMobilityState) => ({ id: mobility.institutionId }),
  guestName: (mobility: FacultyMobilityState, _: Args, { viewer }: ResearchContext) => {
    assertMayReadPersonalData(viewer, "A guest's name");
    return mobility.guestName;
  },
  completedAt: (mobility: FacultyMobilityState) => isoInstant(mobility.completedAt),
};
