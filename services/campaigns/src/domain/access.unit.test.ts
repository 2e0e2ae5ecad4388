import { describe, expect, it } from "vitest";
import type { Viewer } from "@intl/auth";
import {
  assertMayConductInterview,
  assertMaySeeInterview,
  interviewScopeOf,
  isInScope,
  scoringPanelMember,
} from "./access.ts";

const viewer = (
  role: string,
  extra: { facultyId?: string | null; institutionId?: string | null } = {},
): Viewer =>
  ({
    authenticated: true,
    subject: `dev-${role}`,
    role,
    hdr: false,
    institutionId: extra.institutionId ?? null,
    facultyId: extra.facultyId ?? null,
  }) as Viewer;

const interview = { panelFacultyIds: ["f-1", "f-2"], institutionId: "tsinghua" };

describe("who sees an interview", () => {
  it("lets the office see every interview", () => {
    expect(isInScope(interviewScopeOf(viewer("INTERNATIONAL_OFFICE")), interview)).toBe(true);
    expect(isInScope(interviewScopeOf(viewer("ADMIN")), interview)).toBe(true);
  });

  it("lets a faculty member see the interviews on their panel only", () => {
    expect(() => assertMaySeeInterview(viewer("FACULTY", { facultyId: "f-2" }), interview)).not.toThrow();
    expect(() => assertMaySeeInterview(viewer("FACULTY", { facultyId: "f-9" }), interview)).toThrowError(
      expect.objectContaining({ kind: "FORBIDDEN", reason: "NOT_ON_PANEL" }),
    );
    expect(isInScope(interviewScopeOf(viewer("FACULTY")), interview)).toBe(false);
  });

  it("lets a partner see its own nominees' interviews only", () => {
    expect(() =>
      assertMaySeeInterview(viewer("PARTNER", { institutionId: "tsinghua" }), interview),
    ).not.toThrow();
    expect(() => assertMaySeeInterview(viewer("PARTNER", { institutionId: "sjtu" }), interview)).toThrowError(
      expect.objectContaining({ kind: "FORBIDDEN", reason: "NOT_YOUR_NOMINEE" }),
    );
  });

  it("shows analysts no interview, and asks anonymous viewers to sign in", () => {
    expect(() => interviewScopeOf(viewer("ANALYST"))).toThrowError(
      expect.objectContaining({ kind: "FORBIDDEN" }),
    );
    expect(() => interviewScopeOf({ authenticated: false })).toThrowError(
      expect.objectContaining({ kind: "UNAUTHENTICATED" }),
    );
  });
});

describe("who scores and completes an interview", () => {
  it("has a panel member score as themself", () => {
    expect(scoringPanelMember(viewer("FACULTY", { facultyId: "f-1" }), interview, undefined)).toBe("f-1");
    expect(scoringPanelMember(viewer("FACULTY", { facultyId: "f-1" }), interview, "f-1")).toBe("f-1");
  });

  it("refuses a panel member scoring for a colleague", () => {
    expect(() => scoringPanelMember(viewer("FACULTY", { facultyId: "f-1" }), interview, "f-2")).toThrowError(
      expect.objectContaining({ kind: "FORBIDDEN", field: "input.panelMemberId" }),
    );
  });

  it("refuses faculty who are not on the panel", () => {
    expect(() =>
      scoringPanelMember(viewer("FACULTY", { facultyId: "f-9" }), interview, undefined),
    ).toThrowError(expect.objectContaining({ reason: "NOT_ON_PANEL" }));
    expect(() => assertMayConductInterview(viewer("FACULTY", { facultyId: "f-9" }), interview)).toThrowError(
      expect.objectContaining({ reason: "NOT_ON_PANEL" }),
    );
  });

  it("has the office name the panel member it records for", () => {
    expect(scoringPanelMember(viewer("INTERNATIONAL_OFFICE"), interview, "f-2")).toBe("f-2");
    expect(() => scoringPanelMember(viewer("INTERNATIONAL_OFFICE"), interview, null)).toThrowError(
      expect.objectContaining({
        kind: "BAD_USER_INPUT",
        reason: "PANEL_MEMBER_REQUIRED",
        field: "input.panelMemberId",
      }),
    );
  });

  it("never lets a partner or an analyst score", () => {
    expect(() =>
      scoringPanelMember(viewer("PARTNER", { institutionId: "tsinghua" }), interview, "f-1"),
    ).toThrowError(expect.objectContaining({ kind: "FORBIDDEN" }));
    expect(() => assertMayConductInterview(viewer("ANALYST"), interview)).toThrowError(
      expect.objectContaining({ kind: "FORBIDDEN" }),
    );
  });
});
