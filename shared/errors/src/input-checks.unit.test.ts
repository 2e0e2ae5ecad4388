import { describe, expect, it } from "vitest";
import { isAcademicYear, isIsoDate } from "./index.ts";

describe("input checks", () => {
  it("takes an academic year written as two consecutive calendar years", () => {
    expect(isAcademicYear("2025-2026")).toBe(true);
    expect(isAcademicYear("2025-2027")).toBe(false);
    expect(isAcademicYear("2025/2026")).toBe(false);
    expect(isAcademicYear("2025")).toBe(false);
  });

  it("takes only real calendar dates written YYYY-MM-DD", () => {
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(isIsoDate("2026-02-30")).toBe(false);
    expect(isIsoDate("2026-2-3")).toBe(false);
    expect(isIsoDate("2026-02-03T00:00:00Z")).toBe(false);
  });
});
