import { describe, expect, it } from "vitest";
import { collaborationStats } from "./collaborationStats.ts";

const countries: Record<string, string> = { usp: "BR", unicamp: "BR", tsinghua: "CN", polimi: "IT" };

describe("collaboration counts for analysts", () => {
  const stats = collaborationStats(
    [
      { type: "JOINT_RESEARCH", centreId: "SMS", institutionIds: ["usp", "unicamp"] },
      { type: "JOINT_RESEARCH", centreId: "CMP", institutionIds: ["tsinghua", "usp"] },
      { type: "JOINT_LAB", centreId: "SMS", institutionIds: ["polimi"] },
      { type: "APPLIED_RESEARCH_FOR_COMPANY", centreId: "SPIN", institutionIds: [] },
    ],
    (id) => countries[id],
  );

  it("counts a collaboration once per country, however many of its institutions are there", () => {
    expect(stats.byCountry).toEqual([
      { countryCode: "BR", count: 2 },
      { countryCode: "CN", count: 1 },
      { countryCode: "IT", count: 1 },
    ]);
  });

  it("counts by type and by centre, largest first", () => {
    expect(stats.total).toBe(4);
    expect(stats.byType[0]).toEqual({ type: "JOINT_RESEARCH", count: 2 });
    expect(stats.byType).toHaveLength(3);
    expect(stats.byCentre).toEqual([
      { centreId: "SMS", count: 2 },
      { centreId: "CMP", count: 1 },
      { centreId: "SPIN", count: 1 },
    ]);
  });

  it("a company-only collaboration has no country", () => {
    const only = collaborationStats(
      [{ type: "APPLIED_RESEARCH_FOR_COMPANY", centreId: "SPIN", institutionIds: [] }],
      () => undefined,
    );
    expect(only.byCountry).toEqual([]);
    expect(only.total).toBe(1);
  });
});
