import { describe, expect, it } from "vitest";
import {
  amendLearningAgreement,
  assertLearningAgreementApplies,
  checkLearningAgreement,
  checkTranscript,
  recognisedEcts,
} from "./creditRecognition.ts";
import type { LearningAgreementCourse } from "./creditRecognition.ts";
import { caughtDomainError } from "@intl/testing/caught-domain-error";

const courses: LearningAgreementCourse[] = [
  {
    code: "CS101",
    title: "Algorithms",
    ects: 6,
    homeEquivalent: { code: "ISMIN-ALGO", title: "Algorithmique" },
  },
  { code: "KR100", title: "Korean language", ects: 3, homeEquivalent: null },
  { code: "EE210", title: "Signals", ects: 5, homeEquivalent: { code: "ICM-SIG", title: "Signaux" } },
];

describe("rule: ECTS recognised at home are those obtained in courses with an equivalent", () => {
  it("given a transcript of three courses, two with equivalents, then only their obtained ECTS are recognised", () => {
    const transcript = [
      { courseCode: "CS101", grade: "A", ectsObtained: 6 },
      { courseCode: "KR100", grade: "B", ectsObtained: 3 },
      { courseCode: "EE210", grade: "F", ectsObtained: 0 },
    ];
    expect(recognisedEcts(courses, transcript)).toBe(6);
  });

  it("given no transcript yet, then nothing is recognised", () => {
    expect(recognisedEcts(courses, [])).toBe(0);
  });
});

describe("learning agreements", () => {
  it("apply to study mobilities (exchange, double degree) only", () => {
    expect(() => assertLearningAgreementApplies("STUDY")).not.toThrow();
    expect(() => assertLearningAgreementApplies("DOUBLE_DEGREE")).not.toThrow();
    expect(caughtDomainError(() => assertLearningAgreementApplies("INTERNSHIP"))).toMatchObject({
      reason: "LEARNING_AGREEMENT_NOT_APPLICABLE",
    });
  });

  it("refuse a course listed twice or worth no ECTS", () => {
    expect(caughtDomainError(() => checkLearningAgreement([courses[0]!, courses[0]!]))).toMatchObject({
      field: "input.courses[1].code",
    });
    expect(caughtDomainError(() => checkLearningAgreement([{ ...courses[0]!, ects: 0 }]))).toMatchObject({
      field: "input.courses[0].ects",
    });
  });

  it("record each amendment with its date and reason", () => {
    const at = new Date("2027-02-10T10:00:00Z");
    const amended = amendLearningAgreement(
      courses,
      {
        add: [{ code: "MA300", title: "Optimisation", ects: 4, homeEquivalent: null }],
        remove: ["KR100"],
        reason: "Timetable clash",
      },
      at,
    );
    expect(amended.courses.map((c) => c.code)).toEqual(["CS101", "EE210", "MA300"]);
    expect(amended.changes).toEqual([
      { at, kind: "REMOVED", courseCode: "KR100", reason: "Timetable clash" },
      { at, kind: "ADDED", courseCode: "MA300", reason: "Timetable clash" },
    ]);
  });

  it("refuse to remove a course that is not in the agreement", () => {
    expect(
      caughtDomainError(() =>
        amendLearningAgreement(courses, { add: [], remove: ["ZZ999"], reason: "x" }, new Date()),
      ),
    ).toMatchObject({
      reason: "UNKNOWN_COURSE",
      field: "input.remove[0]",
    });
  });
});

describe("transcripts", () => {
  it("report only courses of the learning agreement", () => {
    expect(
      caughtDomainError(() =>
        checkTranscript(courses, [{ courseCode: "ZZ999", grade: "A", ectsObtained: 3 }]),
      ),
    ).toMatchObject({
      reason: "UNKNOWN_COURSE",
      field: "input.entries[0].courseCode",
    });
  });

  it("never report more ECTS than the course is worth", () => {
    expect(
      caughtDomainError(() =>
        checkTranscript(courses, [{ courseCode: "KR100", grade: "A", ectsObtained: 4 }]),
      ),
    ).toMatchObject({
      field: "input.entries[0].ectsObtained",
    });
  });
});
