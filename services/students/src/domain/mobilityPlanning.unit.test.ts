import { describe, expect, it } from "vitest";
import type { AgreementView } from "./agreements.ts";
import {
  cancel,
  candidateAgreements,
  checkAgreementAllowsMobility,
  checkMobilityPlan,
  complete,
} from "./mobilityPlanning.ts";
import type { MobilityPlan } from "./mobilityPlanning.ts";
import { caughtDomainError } from "@intl/testing/caught-domain-error";

const plan = (overrides: Partial<MobilityPlan> = {}): MobilityPlan => ({
  studentId: "stu-1",
  direction: "OUTGOING",
  type: "STUDY",
  institutionId: "inst-kaist",
  agreementId: "agr-kaist",
  academicYear: "2026-2027",
  startDate: "2027-01-15",
  endDate: "2027-06-30",
  ...overrides,
});

const agreement = (overrides: Partial<AgreementView> = {}): AgreementView => ({
  agreementId: "agr-kaist",
  institutionId: "inst-kaist",
  countryCode: "KR",
  type: "EXCHANGE",
  status: "ACTIVE",
  programmeCodes: ["ICM"],
  eqfLevels: [],
  seatsOutgoingPerYear: 3,
  seatsIncomingPerYear: 3,
  firstAcademicYear: "2025-2026",
  lastAcademicYear: "2026-2027",
  ...overrides,
});

describe("rule: a mobility's dates are consistent", () => {
  it("given an end after its start inside the academic year, when checked, then the plan is accepted", () => {
    expect(() => checkMobilityPlan(plan())).not.toThrow();
  });

  it("given an end before its start, when checked, then input.endDate is named", () => {
    expect(caughtDomainError(() => checkMobilityPlan(plan({ endDate: "2027-01-01" })))).toMatchObject({
      kind: "BAD_USER_INPUT",
      reason: "INVALID_DATES",
      field: "input.endDate",
    });
  });

  it("given a start outside the academic year, when checked, then input.startDate is named", () => {
    expect(
      caughtDomainError(() => checkMobilityPlan(plan({ startDate: "2027-09-15", endDate: "2027-12-20" }))),
    ).toMatchObject({
      reason: "ACADEMIC_YEAR_MISMATCH",
      field: "input.startDate",
    });
  });

  it("given an impossible date, when checked, then it is refused", () => {
    expect(caughtDomainError(() => checkMobilityPlan(plan({ startDate: "2027-02-30" })))).toMatchObject({
      field: "input.startDate",
    });
  });
});

describe("rule: a mobility uses an active agreement and lies inside it", () => {
  it("given an active agreement with the host covering the year, when checked, then it is used", () => {
    expect(checkAgreementAllowsMobility(agreement(), plan()).agreementId).toBe("agr-kaist");
  });

  it("given a terminated agreement, when checked, then it is refused with NO_ACTIVE_AGREEMENT", () => {
    expect(
      caughtDomainError(() => checkAgreementAllowsMobility(agreement({ status: "TERMINATED" }), plan())),
    ).toMatchObject({
      kind: "CONFLICT",
      reason: "NO_ACTIVE_AGREEMENT",
    });
  });

  it("given an unknown agreement or one with another institution, when checked, then it is refused", () => {
    expect(caughtDomainError(() => checkAgreementAllowsMobility(null, plan()))).toMatchObject({
      reason: "NO_ACTIVE_AGREEMENT",
    });
    expect(
      caughtDomainError(() => checkAgreementAllowsMobility(agreement({ institutionId: "other" }), plan())),
    ).toMatchObject({ reason: "NO_ACTIVE_AGREEMENT" });
  });

  it("given a mobility ending after the agreement's last academic year, when checked, then it lies outside it", () => {
    expect(
      caughtDomainError(() =>
        checkAgreementAllowsMobility(
          agreement({ lastAcademicYear: "2026-2027" }),
          plan({ endDate: "2027-09-30" }),
        ),
      ),
    ).toMatchObject({ reason: "MOBILITY_OUTSIDE_AGREEMENT", field: "input.endDate" });
  });

  it("given a year after the agreement's last academic year, when checked, then it lies outside it", () => {
    expect(
      caughtDomainError(() =>
        checkAgreementAllowsMobility(
          agreement(),
          plan({ academicYear: "2027-2028", startDate: "2027-09-15", endDate: "2028-01-31" }),
        ),
      ),
    ).toMatchObject({ reason: "MOBILITY_OUTSIDE_AGREEMENT", field: "input.academicYear" });
  });

  it("given no named agreement, when choosing, then the active agreements with that institution for the year are candidates", () => {
    const found = candidateAgreements(
      [
        agreement({ agreementId: "b" }),
        agreement({ agreementId: "a" }),
        agreement({ agreementId: "c", status: "EXPIRED" }),
        agreement({ agreementId: "d", institutionId: "x" }),
      ],
      plan({ agreementId: null }),
    );
    expect(found.map((a) => a.agreementId)).toEqual(["a", "b"]);
  });

  it("given no active agreement with the host, when an outgoing mobility chooses one, then it is refused; an incoming one may go without", () => {
    expect(
      caughtDomainError(() =>
        candidateAgreements([agreement({ status: "TERMINATED" })], plan({ agreementId: null })),
      ),
    ).toMatchObject({
      reason: "NO_ACTIVE_AGREEMENT",
      field: "input.institutionId",
    });
    expect(candidateAgreements([], plan({ agreementId: null, direction: "INCOMING" }))).toEqual([]);
  });
});

describe("a mobility's life", () => {
  it("completes a planned mobility once it has started", () => {
    expect(complete({ status: "PLANNED", startDate: "2027-01-15" }, "2027-02-01")).toBe("COMPLETED");
  });

  it("does not complete a mobility before it starts, nor a cancelled one", () => {
    expect(
      caughtDomainError(() => complete({ status: "PLANNED", startDate: "2027-01-15" }, "2026-12-01")),
    ).toMatchObject({ reason: "MOBILITY_NOT_STARTED" });
    expect(
      caughtDomainError(() => complete({ status: "CANCELLED", startDate: "2027-01-15" }, "2027-02-01")),
    ).toMatchObject({ reason: "ILLEGAL_TRANSITION" });
  });

  it("cancels only a planned mobility", () => {
    expect(cancel({ status: "PLANNED" })).toBe("CANCELLED");
    expect(caughtDomainError(() => cancel({ status: "COMPLETED" }))).toMatchObject({
      reason: "ILLEGAL_TRANSITION",
    });
  });
});
