import { DomainError, ErrorKind, InputErrors, enumOf, type EnumValue } from "@intl/errors";
import { StudentsReason } from "./errors.ts";
import { MobilityType } from "./mobilityPlanning.ts";

/**
 * Credit recognition for exchange study: the learning agreement lists the
 * courses taken abroad with their home equivalents; the transcript gives what
 * was obtained; recognised ECTS at home are the ECTS obtained in courses with
 * an equivalent (the school's equivalence system).
 */

export interface HomeEquivalent {
  code: string;
  title: string;
}

export interface LearningAgreementCourse {
  code: string;
  title: string;
  ects: number;
  homeEquivalent: HomeEquivalent | null;
}

export const LearningAgreementChangeKind = enumOf("ADDED", "REMOVED");
export type LearningAgreementChangeKind = EnumValue<typeof LearningAgreementChangeKind>;

export interface LearningAgreementChange {
  at: Date;
  kind: LearningAgreementChangeKind;
  courseCode: string;
  reason: string;
}

export interface TranscriptEntry {
  courseCode: string;
  /** As written on the host's transcript (ECTS grade A–F, 15/20, 3.7...). */
  grade: string;
  ectsObtained: number;
}

export interface LearningAgreementAmendment {
  add: LearningAgreementCourse[];
  remove: string[];
  reason: string;
}

/** Only study abroad (exchange, double degree) has a learning agreement; internships and research stays do not. */
export function assertLearningAgreementApplies(type: MobilityType): void {
  if (type !== MobilityType.STUDY && type !== MobilityType.DOUBLE_DEGREE) {
    throw new DomainError(
      ErrorKind.CONFLICT,
      StudentsReason.LEARNING_AGREEMENT_NOT_APPLICABLE,
      `A ${type} mobility has no learning agreement; only study mobilities do.`,
    );
  }
}

function checkCourses(
  courses: readonly LearningAgreementCourse[],
  errors: InputErrors,
  field: string,
  existing: ReadonlySet<string>,
): void {
  const seen = new Set(existing);
  courses.forEach((course, index) => {
    const at = `${field}[${index}]`;
    errors.check(
      course.code.trim() !== "",
      StudentsReason.INVALID_INPUT,
      `${at}.code`,
      "A course needs a code.",
    );
    errors.check(
      !seen.has(course.code),
      StudentsReason.INVALID_INPUT,
      `${at}.code`,
      `Course ${course.code} is listed twice.`,
    );
    errors.check(
      course.title.trim() !== "",
      StudentsReason.INVALID_INPUT,
      `${at}.title`,
      "A course needs a title.",
    );
    errors.check(
      course.ects > 0 && course.ects <= 60,
      StudentsReason.INVALID_INPUT,
      `${at}.ects`,
      "A course is worth more than 0 and at most 60 ECTS.",
    );
    if (course.homeEquivalent) {
      errors.check(
        course.homeEquivalent.code.trim() !== "",
        StudentsReason.INVALID_INPUT,
        `${at}.homeEquivalent.code`,
        "An equivalent needs a code.",
      );
    }
    seen.add(course.code);
  });
}

/** Validates the first version of a learning agreement. */
export function checkLearningAgreement(courses: readonly LearningAgreementCourse[]): void {
  const errors = new InputErrors();
  errors.check(
    courses.length > 0,
    StudentsReason.INVALID_INPUT,
    "input.courses",
    "A learning agreement lists at least one course.",
  );
  checkCourses(courses, errors, "input.courses", new Set());
  errors.throwIfAny();
}

/** Applies an amendment (courses added or removed, with a reason), recording each change with its date. */
export function amendLearningAgreement(
  current: readonly LearningAgreementCourse[],
  amendment: LearningAgreementAmendment,
  at: Date,
): { courses: LearningAgreementCourse[]; changes: LearningAgreementChange[] } {
  const errors = new InputErrors();
  errors.check(
    amendment.reason.trim() !== "",
    StudentsReason.INVALID_INPUT,
    "input.reason",
    "Say why the learning agreement changes.",
  );
  errors.check(
    amendment.add.length + amendment.remove.length > 0,
    StudentsReason.INVALID_INPUT,
    "input.add",
    "Add or remove at least one course.",
  );
  const codes = new Set(current.map((course) => course.code));
  amendment.remove.forEach((code, index) => {
    errors.check(
      codes.has(code),
      StudentsReason.UNKNOWN_COURSE,
      `input.remove[${index}]`,
      `Course ${code} is not in the learning agreement.`,
    );
  });
  const remaining = new Set([...codes].filter((code) => !amendment.remove.includes(code)));
  checkCourses(amendment.add, errors, "input.add", remaining);
  errors.throwIfAny();
  const courses = [...current.filter((course) => !amendment.remove.includes(course.code)), ...amendment.add];
  const changes: LearningAgreementChange[] = [
    ...amendment.remove.map((courseCode) => ({
      at,
      kind: LearningAgreementChangeKind.REMOVED,
      courseCode,
      reason: amendment.reason,
    })),
    ...amendment.add.map((course) => ({
      at,
      kind: LearningAgreementChangeKind.ADDED,
      courseCode: course.code,
      reason: amendment.reason,
    })),
  ];
  return { courses, changes };
}

/** A transcript reports courses of the learning agreement, each once, with at most the course's ECTS. */
export function checkTranscript(
  courses: readonly LearningAgreementCourse[],
  entries: readonly TranscriptEntry[],
): void {
  const errors = new InputErrors();
  const byCode = new Map(courses.map((course) => [course.code, course]));
  const seen = new Set<string>();
  entries.forEach((entry, index) => {
    const at = `input.entries[${index}]`;
    const course = byCode.get(entry.courseCode);
    errors.check(
      course !== undefined,
      StudentsReason.UNKNOWN_COURSE,
      `${at}.courseCode`,
      `Course ${entry.courseCode} is not in the learning agreement.`,
    );
    errors.check(
      !seen.has(entry.courseCode),
      StudentsReason.INVALID_INPUT,
      `${at}.courseCode`,
      `Course ${entry.courseCode} is reported twice.`,
    );
    errors.check(
      entry.grade.trim() !== "",
      StudentsReason.INVALID_INPUT,
      `${at}.grade`,
      "Give the grade as written on the transcript.",
    );
    errors.check(
      entry.ectsObtained >= 0 && entry.ectsObtained <= (course?.ects ?? Number.POSITIVE_INFINITY),
      StudentsReason.INVALID_INPUT,
      `${at}.ectsObtained`,
      `ECTS obtained lie between 0 and the course's ${course?.ects ?? "?"} ECTS.`,
    );
    seen.add(entry.courseCode);
  });
  errors.throwIfAny();
}

/** ECTS recognised at home: those obtained in courses that have a home equivalent. */
export function recognisedEcts(
  courses: readonly LearningAgreementCourse[],
  transcript: readonly TranscriptEntry[],
): number {
  const withEquivalent = new Set(
    courses.filter((course) => course.homeEquivalent !== null).map((course) => course.code),
  );
  return transcript
    .filter((entry) => withEquivalent.has(entry.courseCode))
    .reduce((sum, entry) => sum + entry.ectsObtained, 0);
}
