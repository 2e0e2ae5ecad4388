import { describe, expect, it } from "vitest";
import { validateNewCampaign } from "../domain/campaignDetails.ts";
import * as demo from "./demoCampaigns.ts";

describe("the demo missions", () => {
  it("go with IMT to China and Brazil, alone to Morocco and Lebanon", () => {
    expect(demo.demoMissions.map((mission) => [mission.countryCode, mission.mode])).toEqual([
      ["CN", "JOINT_WITH_IMT"],
      ["BR", "JOINT_WITH_IMT"],
      ["MA", "SCHOOL_ONLY"],
      ["LB", "SCHOOL_ONLY"],
    ]);
  });

  it("recruit for the intakes of the last three academic years' missions and the current one's", () => {
    expect(demo.demoIntakes(new Date("2026-11-25T00:00:00Z"))).toEqual([
      "2024-2025",
      "2025-2026",
      "2026-2027",
      "2027-2028",
    ]);
    expect(demo.demoIntakes(new Date("2026-05-01T00:00:00Z"), ["2030-2031"])).toEqual([
      "2023-2024",
      "2024-2025",
      "2025-2026",
      "2026-2027",
      "2030-2031",
    ]);
  });

  it("pass the campaign rules, marked demo", () => {
    const partners = [{ id: "inst-demo-1", name: "Tsinghua University" }];
    for (const mission of demo.demoMissions) {
      const input = demo.demoCampaignInput(
        mission,
        "2026-2027",
        mission.countryCode === "CN" ? partners : [],
        ["fac-1", "fac-2"],
      );
      const institutions = new Map([["inst-demo-1", { countryCode: "CN" }]]);
      expect(() => validateNewCampaign(input, institutions)).not.toThrow();
      expect(input.name).toContain("(demo)");
      expect(input.startDate).toMatch(/^2026-/);
    }
  });

  it("share the known faculty in turn, and manage without", () => {
    expect(demo.demoMissionFaculty(["a", "b", "c", "d"], 1)).toEqual(["d", "a", "b"]);
    expect(demo.demoMissionFaculty([], 0)).toEqual([]);
  });

  it("hold eight 45-minute interviews a day within the mission, then stop", () => {
    const lebanon = demo.demoMissions[3]!;
    expect(demo.demoSlot(lebanon, "2026-2027", 0)).toEqual({
      start: "2026-04-13T06:00:00.000Z",
      end: "2026-04-13T06:45:00.000Z",
    });
    expect(demo.demoSlot(lebanon, "2026-2027", 9)).toEqual({
      start: "2026-04-14T06:45:00.000Z",
      end: "2026-04-14T07:30:00.000Z",
    });
    expect(demo.demoSlot(lebanon, "2026-2027", 40)).toBeNull();
  });

  it("score deterministically and recommend according to the scores", () => {
    expect(demo.demoScores("app-1", "fac-1")).toEqual(demo.demoScores("app-1", "fac-1"));
    expect(demo.demoScores("app-1", "fac-1").every((score) => score.value >= 9 && score.value <= 19)).toBe(
      true,
    );
    expect([demo.demoRecommendation(15), demo.demoRecommendation(12.5), demo.demoRecommendation(10)]).toEqual(
      ["ADMIT", "WAITLIST", "REJECT"],
    );
  });
});
