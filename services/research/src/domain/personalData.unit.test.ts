import { describe, expect, it } from "vitest";
import { anonymousViewer } from "@intl/auth";
import type { AuthenticatedViewer, Role } from "@intl/auth";
import { caughtDomainError as caught } from "@intl/testing/caught-domain-error";
import { assertMayReadPersonalData, mayReadPersonalData } from "./personalData.ts";

const as = (role: Role): AuthenticatedViewer => ({
  authenticated: true,
  subject: "s",
  role,
  hdr: false,
  institutionId: "i",
  facultyId: null,
});

describe("who reads personal data", () => {
  it("the office, administrators and faculty do", () => {
    for (const role of ["ADMIN", "INTERNATIONAL_OFFICE", "FACULTY"] as const)
      expect(mayReadPersonalData(as(role))).toBe(true);
  });

  it("analysts, partners and anonymous viewers get FORBIDDEN", () => {
    for (const viewer of [as("ANALYST"), as("PARTNER"), anonymousViewer]) {
      expect(caught(() => assertMayReadPersonalData(viewer, "A name"))).toMatchObject({
        kind: "FORBIDDEN",
        reason: "PERSONAL_DATA_RESTRICTED",
      });
    }
  });
});
