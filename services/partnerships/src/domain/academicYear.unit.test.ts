import { describe, expect, it } from "vitest";
import {
  academicYearAt,
  endOf,
  isAcademicYear,
  isCalendarDate,
  isOver,
  lastDayOf,
  shiftAcademicYear,
} from "./academicYear.ts";

describe("academic years", () => {
  it("accepts two consecutive years and refuses anything else", () => {
    expect(isAcademicYear("2025-2026")).toBe(true);
    expect(isAcademicYear("2025-2027")).toBe(false);
    expect(isAcademicYear("2025/2026")).toBe(false);
    expect(isAcademicYear("25-26")).toBe(false);
  });

  it("starts a new academic year on 1 September", () => {
    expect(academicYearAt(new Date("2026-08-31T23:59:59Z"))).toBe("2025-2026");
    expect(academicYearAt(new Date("2026-09-01T00:00:00Z"))).toBe("2026-2027");
    expect(academicYearAt(new Date("2026-01-15T12:00:00Z"))).toBe("2025-2026");
  });

  it("is over once its 31 August has passed", () => {
    expect(lastDayOf("2025-2026")).toBe("2026-08-31");
    expect(endOf("2025-2026").toISOString()).toBe("2026-09-01T00:00:00.000Z");
    expect(isOver("2025-2026", new Date("2026-08-31T23:59:59Z"))).toBe(false);
    expect(isOver("2025-2026", new Date("2026-09-01T00:00:00Z"))).toBe(true);
  });

  it("shifts by whole years", () => {
    expect(shiftAcademicYear("2025-2026", -2)).toBe("2023-2024");
    expect(shiftAcademicYear("2025-2026", 4)).toBe("2029-2030");
  });
});

describe("calendar dates", () => {
  it("accepts only real days", () => {
    expect(isCalendarDate("2024-02-29")).toBe(true);
    expect(isCalendarDate("2025-02-29")).toBe(false);
    expect(isCalendarDate("2025-13-01")).toBe(false);
    expect(isCalendarDate("2025-9-1")).toBe(false);
  });
});
