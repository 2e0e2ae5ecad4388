import { describe, expect, it } from "vitest";
import { isIsoCountryCode, isoCountryCodes, zoneOf } from "./countryCodes.ts";
import {
  overallScore,
  feasibilityScore,
  priorityOf,
  profileCountry,
  requireCountryCode,
} from "./countryProfile.ts";

describe("countries", () => {
  it("knows every assigned ISO 3166-1 alpha-2 code, and only those", () => {
    expect(isoCountryCodes).toHaveLength(249);
    expect(isIsoCountryCode("FR")).toBe(true);
    expect(isIsoCountryCode("XK")).toBe(false);
    expect(isIsoCountryCode("UK")).toBe(false);
  });

  it("reads the seed's zones: Morocco and Lebanon in the Mediterranean basin, Senegal in Africa", () => {
    expect(zoneOf("MA")).toBe("MEDITERRANEAN");
    expect(zoneOf("LB")).toBe("MEDITERRANEAN");
    expect(zoneOf("SN")).toBe("AFRICA");
    expect(zoneOf("ZA")).toBe("AFRICA");
    expect(zoneOf("CO")).toBe("SOUTH_AMERICA");
    expect(zoneOf("VN")).toBe("ASIA");
    expect(zoneOf("IT")).toBe("EUROPE");
    expect(zoneOf("US")).toBe("NORTH_AMERICA");
  });

  it("accepts a partner country that is not targeted", () => {
    expect(requireCountryCode("se", "input.countryCode")).toBe("SE");
  });

  it("refuses an unassigned country code, naming the field", () => {
    expect(() => requireCountryCode("ZZ", "input.countryCode")).toThrow(
      expect.objectContaining({ reason: "COUNTRY_CODE_UNKNOWN", field: "input.countryCode" }),
    );
  });
});

describe("country profiles", () => {
  it("gives IMT priority precedence over the school's own targeting (Brazil is both)", () => {
    expect(priorityOf({ imtPriority: true, schoolTarget: true })).toBe("IMT_PRIORITY");
    expect(priorityOf({ imtPriority: false, schoolTarget: true })).toBe("SCHOOL_TARGET");
    expect(priorityOf({ imtPriority: false, schoolTarget: false })).toBe("NONE");
  });

  it("scores each criterion from 0 to 5 and averages feasibility's five sub-criteria", () => {
    const profile = profileCountry({
      code: "CO",
      imtPriority: false,
      schoolTarget: true,
      scores: {
        economicPotential: 4,
        academicLevel: 3,
        feasibility: { priorKnowledge: 2, acceptability: 4, stability: 3, sharedWill: 5, roomForProgress: 5 },
      },
    });
    expect(profile.zone).toBe("SOUTH_AMERICA");
    expect(profile.name).toBe("Colombia");
    expect(feasibilityScore(profile.scores)).toBe(3.8);
    expect(overallScore(profile.scores)).toBe(3.6);
  });

  it("refuses a score outside 0 to 5, naming the sub-criterion", () => {
    expect(() =>
      profileCountry({
        code: "JP",
        imtPriority: false,
        schoolTarget: true,
        scores: { feasibility: { stability: 6 } },
      }),
    ).toThrow(
      expect.objectContaining({
        reason: "COUNTRY_SCORE_OUT_OF_RANGE",
        field: "input.scores.feasibility.stability",
      }),
    );
  });
});
