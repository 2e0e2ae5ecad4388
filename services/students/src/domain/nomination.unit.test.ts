import { describe, expect, it } from "vitest";
import { checkNomination, nominatingInstitution } from "./nomination.ts";
import type { NominationInput } from "./nomination.ts";
import { viewerWith } from "./testViewers.ts";

const partner = viewerWith("PARTNER", { institutionId: "inst-usp" });
const office = viewerWith("INTERNATIONAL_OFFICE");
const today = "2026-11-25";

const completeNomination = (overrides: Partial<NominationInput> = {}): NominationInput => ({
  programmeCode: "ICM",
  academicYear: "2027-2028",
  candidate: {
    firstName: "Ana",
    lastName: "Souza",
    email: "ana@usp.example",
    birthDate: "2003-04-02",
    nationality: "BR",
  },
  dossier: {
    documents: ["PASSPORT", "TRANSCRIPT", "CV", "MOTIVATION_LETTER", "LANGUAGE_CERTIFICATE"].map((kind) => ({
      kind: kind as never,
      name: `${kind}.pdf`,
      uri: `https://files.example/${kind}`,
    })),
    grades: [{ subject: "Mathematics", grade: 8.5, scale: 10 }],
    languageCertificate: { language: "fr", cefrLevel: "B2", testName: "DELF" },
  },
  ...overrides,
});

const fieldOf = (action: () => unknown) => {
  try {
    action();
  } catch (error) {
    return {
      kind: (error as { kind: string }).kind,
      reason: (error as { reason: string }).reason,
      field: (error as { field?: string }).field,
    };
  }
  throw new Error("expected an error");
};

describe("who nominates", () => {
  it("given a partner, when it nominates, then it nominates for its own institution", () => {
    expect(nominatingInstitution(partner, undefined)).toBe("inst-usp");
  });

  it("given a partner, when it names another institution, then it is forbidden", () => {
    expect(fieldOf(() => nominatingInstitution(partner, "inst-other"))).toMatchObject({
      kind: "FORBIDDEN",
      field: "input.institutionId",
    });
  });

  it("given the office, when it submits without naming the institution, then the input is refused on input.institutionId", () => {
    expect(fieldOf(() => nominatingInstitution(office, null))).toMatchObject({
      kind: "BAD_USER_INPUT",
      reason: "INSTITUTION_REQUIRED",
      field: "input.institutionId",
    });
  });

  it("given an analyst or faculty, when nominating, then it is forbidden", () => {
    expect(fieldOf(() => nominatingInstitution(viewerWith("ANALYST"), "x"))).toMatchObject({
      kind: "FORBIDDEN",
    });
    expect(fieldOf(() => nominatingInstitution(viewerWith("FACULTY"), "x"))).toMatchObject({
      kind: "FORBIDDEN",
    });
  });
});

describe("rule: partners send complete dossiers", () => {
  it("given a complete dossier, when checked, then the nomination is accepted", () => {
    expect(checkNomination(partner, completeNomination(), today)).toMatchObject({
      institutionId: "inst-usp",
      programme: { code: "ICM" },
    });
  });

  it("given a dossier without a CV, when checked, then it is refused naming input.dossier.documents", () => {
    const nomination = completeNomination();
    nomination.dossier.documents = nomination.dossier.documents.filter((d) => d.kind !== "CV");
    expect(fieldOf(() => checkNomination(partner, nomination, today))).toMatchObject({
      kind: "BAD_USER_INPUT",
      reason: "INCOMPLETE_DOSSIER",
      field: "input.dossier.documents",
    });
  });

  it("given a PhD dossier without a recommendation, when checked, then it is incomplete", () => {
    expect(
      fieldOf(() => checkNomination(partner, completeNomination({ programmeCode: "PHD-ENERGY" }), today)),
    ).toMatchObject({
      reason: "INCOMPLETE_DOSSIER",
      field: "input.dossier.documents",
    });
  });

  it("given no grades or no language certificate, when checked, then each is named", () => {
    const noGrades = completeNomination();
    noGrades.dossier.grades = [];
    expect(fieldOf(() => checkNomination(partner, noGrades, today))).toMatchObject({
      field: "input.dossier.grades",
    });
    const noCertificate = completeNomination();
    noCertificate.dossier.languageCertificate = null;
    expect(fieldOf(() => checkNomination(partner, noCertificate, today))).toMatchObject({
      field: "input.dossier.languageCertificate",
    });
  });

  it("given a grade above its scale, when checked, then the grade is named", () => {
    const nomination = completeNomination();
    nomination.dossier.grades = [{ subject: "Physics", grade: 12, scale: 10 }];
    expect(fieldOf(() => checkNomination(partner, nomination, today))).toMatchObject({
      reason: "INVALID_GRADE",
      field: "input.dossier.grades[0].grade",
    });
  });

  it("given an unknown programme, a bad year, a bad email or a future birth date, when checked, then the field is named", () => {
    expect(
      fieldOf(() => checkNomination(partner, completeNomination({ programmeCode: "NOPE" }), today)),
    ).toMatchObject({ field: "input.programmeCode" });
    expect(
      fieldOf(() => checkNomination(partner, completeNomination({ academicYear: "2027-2029" }), today)),
    ).toMatchObject({ field: "input.academicYear" });
    const badEmail = completeNomination();
    badEmail.candidate = { ...badEmail.candidate, email: "not-an-email" };
    expect(fieldOf(() => checkNomination(partner, badEmail, today))).toMatchObject({
      field: "input.candidate.email",
    });
    const unborn = completeNomination();
    unborn.candidate = { ...unborn.candidate, birthDate: "2030-01-01" };
    expect(fieldOf(() => checkNomination(partner, unborn, today))).toMatchObject({
      field: "input.candidate.birthDate",
    });
  });

  it("given several faults, when checked, then every one is listed in details.errors", () => {
    const nomination = completeNomination({ academicYear: "bad" });
    nomination.dossier.grades = [];
    try {
      checkNomination(partner, nomination, today);
      throw new Error("expected an error");
    } catch (error) {
      const errors = (error as { details: { errors: { field: string }[] } }).details.errors.map(
        (e) => e.field,
      );
      expect(errors).toEqual(expect.arrayContaining(["input.academicYear", "input.dossier.grades"]));
    }
  });
});
