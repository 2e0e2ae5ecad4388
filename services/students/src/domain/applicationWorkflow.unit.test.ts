import { describe, expect, it } from "vitest";
import {
  canMove,
  decide,
  sendToInterview,
  startReview,
  statusAfterInterview,
  statusAfterPhdSelection,
  withdraw,
} from "./applicationWorkflow.ts";
import type { ApplicationFacts } from "./applicationWorkflow.ts";
import { viewerWith } from "./testViewers.ts";
import { caughtDomainError } from "@intl/testing/caught-domain-error";

const office = viewerWith("INTERNATIONAL_OFFICE");
const hdrFaculty = viewerWith("FACULTY", { hdr: true, facultyId: "fac-1" });
const facultyWithoutHdr = viewerWith("FACULTY", { hdr: false });

const application = (overrides: Partial<ApplicationFacts> = {}): ApplicationFacts => ({
  status: "UNDER_REVIEW",
  programmeKind: "MSC",
  requiresInterview: true,
  interviewCompletedAt: null,
  ...overrides,
});

describe("the application workflow", () => {
  it("goes SUBMITTED → UNDER_REVIEW → INTERVIEW → a decision", () => {
    expect(startReview(application({ status: "SUBMITTED" }))).toBe("UNDER_REVIEW");
    expect(sendToInterview(application({ status: "UNDER_REVIEW" }))).toBe("INTERVIEW");
    expect(
      decide(office, application({ status: "INTERVIEW", interviewCompletedAt: new Date() }), "ADMITTED"),
    ).toBe("ADMITTED");
  });

  it("allows a waitlisted application to be admitted or rejected later", () => {
    expect(canMove("WAITLISTED", "ADMITTED")).toBe(true);
    expect(canMove("WAITLISTED", "REJECTED")).toBe(true);
    expect(
      decide(office, application({ status: "WAITLISTED", interviewCompletedAt: new Date() }), "REJECTED"),
    ).toBe("REJECTED");
  });

  it("withdraws from any state that is not final, and never from a final one", () => {
    for (const status of ["SUBMITTED", "UNDER_REVIEW", "INTERVIEW", "WAITLISTED"] as const) {
      expect(withdraw(application({ status }))).toBe("WITHDRAWN");
    }
    for (const status of ["ADMITTED", "REJECTED", "WITHDRAWN"] as const) {
      expect(caughtDomainError(() => withdraw(application({ status })))).toMatchObject({
        kind: "CONFLICT",
        reason: "ILLEGAL_TRANSITION",
      });
    }
  });

  it("does not decide a dossier nobody reviewed yet", () => {
    expect(
      caughtDomainError(() => decide(office, application({ status: "SUBMITTED" }), "REJECTED")),
    ).toMatchObject({
      reason: "ILLEGAL_TRANSITION",
    });
  });

  it("does not decide an application twice", () => {
    expect(
      caughtDomainError(() => decide(office, application({ status: "REJECTED" }), "ADMITTED")),
    ).toMatchObject({
      reason: "ILLEGAL_TRANSITION",
    });
  });
});

describe("rule: a degree application is admitted only after a completed interview", () => {
  it("given an MSc application without a completed interview, when the office admits it, then it is refused with INTERVIEW_REQUIRED", () => {
    expect(
      caughtDomainError(() => decide(office, application({ status: "UNDER_REVIEW" }), "ADMITTED")),
    ).toMatchObject({
      kind: "CONFLICT",
      reason: "INTERVIEW_REQUIRED",
    });
  });

  it("given an engineering application in INTERVIEW whose interview is not completed, when admitted, then it is refused", () => {
    expect(
      caughtDomainError(() =>
        decide(office, application({ status: "INTERVIEW", programmeKind: "ENGINEERING" }), "ADMITTED"),
      ),
    ).toMatchObject({
      reason: "INTERVIEW_REQUIRED",
    });
  });

  it("given no interview, when the office rejects or waitlists, then it may", () => {
    expect(decide(office, application(), "REJECTED")).toBe("REJECTED");
    expect(decide(office, application(), "WAITLISTED")).toBe("WAITLISTED");
  });

  it("given an exchange application (non-degree), when admitted without interview, then it is admitted", () => {
    expect(
      decide(office, application({ programmeKind: "EXCHANGE", requiresInterview: false }), "ADMITTED"),
    ).toBe("ADMITTED");
  });
});

describe("rule: only an HDR faculty member decides a PhD application", () => {
  const phd = application({ programmeKind: "PHD", requiresInterview: false });

  it("given HDR faculty, when rejecting or waitlisting a PhD application, then the decision stands", () => {
    expect(decide(hdrFaculty, phd, "REJECTED")).toBe("REJECTED");
    expect(decide(hdrFaculty, phd, "WAITLISTED")).toBe("WAITLISTED");
  });

  it("given HDR faculty, when admitting a PhD application directly, then it is refused: the research selection admits", () => {
    expect(caughtDomainError(() => decide(hdrFaculty, phd, "ADMITTED"))).toMatchObject({
      kind: "CONFLICT",
      reason: "PHD_SELECTION_REQUIRED",
    });
  });

  it.each([
    ["faculty without the HDR", facultyWithoutHdr],
    ["the international office", office],
    ["an admin", viewerWith("ADMIN")],
  ])(
    "given %s, when deciding a PhD application, then it is forbidden with HDR_REQUIRED",
    (_label, viewer) => {
      expect(caughtDomainError(() => decide(viewer, phd, "REJECTED"))).toMatchObject({
        kind: "FORBIDDEN",
        reason: "HDR_REQUIRED",
      });
    },
  );

  it("given HDR faculty, when deciding an MSc application, then it is the office's call (FORBIDDEN)", () => {
    expect(
      caughtDomainError(() =>
        decide(hdrFaculty, application({ interviewCompletedAt: new Date() }), "ADMITTED"),
      ),
    ).toMatchObject({
      kind: "FORBIDDEN",
      reason: "ROLE_NOT_ALLOWED",
    });
  });

  it("given a partner or an analyst, when deciding, then it is forbidden", () => {
    expect(
      caughtDomainError(() =>
        decide(viewerWith("PARTNER", { institutionId: "i" }), application(), "REJECTED"),
      ),
    ).toMatchObject({ kind: "FORBIDDEN" });
    expect(caughtDomainError(() => decide(viewerWith("ANALYST"), application(), "REJECTED"))).toMatchObject({
      kind: "FORBIDDEN",
    });
  });
});

describe("facts learned from other services", () => {
  it("moves a dossier in review to INTERVIEW once its interview is held, and leaves later states alone", () => {
    expect(statusAfterInterview("SUBMITTED")).toBe("INTERVIEW");
    expect(statusAfterInterview("UNDER_REVIEW")).toBe("INTERVIEW");
    expect(statusAfterInterview("WAITLISTED")).toBe("WAITLISTED");
    expect(statusAfterInterview("WITHDRAWN")).toBe("WITHDRAWN");
  });

  it("admits an open PhD application on its supervisor's selection, and keeps a final state", () => {
    expect(statusAfterPhdSelection("UNDER_REVIEW")).toBe("ADMITTED");
    expect(statusAfterPhdSelection("WAITLISTED")).toBe("ADMITTED");
    expect(statusAfterPhdSelection("WITHDRAWN")).toBe("WITHDRAWN");
  });
});
