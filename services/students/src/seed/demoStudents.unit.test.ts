import { describe, expect, it } from "vitest";
import { findProgramme } from "../domain/programmes.ts";
import { DEMO_EMAIL_DOMAIN, demoStudents } from "./demoStudents.ts";

describe("demo students", () => {
  const students = demoStudents(3000, 2026);

  it("are the same at every run, so re-running the seed does not duplicate them", () => {
    expect(demoStudents(3000, 2026)).toEqual(students);
  });

  it("are about 30 % international, from many countries", () => {
    const international = students.filter((student) => student.nationality !== "FR");
    expect(international.length / students.length).toBeGreaterThan(0.26);
    expect(international.length / students.length).toBeLessThan(0.34);
    expect(new Set(international.map((student) => student.nationality)).size).toBeGreaterThanOrEqual(15);
  });

  it("spread over five cohorts and every programme kind, with known programmes and demo emails", () => {
    expect(new Set(students.map((student) => student.cohort))).toEqual(
      new Set([2025, 2026, 2027, 2028, 2029]),
    );
    expect(new Set(students.map((student) => findProgramme(student.programmeCode)?.kind))).toEqual(
      new Set(["ENGINEERING", "MSC", "PHD", "EXCHANGE"]),
    );
    expect(students.every((student) => student.email.endsWith(`@${DEMO_EMAIL_DOMAIN}`))).toBe(true);
  });

  it("have graduated in the cohorts already past", () => {
    expect(
      students.filter((student) => student.cohort <= 2026).every((student) => student.status === "GRADUATED"),
    ).toBe(true);
    expect(
      students.filter((student) => student.cohort > 2026).every((student) => student.status === "ENROLLED"),
    ).toBe(true);
  });
});
