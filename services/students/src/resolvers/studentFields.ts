import { requireSignedIn } from "@intl/auth";
import { complianceStatusOf } from "../domain/mobilityCompliance.ts";
import { assertCanSeePersonalData, isVisibleTo } from "../domain/personalData.ts";
import { findProgramme, isBoundByMobilityRule } from "../domain/programmes.ts";
import type { StudentRecord } from "../models/student.ts";
import type { StudentsApp } from "../application/studentsApp.ts";
import type { StudentResolvers } from "../generated/resolvers-types.ts";
import type { StudentsContext } from "./context.ts";
import { isoInstant, recordedProgramme, reference } from "./formats.ts";

type PersonalField = "firstName" | "lastName" | "email" | "birthDate";

/** Personal data: null once erased; otherwise FORBIDDEN unless the viewer's role needs it. */
function personal(field: PersonalField) {
  return (student: StudentRecord, _args: unknown, context: StudentsContext) => {
    if (student.erasedAt) return null;
    assertCanSeePersonalData(context.viewer, student, field);
    return student[field];
  };
}

export function studentResolvers(app: StudentsApp): StudentResolvers {
  return {
    /** The gateway resolves Student references (from campaigns, research) here; a partner's non-nominee is null. */
    __resolveReference: async (ref, context) => {
      requireSignedIn(context.viewer);
      const student = await context.loaders.students.load(ref.id);
      return student && isVisibleTo(context.viewer, student.homeInstitutionId) ? student : null;
    },
    id: (student) => student._id,
    firstName: personal("firstName"),
    lastName: personal("lastName"),
    email: personal("email"),
    birthDate: personal("birthDate"),
    homeInstitution: (student) => reference(student.homeInstitutionId),
    programme: (student) => recordedProgramme(student.programmeCode),
    erased: (student) => student.erasedAt !== null,
    erasedAt: (student) => isoInstant(student.erasedAt),
    mobilityComplianceStatus: async (student, _args, context) => {
      const programme = findProgramme(student.programmeCode);
      if (!programme || !isBoundByMobilityRule(programme) || student.homeInstitutionId !== null) return null;
      return complianceStatusOf(await context.loaders.outgoingMobilities.load(student._id));
    },
    mobilities: (student, _args, context) => app.mobilitiesOfStudent(context.viewer, student._id),
    applications: (student, _args, context) => app.applicationsOfStudent(context.viewer, student._id),
  };
}
