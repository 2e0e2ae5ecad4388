import { describe, expect, it } from "vitest";
import { testViewer } from "@intl/testing";
import { caughtDomainError as caught } from "@intl/testing/caught-domain-error";
import {
  assertMayManageMobility,
  cancelFacultyMobility,
  completeFacultyMobility,
  planFacultyMobility,
} from "./facultyMobility.ts";
import type { PlanFacultyMobilityCommand } from "./facultyMobility.ts";

const outgoing: PlanFacultyMobilityCommand = {
  direction: "OUTGOING",
  facultyId: "fac-1",
  institutionId: "inst-1",
  purpose: "Visiting professor: a graduate course on tribology",
  startDate: "2026-01-10",
  endDate: "2026-02-10",
};
const incoming: PlanFacultyMobilityCommand = {
  direction: "INCOMING",
  institutionId: "inst-2",
  guestName: "Dr. Kenji Watanabe",
  purpose: "Hosting a peer for a joint paper",
  startDate: "2026-05-01",
  endDate: "2026-05-20",
};
const known = { facultyExists: true, institutionKnown: true };

const faculty = (facultyId: string) => testViewer({ role: "FACULTY", subject: facultyId, facultyId });

describe("planning a faculty mobility", () => {
  it("plans an outgoing stay of one of our faculty members", () => {
    expect(planFacultyMobility(outgoing, known, "mob-1")).toMatchObject({
      status: "PLANNED",
      facultyId: "fac-1",
      guestName: null,
      version: 1,
    });
  });

  it("plans the hosting of a foreign peer, with or without a host", () => {
    expect(planFacultyMobility(incoming, known, "mob-2")).toMatchObject({
      direction: "INCOMING",
      facultyId: null,
      guestName: "Dr. Kenji Watanabe",
    });
  });

  it("an outgoing stay names who goes", () => {
    expect(caught(() => planFacultyMobility({ ...outgoing, facultyId: null }, known, "m"))).toMatchObject({
      kind: "BAD_USER_INPUT",
      reason: "FACULTY_REQUIRED",
      field: "input.facultyId",
    });
  });

  it("hosting a peer names the guest", () => {
    expect(caught(() => planFacultyMobility({ ...incoming, guestName: " " }, known, "m"))).toMatchObject({
      reason: "GUEST_REQUIRED",
      field: "input.guestName",
    });
  });

  it("an outgoing stay has no guest", () => {
    expect(
      caught(() => planFacultyMobility({ ...outgoing, guestName: "Someone" }, known, "m")),
    ).toMatchObject({ reason: "GUEST_NOT_ALLOWED" });
  });

  it("refuses an end before the start", () => {
    expect(
      caught(() => planFacultyMobility({ ...outgoing, endDate: "2026-01-01" }, known, "m")),
    ).toMatchObject({
      reason: "END_BEFORE_START",
      field: "input.endDate",
    });
  });

  it("refuses a blank purpose", () => {
    expect(caught(() => planFacultyMobility({ ...outgoing, purpose: "" }, known, "m"))).toMatchObject({
      reason: "BLANK_TEXT",
      field: "input.purpose",
    });
  });

  it("refuses an unknown faculty member and an unknown institution", () => {
    expect(
      caught(() => planFacultyMobility(outgoing, { ...known, facultyExists: false }, "m")),
    ).toMatchObject({ reason: "UNKNOWN_FACULTY" });
    expect(
      caught(() => planFacultyMobility(outgoing, { ...known, institutionKnown: false }, "m")),
    ).toMatchObject({
      kind: "NOT_FOUND",
      reason: "INSTITUTION_NOT_FOUND",
      field: "input.institutionId",
    });
  });
});

describe("completing and cancelling", () => {
  const planned = planFacultyMobility(outgoing, known, "mob-1");

  it("completes a stay once its end date has come", () => {
    const done = completeFacultyMobility(planned, new Date("2026-02-10T08:00:00Z"));
    expect(done).toMatchObject({ status: "COMPLETED", version: 2 });
  });

  it("refuses to complete a stay that is not over", () => {
    expect(caught(() => completeFacultyMobility(planned, new Date("2026-02-09T23:00:00Z")))).toMatchObject({
      kind: "CONFLICT",
      reason: "MOBILITY_NOT_OVER",
    });
  });

  it("a completed stay can be neither completed again nor cancelled", () => {
    const done = completeFacultyMobility(planned, new Date("2026-03-01T00:00:00Z"));
    expect(caught(() => completeFacultyMobility(done, new Date("2026-03-02T00:00:00Z")))).toMatchObject({
      reason: "MOBILITY_ILLEGAL_TRANSITION",
    });
    expect(caught(() => cancelFacultyMobility(done))).toMatchObject({
      reason: "MOBILITY_ILLEGAL_TRANSITION",
    });
  });

  it("cancels a planned stay", () => {
    expect(cancelFacultyMobility(planned)).toMatchObject({ status: "CANCELLED" });
  });
});

describe("who manages a faculty mobility", () => {
  it("a faculty member manages their own stay", () => {
    expect(() => assertMayManageMobility(faculty("fac-1"), "fac-1")).not.toThrow();
  });

  it("a faculty member may not manage a colleague's stay, nor a hosting without a host", () => {
    expect(caught(() => assertMayManageMobility(faculty("fac-2"), "fac-1"))).toMatchObject({
      kind: "FORBIDDEN",
      reason: "NOT_OWN_MOBILITY",
    });
    expect(caught(() => assertMayManageMobility(faculty("fac-2"), null))).toMatchObject({
      reason: "NOT_OWN_MOBILITY",
    });
  });
});
