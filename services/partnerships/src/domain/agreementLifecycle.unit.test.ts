import { describe, expect, it } from "vitest";
import {
  activateAgreement,
  expireAgreement,
  renewAgreement,
  requireDraft,
  terminateAgreement,
  type AgreementLifecycleState,
} from "./agreementLifecycle.ts";

const now = new Date("2025-10-01T10:00:00Z");
const draft: AgreementLifecycleState = {
  status: "DRAFT",
  firstAcademicYear: "2025-2026",
  lastAcademicYear: "2027-2028",
  signedByPartnerOn: "2025-06-01",
  signedBySchoolOn: null,
  activatedOn: null,
};
const active: AgreementLifecycleState = {
  ...draft,
  status: "ACTIVE",
  signedBySchoolOn: "2025-06-20",
  activatedOn: "2025-07-01",
};

describe("activating an agreement", () => {
  it("given a draft signed by both parties, when activated, then it is ACTIVE from today", () => {
    expect(activateAgreement(draft, { signedBySchoolOn: "2025-09-30" }, now)).toEqual({
      status: "ACTIVE",
      activatedOn: "2025-10-01",
      signedByPartnerOn: "2025-06-01",
      signedBySchoolOn: "2025-09-30",
    });
  });

  it("refuses to activate before both parties signed", () => {
    expect(() => activateAgreement(draft, {}, now)).toThrow(
      expect.objectContaining({
        kind: "BAD_USER_INPUT",
        reason: "AGREEMENT_NOT_SIGNED",
        field: "input.signedBySchoolOn",
      }),
    );
  });

  it("refuses a signature dated after the activation day", () => {
    expect(() => activateAgreement(draft, { signedBySchoolOn: "2025-10-02" }, now)).toThrow(
      expect.objectContaining({ reason: "DATE_IN_FUTURE", field: "input.signedBySchoolOn" }),
    );
  });

  it("refuses to activate a draft whose last academic year is over", () => {
    const stale = {
      ...draft,
      firstAcademicYear: "2023-2024",
      lastAcademicYear: "2024-2025",
      signedBySchoolOn: "2023-05-01",
    };
    expect(() => activateAgreement(stale, {}, now)).toThrow(
      expect.objectContaining({ kind: "CONFLICT", reason: "AGREEMENT_PERIOD_OVER" }),
    );
  });

  it.each(["ACTIVE", "EXPIRED", "TERMINATED"] as const)(
    "refuses to activate a %s agreement, naming both statuses",
    (status) => {
      expect(() => activateAgreement({ ...active, status }, {}, now)).toThrow(
        expect.objectContaining({
          kind: "CONFLICT",
          reason: "AGREEMENT_ILLEGAL_TRANSITION",
          details: { from: status, to: "ACTIVE", transition: "activate" },
        }),
      );
    },
  );
});

describe("renewing an agreement", () => {
  it("given an active agreement, when renewed to a later year, then it stays ACTIVE until then", () => {
    expect(renewAgreement(active, { lastAcademicYear: "2030-2031" }, now)).toEqual({
      status: "ACTIVE",
      lastAcademicYear: "2030-2031",
      previousLastAcademicYear: "2027-2028",
      renewedOn: "2025-10-01",
    });
  });

  it("given an expired agreement, when renewed, then it is ACTIVE again", () => {
    const expired = { ...active, status: "EXPIRED" as const, lastAcademicYear: "2024-2025" };
    expect(renewAgreement(expired, { lastAcademicYear: "2026-2027" }, now).status).toBe("ACTIVE");
  });

  it("refuses a renewal that does not extend the agreement", () => {
    expect(() => renewAgreement(active, { lastAcademicYear: "2027-2028" }, now)).toThrow(
      expect.objectContaining({ reason: "AGREEMENT_RENEWAL_NOT_LATER", field: "input.lastAcademicYear" }),
    );
  });

  it("refuses a renewal to a year that is already over", () => {
    const expired = { ...active, status: "EXPIRED" as const, lastAcademicYear: "2022-2023" };
    expect(() => renewAgreement(expired, { lastAcademicYear: "2024-2025" }, now)).toThrow(
      expect.objectContaining({ reason: "AGREEMENT_PERIOD_OVER", field: "input.lastAcademicYear" }),
    );
  });

  it.each(["DRAFT", "TERMINATED"] as const)("refuses to renew a %s agreement", (status) => {
    expect(() => renewAgreement({ ...active, status }, { lastAcademicYear: "2030-2031" }, now)).toThrow(
      expect.objectContaining({
        reason: "AGREEMENT_ILLEGAL_TRANSITION",
        details: expect.objectContaining({ from: status, to: "ACTIVE" }),
      }),
    );
  });
});

describe("terminating an agreement", () => {
  it("given an active agreement, when terminated with a reason, then it is TERMINATED today", () => {
    expect(terminateAgreement(active, { reason: " Partner closed its engineering faculty " }, now)).toEqual({
      status: "TERMINATED",
      terminatedOn: "2025-10-01",
      terminationReason: "Partner closed its engineering faculty",
    });
  });

  it("requires a reason", () => {
    expect(() => terminateAgreement(active, { reason: "  " }, now)).toThrow(
      expect.objectContaining({ reason: "AGREEMENT_TERMINATION_REASON_REQUIRED", field: "input.reason" }),
    );
  });

  it("refuses a termination day before the activation or in the future", () => {
    expect(() => terminateAgreement(active, { reason: "x", terminatedOn: "2025-06-30" }, now)).toThrow(
      expect.objectContaining({
        reason: "AGREEMENT_TERMINATION_BEFORE_ACTIVATION",
        field: "input.terminatedOn",
      }),
    );
    expect(() => terminateAgreement(active, { reason: "x", terminatedOn: "2025-10-02" }, now)).toThrow(
      expect.objectContaining({ reason: "DATE_IN_FUTURE", field: "input.terminatedOn" }),
    );
  });

  it.each(["DRAFT", "EXPIRED", "TERMINATED"] as const)("refuses to terminate a %s agreement", (status) => {
    expect(() => terminateAgreement({ ...active, status }, { reason: "x" }, now)).toThrow(
      expect.objectContaining({
        reason: "AGREEMENT_ILLEGAL_TRANSITION",
        details: expect.objectContaining({ from: status, to: "TERMINATED" }),
      }),
    );
  });
});

describe("expiry", () => {
  it("given an active agreement, when its last academic year is over, then it EXPIRED on 31 August", () => {
    expect(expireAgreement(active, new Date("2028-09-01T00:00:00Z"))).toEqual({
      status: "EXPIRED",
      expiredOn: "2028-08-31",
    });
  });

  it("leaves an agreement alone while its last academic year runs", () => {
    expect(expireAgreement(active, new Date("2028-08-31T23:59:59Z"))).toBeNull();
  });

  it.each(["DRAFT", "TERMINATED", "EXPIRED"] as const)("never expires a %s agreement", (status) => {
    expect(expireAgreement({ ...active, status }, new Date("2040-01-01T00:00:00Z"))).toBeNull();
  });
});

describe("amending terms", () => {
  it("is possible only on a draft", () => {
    expect(() => requireDraft("DRAFT")).not.toThrow();
    expect(() => requireDraft("ACTIVE")).toThrow(
      expect.objectContaining({ kind: "CONFLICT", reason: "AGREEMENT_TERMS_LOCKED" }),
    );
  });
});
