import { describe, expect, it } from "vitest";
import { findProgramme, isBoundByMobilityRule, programmes, requiresInterview } from "./programmes.ts";

describe("the programme catalogue", () => {
  it("holds the two engineering programmes, admitting into the second year for two years in French", () => {
    const engineering = programmes.filter((p) => p.kind === "ENGINEERING");
    expect(engineering.map((p) => p.code)).toEqual(["ICM", "ISMIN"]);
    for (const p of engineering)
      expect(p).toMatchObject({ eqfLevel: 7, admissionYear: 2, durationSemesters: 4, language: "fr" });
  });

  it("holds ten MSc taught in English at EQF 7 with 120 ECTS, two of them marked as extrapolated", () => {
    const msc = programmes.filter((p) => p.kind === "MSC");
    expect(msc).toHaveLength(10);
    for (const p of msc) expect(p).toMatchObject({ eqfLevel: 7, language: "en", ects: 120 });
    expect(msc.filter((p) => p.extrapolated)).toHaveLength(2);
  });

  it("holds a PhD per domain of excellence at EQF 8 and two non-degree exchange programmes of 30 and 60 ECTS", () => {
    expect(programmes.filter((p) => p.kind === "PHD")).toHaveLength(8);
    for (const p of programmes.filter((p) => p.kind === "PHD")) expect(p.eqfLevel).toBe(8);
    expect(findProgramme("EXCHANGE-1S")).toMatchObject({ ects: 30, awardsDegree: false });
    expect(findProgramme("EXCHANGE-2S")).toMatchObject({ ects: 60, awardsDegree: false });
  });

  it("requires an interview for degree programmes (engineering, MSc) only", () => {
    expect(requiresInterview(findProgramme("ICM")!)).toBe(true);
    expect(requiresInterview(findProgramme("MSC-DATA-SCIENCE")!)).toBe(true);
    expect(requiresInterview(findProgramme("PHD-ENERGY")!)).toBe(false);
    expect(requiresInterview(findProgramme("EXCHANGE-1S")!)).toBe(false);
  });

  it("binds engineering students and PhD candidates by the 100 % mobility rule, not MSc or exchange students", () => {
    expect(isBoundByMobilityRule(findProgramme("ISMIN")!)).toBe(true);
    expect(isBoundByMobilityRule(findProgramme("PHD-MATERIALS")!)).toBe(true);
    expect(isBoundByMobilityRule(findProgramme("MSC-TRIBOLOGY")!)).toBe(false);
    expect(isBoundByMobilityRule(findProgramme("EXCHANGE-2S")!)).toBe(false);
  });

  it("does not know unlisted codes", () => {
    expect(findProgramme("MSC-ASTROLOGY")).toBeUndefined();
  });
});
