import { describe, expect, it } from "vitest";
import { anonymousViewer } from "@intl/auth";
import {
  assertCanSeePersonalData,
  canSeePersonalData,
  isVisibleTo,
  partnerScope,
  restrictToPartner,
} from "./personalData.ts";
import { viewerWith } from "./testViewers.ts";

const nominee = { homeInstitutionId: "inst-usp" };
const ownPartner = viewerWith("PARTNER", { institutionId: "inst-usp" });
const otherPartner = viewerWith("PARTNER", { institutionId: "inst-other" });

describe("rule: personal data is visible only to the roles that need it", () => {
  it("shows it to the admin and the international office", () => {
    expect(canSeePersonalData(viewerWith("ADMIN"), nominee)).toBe(true);
    expect(canSeePersonalData(viewerWith("INTERNATIONAL_OFFICE"), nominee)).toBe(true);
  });

  it("shows it to a partner for its own nominees only", () => {
    expect(canSeePersonalData(ownPartner, nominee)).toBe(true);
    expect(canSeePersonalData(otherPartner, nominee)).toBe(false);
    expect(canSeePersonalData(ownPartner, { homeInstitutionId: null })).toBe(false);
  });

  it("never shows it to an analyst, faculty or an anonymous caller", () => {
    expect(canSeePersonalData(viewerWith("ANALYST"), nominee)).toBe(false);
    expect(canSeePersonalData(viewerWith("FACULTY", { hdr: true }), nominee)).toBe(false);
    expect(canSeePersonalData(anonymousViewer, nominee)).toBe(false);
  });

  it("answers a hidden field with FORBIDDEN (PERSONAL_DATA_HIDDEN) for a signed-in viewer, UNAUTHENTICATED for an anonymous one", () => {
    expect(() => assertCanSeePersonalData(viewerWith("ANALYST"), nominee, "lastName")).toThrowError(
      expect.objectContaining({ kind: "FORBIDDEN", reason: "PERSONAL_DATA_HIDDEN" }),
    );
    expect(() => assertCanSeePersonalData(anonymousViewer, nominee, "lastName")).toThrowError(
      expect.objectContaining({ kind: "UNAUTHENTICATED" }),
    );
  });
});

describe("rule: a partner sees only its own nominees", () => {
  it("hides another institution's records from a partner, not from the office", () => {
    expect(isVisibleTo(ownPartner, "inst-usp")).toBe(true);
    expect(isVisibleTo(otherPartner, "inst-usp")).toBe(false);
    expect(isVisibleTo(viewerWith("ANALYST"), "inst-usp")).toBe(true);
  });

  it("restricts a partner's lists to its institution", () => {
    expect(partnerScope(ownPartner)).toBe("inst-usp");
    expect(partnerScope(viewerWith("ADMIN"))).toBeNull();
  });

  it("narrows a partner's list filter to its institution and answers nothing for another", () => {
    expect(restrictToPartner(ownPartner, { cohort: 2027 }, "institutionId")).toEqual({
      cohort: 2027,
      institutionId: "inst-usp",
    });
    expect(restrictToPartner(ownPartner, { institutionId: "inst-usp" }, "institutionId")).toEqual({
      institutionId: "inst-usp",
    });
    expect(restrictToPartner(otherPartner, { institutionId: "inst-usp" }, "institutionId")).toEqual({
      institutionId: { $in: [] },
    });
    expect(restrictToPartner(viewerWith("ADMIN"), { institutionId: "inst-usp" }, "institutionId")).toEqual({
      institutionId: "inst-usp",
    });
  });
});
