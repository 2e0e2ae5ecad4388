import { describe, expect, it } from "vitest";
import { caughtDomainError as caught } from "@intl/testing/caught-domain-error";
import { academicYearWindow, facultyMobilityShare } from "./facultyMobilityShare.ts";

describe("the share of faculty who went abroad in a year", () => {
  it("an academic year runs from 1 September to 31 August", () => {
    expect(academicYearWindow("2025-2026")).toEqual({ from: "2025-09-01", to: "2026-08-31" });
  });

  it("refuses a malformed academic year", () => {
    expect(caught(() => academicYearWindow("2025-2027"))).toMatchObject({
      kind: "BAD_USER_INPUT",
      reason: "INVALID_ACADEMIC_YEAR",
      field: "academicYear",
    });
  });

  it("is those who went abroad over the faculty", () => {
    expect(
      facultyMobilityShare({ academicYear: "2025-2026", facultyCount: 200, wentAbroad: 30, hostedPeers: 12 }),
    ).toEqual({
      academicYear: "2025-2026",
      facultyCount: 200,
      wentAbroad: 30,
      share: 0.15,
      hostedPeers: 12,
    });
  });

  it("is 0 without faculty", () => {
    expect(
      facultyMobilityShare({ academicYear: "2025-2026", facultyCount: 0, wentAbroad: 0, hostedPeers: 0 })
        .share,
    ).toBe(0);
  });
});
