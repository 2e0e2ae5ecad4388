import { describe, expect, it } from "vitest";
import {
  academicYearOf,
  graduationDateOf,
  isAcademicYear,
  isIsoDate,
  lastDayOf,
  monthsBetween,
} from "./academicYear.ts";

describe("academic years and dates", () => {
  it("accepts two consecutive years only", () => {
    expect(isAcademicYear("2026-2027")).toBe(true);
    expect(isAcademicYear("2026-2028")).toBe(false);
    expect(isAcademicYear("2026/2027")).toBe(false);
  });

  it("places a date in the academic year running from September to August", () => {
    expect(academicYearOf("2026-09-01")).toBe("2026-2027");
    expect(academicYearOf("2027-08-31")).toBe("2026-2027");
    expect(lastDayOf("2026-2027")).toBe("2027-08-31");
  });

  it("rejects impossible calendar dates", () => {
    expect(isIsoDate("2026-02-30")).toBe(false);
    expect(isIsoDate("2026-02-28")).toBe(true);
  });

  it("counts whole months to a cohort's graduation, negative once past", () => {
    expect(graduationDateOf(2027)).toBe("2027-08-31");
    expect(monthsBetween("2026-11-25", "2027-08-31")).toBe(9);
    expect(monthsBetween("2026-08-31", "2027-08-31")).toBe(12);
    expect(monthsBetween("2026-09-01", "2027-08-31")).toBe(11);
    expect(monthsBetween("2027-10-01", "2027-08-31")).toBe(-1);
  });
});
