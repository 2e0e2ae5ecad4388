import { requireSignedIn } from "@intl/auth";
import type { FacultyState } from "../domain/faculty.ts";
import { assertMayReadPersonalData } from "../domain/personalData.ts";
import type { ResearchCentreState } from "../domain/researchCentre.ts";
import { isoInstant } from "./context.ts";
import type { ResearchContext } from "./context.ts";

type Args = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- GraphQL has validated the arguments

export const researchCentreResolvers = {
  __resolveReference: (reference: { id: string }, { loaders, viewer }: ResearchContext) => {
    requireSignedIn(viewer);
    return loaders.centre.load(reference.id);
  },
  faculty: (centre: ResearchCentreState, { first, after, hdr }: Args, { app, viewer }: ResearchContext) =>
    app.listFaculty(viewer, { first, after, filter: { centreId: centre.id, hdr } }),
  collaborations: (
    centre: ResearchCentreState,
    { first, after, status, type }: Args,
    { app, viewer }: ResearchContext,
  ) => app.listCollaborations(viewer, { first, after, filter: { centreId: centre.id, status, type } }),
};

function personal<K extends "firstName" | "lastName" | "email">(field: K, label: string) {
  return (faculty: FacultyState, _: Args, { viewer }: ResearchContext) => {
    assertMayReadPersonalData(viewer, label);
    return faculty[field];
  };
}

export const facultyResolvers = {
  __resolveReference: (reference: { id: string }, { loaders, viewer }: ResearchContext) => {
    requireSignedIn(viewer);
    return loaders.faculty.load(reference.id);
  },
  firstName: personal("firstName", "A faculty member's name"),
  lastName: personal("lastName", "A faculty member's name"),
  email: personal("email", "A faculty member's email"),
  centre: (faculty: FacultyState, _: Args, { loaders }: ResearchContext) =>
    loaders.centre.load(faculty.centreId),
  registeredAt: (faculty: FacultyState) => isoInstant(faculty.registeredAt),
  collaborationsLed: (
    faculty: FacultyState,
    { first, after, status }: Args,
    { app, viewer }: ResearchContext,
  ) => app.listCollaborations(viewer, { first, after, filter: { leadFacultyId: faculty.id, status } }),
  mobilities: (faculty: FacultyState, { first, after, direction }: Args, { app, viewer }: ResearchContext) =>
    app.listFacultyMobilities(viewer, { first, after, filter: { facultyId: faculty.id, direction } }),
};
