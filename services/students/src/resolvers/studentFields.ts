import { requireSignedIn } from "@intl/auth";
import { complianceStatusOf } from "../domain/mobilityCompliance.ts";
import { assertCanSeePersonalData, isVisibleTo } from "../domain/personalData.ts";
import { findProgramme, isBoundByMobilityRule } from "../domain/programmes.ts";
import type { StudentRecord } from "../models/student.ts";
import type { StudentsApp } from "../application/studentsApp.ts";
import type { StudentsContext } from "./context.ts";
import { isoInstant, reference } from "./formats.ts";

type PersonalField = "firstName" | "lastName" | "email" | "birthDate";

/** Personal data: null once erased; otherwise FORBIDDEN unless the viewer's role needs it. */
function personal(field: PersonalField) {
  return (student: StudentRecord, _args: unknown, context: StudentsContext) => {
    if (student.erasedAt) return null;
    assertCanSeePersonalData(context.viewer, student, field);
    return student[field];
  };
}

export function studentResolvers(app: StudentsApp) {
  return {
    /** The gateway resolves Student references (from campaigns, research) here; a partner's non-nominee is null. */
    __resolveReference: async (ref: { id: string }, context: StudentsContext) => {
      requireSignedIn(context.viewer);
      const student = await context.loaders.students.load(ref.id);
      return student && isVisibleTo(context.viewer, student.homeInstitutionId) ? student : null;
    },
    id: (student: StudentRecord) => student._id,
    firstName: personal("firstName"),
    lastName: personal("lastName"),
    email: personal("email"),
    birthDate: personal("birthDate"),
    homeInstitution: (student: StudentRecord) => reference(student.homeInstitutionId),
    programme: (student: StudentRecord) => findProgramme(student.programmeCode),
    erased: (student: StudentRecord) => student.erasedAt !== null,
    erasedAt: (student: StudentRecord) => isoInstant(student.erasedAt),
    mobilityComplianceStatus: async (student: StudentRecord, _args: unknown, context: StudentsContext) => {
      const programme = findProgramme(student.programmeCode);
      if (!programme || !isBoundByMobilityRule(programme) || student.homeInstitutionId !== null) return null;
      return complianceStatusOf(await context.loaders.outgoingMobilities.load(student._id));
    },
    mobilities: (student: StudentRecord, _args: unknown, context: StudentsContext) =>
      app.mobilitiesOfStudent(context.viewer, student._id),
    applications: (student: StudentRecord, _args: unknown, context: StudentsContext) =>
      app.applicationsOfStudent(context.viewer, student._id),
  };
}
