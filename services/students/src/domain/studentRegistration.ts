import { DomainError, ErrorKind, InputErrors } from "@intl/errors";
import { startingYearOf } from "./academicYear.ts";
import type { AcademicYear, IsoDate } from "./academicYear.ts";
import { StudentsReason } from "./errors.ts";
import { checkPerson } from "./person.ts";
import type { PersonInput } from "./person.ts";
import { checkedProgramme } from "./programmes.ts";
import type { Programme } from "./programmes.ts";

export const StudentStatus = {
  /** Nominated by a partner, not (yet) enrolled. */
  APPLICANT: "APPLICANT",
  ENROLLED: "ENROLLED",
  GRADUATED: "GRADUATED",
  LEFT: "LEFT",
} as const;
export type StudentStatus = (typeof StudentStatus)[keyof typeof StudentStatus];

export interface StudentRegistration extends PersonInput {
  programmeCode: string;
  /** Graduation year: the cohort the student belongs to. */
  cohort: number;
  /** The partner institution an incoming student comes from; null for the school's own students. */
  homeInstitutionId?: string | null;
  status?: StudentStatus;
}

export const MIN_COHORT = 1990;
export const MAX_COHORT = 2100;

/** Validates a student registered directly by the office (the school's own students, enrolled exchange students). */
export function checkStudentRegistration(input: StudentRegistration, today: IsoDate): Programme {
  const errors = new InputErrors();
  checkPerson(input, today, errors, "input");
  const programme = checkedProgramme(input.programmeCode, errors, "input.programmeCode");
  errors.check(
    Number.isInteger(input.cohort) && input.cohort >= MIN_COHORT && input.cohort <= MAX_COHORT,
    StudentsReason.INVALID_INPUT,
    "input.cohort",
    `A cohort is a graduation year between ${MIN_COHORT} and ${MAX_COHORT}.`,
  );
  errors.throwIfAny();
  return programme as Programme;
}

/** The cohort (graduation year) of someone starting `programme` in `year`. */
export function cohortStarting(programme: Programme, year: AcademicYear): number {
  return startingYearOf(year) + Math.max(1, Math.ceil(programme.durationSemesters / 2));
}

/** An admitted candidate enrols; anyone else cannot. */
export function assertCanEnrol(applicationStatus: string): void {
  if (applicationStatus !== "ADMITTED") {
    throw new DomainError(
      ErrorKind.CONFLICT,
      StudentsReason.ILLEGAL_TRANSITION,
      `Only an admitted candidate enrols, not a ${applicationStatus} one.`,
    );
  }
}
