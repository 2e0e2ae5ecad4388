import { describe, expect, it } from "vitest";
import { agreementAllowingNomination, agreementCoversProgramme } from "./agreements.ts";
import type { AgreementView } from "./agreements.ts";
import { findProgramme } from "./programmes.ts";

const agreement = (overrides: Partial<AgreementView> = {}): AgreementView => ({
  agreementId: "agr-1",
  institutionId: "inst-usp",
  countryCode: "BR",
  type: "EXCHANGE",
  status: "ACTIVE",
  programmeCodes: [],
  eqfLevels: [],
  seatsOutgoingPerYear: 2,
  seatsIncomingPerYear: 2,
  firstAcademicYear: "2025-2026",
  lastAcademicYear: "2027-2028",
  ...overrides,
});

const icm = findProgramme("ICM")!;
const mscDataScience = findProgramme("MSC-DATA-SCIENCE")!;
const phdEnergy = findProgramme("PHD-ENERGY")!;

describe("rule: an agreement covers a programme by code, family or EQF level", () => {
  it("covers a programme it names", () => {
    expect(agreementCoversProgramme(agreement({ programmeCodes: ["ICM"] }), icm)).toBe(true);
    expect(agreementCoversProgramme(agreement({ programmeCodes: ["ISMIN"] }), icm)).toBe(false);
  });

  it("covers every programme of a family it names (MSC, PHD, EXCHANGE, ENGINEERING)", () => {
    expect(agreementCoversProgramme(agreement({ programmeCodes: ["MSC"] }), mscDataScience)).toBe(true);
    expect(agreementCoversProgramme(agreement({ programmeCodes: ["PHD"] }), phdEnergy)).toBe(true);
    expect(agreementCoversProgramme(agreement({ programmeCodes: ["ENGINEERING"] }), icm)).toBe(true);
    expect(agreementCoversProgramme(agreement({ programmeCodes: ["MSC"] }), phdEnergy)).toBe(false);
  });

  it("covers every programme at an EQF level it names", () => {
    expect(agreementCoversProgramme(agreement({ eqfLevels: [8] }), phdEnergy)).toBe(true);
    expect(agreementCoversProgramme(agreement({ eqfLevels: [8] }), icm)).toBe(false);
  });
});

describe("rule: a nomination needs an active agreement covering the programme and the year", () => {
  it("given an active agreement covering ICM from 2025 to 2028, when nominating for ICM in 2026-2027, then it is allowed", () => {
    const found = agreementAllowingNomination(
      [agreement({ programmeCodes: ["ICM"] })],
      "inst-usp",
      icm,
      "2026-2027",
    );
    expect(found.agreementId).toBe("agr-1");
  });

  it.each([
    ["terminated", { status: "TERMINATED" as const }],
    ["expired", { status: "EXPIRED" as const }],
    ["still a draft", { status: "DRAFT" as const }],
    ["for another programme", { programmeCodes: ["ISMIN"] }],
    ["ending before the year", { lastAcademicYear: "2025-2026" }],
    ["starting after the year", { firstAcademicYear: "2027-2028" }],
    ["with another institution", { institutionId: "inst-other" }],
  ])(
    "given the only agreement is %s, when nominating, then it is refused with NO_ACTIVE_AGREEMENT",
    (_label, overrides) => {
      expect(() =>
        agreementAllowingNomination(
          [agreement({ programmeCodes: ["ICM"], ...overrides })],
          "inst-usp",
          icm,
          "2026-2027",
        ),
      ).toThrowError(expect.objectContaining({ kind: "CONFLICT", reason: "NO_ACTIVE_AGREEMENT" }));
    },
  );
});
