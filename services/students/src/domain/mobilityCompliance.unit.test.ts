import { describe, expect, it } from "vitest";
import { cohortCompliance, complianceStatusOf, isAtRisk } from "./mobilityCompliance.ts";

describe("rule: every engineering student and PhD candidate goes abroad (100 %)", () => {
  it("counts a completed outgoing mobility as done, a planned one as planned, a cancelled one as nothing", () => {
    expect(complianceStatusOf([{ status: "PLANNED" }, { status: "COMPLETED" }])).toBe("DONE");
    expect(complianceStatusOf([{ status: "PLANNED" }])).toBe("PLANNED");
    expect(complianceStatusOf([{ status: "CANCELLED" }])).toBe("NONE");
    expect(complianceStatusOf([])).toBe("NONE");
  });

  it("given a cohort of four, when classified, then it counts done, planned and none with shares against a 100 % target", () => {
    const result = cohortCompliance(
      2028,
      ["a", "b", "c", "d"],
      [
        { studentId: "a", status: "COMPLETED" },
        { studentId: "b", status: "PLANNED" },
        { studentId: "c", status: "CANCELLED" },
      ],
      "2026-11-25",
    );
    expect(result).toMatchObject({
      total: 4,
      done: 1,
      planned: 1,
      none: 2,
      share: 0.25,
      projectedShare: 0.5,
      target: 1,
    });
    expect(result.statusOf.get("c")).toBe("NONE");
  });

  it("given a student with nothing planned 9 months before graduation, when the warning window is 12 months, then they are at risk", () => {
    expect(isAtRisk("NONE", 2027, "2026-11-25", 12)).toBe(true);
    expect(cohortCompliance(2027, ["a"], [], "2026-11-25", 12).atRisk).toEqual(["a"]);
  });

  it("given a student with nothing planned 21 months before graduation, then they are not at risk yet", () => {
    expect(isAtRisk("NONE", 2028, "2026-11-25", 12)).toBe(false);
  });

  it("given a planned mobility close to graduation, then the student is not at risk", () => {
    expect(isAtRisk("PLANNED", 2027, "2026-11-25", 12)).toBe(false);
  });

  it("given a graduation already past without mobility, then the student is at risk (missed)", () => {
    expect(isAtRisk("NONE", 2026, "2026-11-25", 12)).toBe(true);
  });

  it("given an empty cohort, then shares are unknown rather than 0 or 100 %", () => {
    expect(cohortCompliance(2030, [], [], "2026-11-25")).toMatchObject({
      total: 0,
      share: null,
      projectedShare: null,
    });
  });
});
