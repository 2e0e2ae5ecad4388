import { describe, expect, it } from "vitest";
import { validateAgreementTerms, type AgreementTermsInput } from "./agreementTerms.ts";

const now = new Date("2025-10-01T10:00:00Z");
const exchange: AgreementTermsInput = {
  type: "EXCHANGE",
  programmeCodes: ["icm", "MSC-DS"],
  eqfLevels: [7],
  iscedFields: ["0714"],
  seatsOutgoingPerYear: 3,
  seatsIncomingPerYear: 2,
  languageRequirements: [{ language: "EN", level: "B2" }],
  firstAcademicYear: "2025-2026",
  lastAcademicYear: "2029-2030",
  signedByPartnerOn: "2025-06-12",
};

function fieldsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    const e = error as { field?: string; details?: { errors?: { field: string }[] } };
    return e.details?.errors?.map((item) => item.field) ?? (e.field ? [e.field] : []);
  }
  throw new Error("expected a refusal");
}

describe("agreement terms", () => {
  it("given sound terms, normalises codes and languages", () => {
    const terms = validateAgreementTerms(exchange, now);
    expect(terms.programmeCodes).toEqual(["ICM", "MSC-DS"]);
    expect(terms.languageRequirements).toEqual([{ language: "en", level: "B2" }]);
    expect(terms.signedBySchoolOn).toBeNull();
  });

  it("refuses a last academic year before the first", () => {
    expect(() =>
      validateAgreementTerms(
        { ...exchange, firstAcademicYear: "2026-2027", lastAcademicYear: "2025-2026" },
        now,
      ),
    ).toThrow(
      expect.objectContaining({ reason: "AGREEMENT_YEARS_INVERTED", field: "input.lastAcademicYear" }),
    );
  });

  it("accepts an agreement for a single academic year", () => {
    expect(validateAgreementTerms({ ...exchange, lastAcademicYear: "2025-2026" }, now).lastAcademicYear).toBe(
      "2025-2026",
    );
  });

  it("refuses malformed academic years, naming each field", () => {
    expect(
      fieldsOf(() =>
        validateAgreementTerms(
          { ...exchange, firstAcademicYear: "2025", lastAcademicYear: "2025-2027" },
          now,
        ),
      ),
    ).toEqual(["input.firstAcademicYear", "input.lastAcademicYear"]);
  });

  it("refuses a signature dated in the future or after the agreement's last day", () => {
    expect(() => validateAgreementTerms({ ...exchange, signedBySchoolOn: "2025-10-02" }, now)).toThrow(
      expect.objectContaining({ reason: "DATE_IN_FUTURE", field: "input.signedBySchoolOn" }),
    );
    expect(() =>
      validateAgreementTerms(
        {
          ...exchange,
          firstAcademicYear: "2020-2021",
          lastAcademicYear: "2021-2022",
          signedByPartnerOn: "2023-01-10",
        },
        now,
      ),
    ).toThrow(
      expect.objectContaining({ reason: "AGREEMENT_SIGNED_AFTER_END", field: "input.signedByPartnerOn" }),
    );
  });

  it("refuses a date that is not a calendar day", () => {
    expect(() => validateAgreementTerms({ ...exchange, signedByPartnerOn: "2025-02-30" }, now)).toThrow(
      expect.objectContaining({ reason: "INVALID_DATE", field: "input.signedByPartnerOn" }),
    );
  });

  it("wants an exchange to cover a programme or a level, and to offer a seat", () => {
    expect(() => validateAgreementTerms({ ...exchange, programmeCodes: [], eqfLevels: [] }, now)).toThrow(
      expect.objectContaining({ reason: "AGREEMENT_COVERS_NOTHING", field: "input.programmeCodes" }),
    );
    expect(() =>
      validateAgreementTerms({ ...exchange, seatsOutgoingPerYear: 0, seatsIncomingPerYear: 0 }, now),
    ).toThrow(expect.objectContaining({ reason: "AGREEMENT_NO_SEATS", field: "input.seatsOutgoingPerYear" }));
  });

  it("lets a research agreement cover no programme and offer no seat", () => {
    const terms = validateAgreementTerms(
      {
        ...exchange,
        type: "RESEARCH",
        programmeCodes: [],
        eqfLevels: [],
        seatsOutgoingPerYear: 0,
        seatsIncomingPerYear: 0,
      },
      now,
    );
    expect(terms.type).toBe("RESEARCH");
  });

  it("checks programme codes, EQF levels, ISCED-F fields, seats and CEFR requirements", () => {
    expect(
      fieldsOf(() =>
        validateAgreementTerms(
          {
            ...exchange,
            programmeCodes: ["msc ds"],
            eqfLevels: [9],
            iscedFields: ["714"],
            seatsIncomingPerYear: -1,
            languageRequirements: [
              { language: "english", level: "B2" },
              { language: "fr", level: "D1" as "B2" },
            ],
          },
          now,
        ),
      ),
    ).toEqual([
      "input.programmeCodes[0]",
      "input.eqfLevels[0]",
      "input.iscedFields[0]",
      "input.seatsIncomingPerYear",
      "input.languageRequirements[0].language",
      "input.languageRequirements[1].level",
    ]);
  });

  it("refuses the same programme twice", () => {
    expect(() => validateAgreementTerms({ ...exchange, programmeCodes: ["ICM", "icm"] }, now)).toThrow(
      expect.objectContaining({ reason: "DUPLICATE_VALUE", field: "input.programmeCodes" }),
    );
  });
});
