import { describe, expect, it } from "vitest";
import { validateAgreementTerms } from "../domain/agreementTerms.ts";
import { validateInstitutionDetails } from "../domain/institutionRegistration.ts";
import { recordOfficeEvidence } from "../domain/partnershipEvidence.ts";
import { designateStrategicPartnership } from "../domain/strategicPartnership.ts";
import { demoActionPlan, demoPartners } from "./demoPartners.ts";

const now = new Date("2025-10-01T10:00:00Z");
const demo = demoPartners(now);

describe("the demo partners", () => {
  it("are about 130 institutions with stable demo ids, all marked demo", () => {
    expect(demo.institutions).toHaveLength(130);
    expect(demo.institutions[0]!.id).toBe("inst-demo-001");
    expect(demo.institutions.every((institution) => institution.input.name.endsWith("(demo)"))).toBe(true);
  });

  it("are the same every run", () => {
    expect(demoPartners(now)).toEqual(demo);
  });

  it("pass the same validation as the office's input, with unique identifiers", () => {
    const details = demo.institutions.map((institution) => validateInstitutionDetails(institution.input));
    for (const key of ["schac", "erasmus", "pic", "ror"] as const) {
      const values = details.map((detail) => detail.identifiers[key]).filter((value) => value !== null);
      expect(new Set(values).size).toBe(values.length);
    }
  });

  it("have about 130 agreements, mostly ACTIVE, with valid terms", () => {
    expect(demo.agreements.length).toBeGreaterThanOrEqual(130);
    const active = demo.agreements.filter((agreement) => agreement.target === "ACTIVE").length;
    expect(active / demo.agreements.length).toBeGreaterThan(0.8);
    for (const agreement of demo.agreements) {
      expect(() =>
        validateAgreementTerms(
          {
            ...agreement.terms,
            signedByPartnerOn: agreement.signedByPartnerOn,
            signedBySchoolOn: agreement.signedBySchoolOn,
          },
          agreement.activatedAt,
        ),
      ).not.toThrow();
    }
    expect(new Set(demo.agreements.map((agreement) => agreement.target))).toEqual(
      new Set(["ACTIVE", "EXPIRED", "TERMINATED", "DRAFT"]),
    );
  });

  it("record only valid, past evidence", () => {
    expect(demo.evidence.length).toBeGreaterThan(20);
    for (const item of demo.evidence)
      expect(() => recordOfficeEvidence(item.input, now, () => "id")).not.toThrow();
  });

  it("offer at least 30 strategic candidates with valid five-year plans", () => {
    expect(demo.strategicCandidates.length).toBeGreaterThanOrEqual(30);
    const plan = demoActionPlan(1, now);
    expect(() =>
      designateStrategicPartnership(
        null,
        { carryingCentreId: "centre-demo-x", leadFacultyId: "fac-demo-1", actionPlan: plan },
        now,
        () => "id",
      ),
    ).not.toThrow();
  });
});
