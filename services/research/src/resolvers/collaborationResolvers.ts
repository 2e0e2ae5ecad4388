import { assertMayReadPersonalData } from "../domain/personalData.ts";
import type {
  CollaborationResolvers,
  CollaborationStatsResolvers,
  FacultyMobilityResolvers,
  InstitutionResolvers,
} from "../generated/resolvers-types.ts";
import { isoInstant, referencedCentre, referencedFaculty } from "./context.ts";

export const collaborationResolvers: CollaborationResolvers = {
  __resolveReference: (reference, { app, viewer }) => app.getCollaboration(viewer, reference.id),
  institutions: (collaboration) => collaboration.institutionIds.map((id) => ({ id })),
  leadFaculty: (collaboration, _, context) => referencedFaculty(context, collaboration.leadFacultyId),
  centre: (collaboration, _, context) => referencedCentre(context, collaboration.centreId),
  startedAt: (collaboration) => isoInstant(collaboration.startedAt),
  endedAt: (collaboration) => isoInstant(collaboration.endedAt),
};

export const collaborationStatsResolvers: CollaborationStatsResolvers = {
  byCentre: (stats, _, context) =>
    stats.byCentre.map(async ({ centreId, count }) => ({
      centre: await referencedCentre(context, centreId),
      count,
    })),
};

/** The partnerships service's institution, with its research life here. */
export const institutionResolvers: InstitutionResolvers = {
  __resolveReference: (reference) => ({ id: reference.id }),
  collaborations: (institution, { first, after, status, type }, { app, viewer }) =>
    app.listCollaborations(viewer, { first, after, filter: { institutionId: institution.id, status, type } }),
  facultyExchanges: (institution, { first, after, direction }, { app, viewer }) =>
    app.listFacultyMobilities(viewer, { first, after, filter: { institutionId: institution.id, direction } }),
};

export const facultyMobilityResolvers: FacultyMobilityResolvers = {
  __resolveReference: (reference, { app, viewer }) => app.getFacultyMobility(viewer, reference.id),
  faculty: (mobility, _, { loaders }) =>
    mobility.facultyId ? loaders.faculty.load(mobility.facultyId) : null,
  institution: (mobility) => ({ id: mobility.institutionId }),
  guestName: (mobility, _, { viewer }) => {
    assertMayReadPersonalData(viewer, "A guest's name");
    return mobility.guestName;
  },
  completedAt: (mobility) => isoInstant(mobility.completedAt),
};
