import { requireSignedIn } from "@intl/auth";
import type { FacultyState } from "../domain/faculty.ts";
import { assertMayReadPersonalData } from "../domain/personalData.ts";
import type { FacultyResolvers, ResearchCentreResolvers } from "../generated/resolvers-types.ts";
import { isoInstant, referencedCentre } from "./context.ts";
import type { ResearchContext } from "./context.ts";

export const researchCentreResolvers: ResearchCentreResolvers = {
  __resolveReference: (reference, { loaders, viewer }) => {
    requireSignedIn(viewer);
    return loaders.centre.load(reference.id);
  },
  faculty: (centre, { first, after, hdr }, { app, viewer }) =>
    app.listFaculty(viewer, { first, after, filter: { centreId: centre.id, hdr } }),
  collaborations: (centre, { first, after, status, type }, { app, viewer }) =>
    app.listCollaborations(viewer, { first, after, filter: { centreId: centre.id, status, type } }),
};

function personal<K extends "firstName" | "lastName" | "email">(field: K, label: string) {
  return (faculty: FacultyState, _: unknown, { viewer }: ResearchContext) => {
    assertMayReadPersonalData(viewer, label);
    return faculty[field];
  };
}

export const facultyResolvers: FacultyResolvers = {
  __resolveReference: (reference, { loaders, viewer }) => {
    requireSignedIn(viewer);
    return loaders.faculty.load(reference.id);
  },
  firstName: personal("firstName", "A faculty member's name"),
  lastName: personal("lastName", "A faculty member's name"),
  email: personal("email", "A faculty member's email"),
  centre: (faculty, _, context) => referencedCentre(context, faculty.centreId),
  registeredAt: (faculty) => isoInstant(faculty.registeredAt),
  collaborationsLed: (faculty, { first, after, status }, { app, viewer }) =>
    app.listCollaborations(viewer, { first, after, filter: { leadFacultyId: faculty.id, status } }),
  mobilities: (faculty, { first, after, direction }, { app, viewer }) =>
    app.listFacultyMobilities(viewer, { first, after, filter: { facultyId: faculty.id, direction } }),
};
