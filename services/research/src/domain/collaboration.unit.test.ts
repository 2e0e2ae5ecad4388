import { describe, expect, it } from "vitest";
import type { AuthenticatedViewer } from "@intl/auth";
import { testViewer } from "@intl/testing";
import { caughtDomainError as caught } from "@intl/testing/caught-domain-error";
import {
  assertMayManageCollaboration,
  cancelCollaboration,
  CollaborationStatus,
  endCollaboration,
  evidencedDimensions,
  planCollaboration,
  startCollaboration,
} from "./collaboration.ts";
import type { PlanCollaborationCommand, PlanCollaborationFacts } from "./collaboration.ts";

const now = new Date("2026-03-10T09:00:00Z");

const command: PlanCollaborationCommand = {
  title: "Flexible electronics for health sensors",
  type: "JOINT_RESEARCH",
  institutionIds: ["inst-1"],
  leadFacultyId: "fac-1",
  startDate: "2026-01-01",
  endDate: "2028-12-31",
};

const facts: PlanCollaborationFacts = {
  unknownInstitutionIds: [],
  leadFaculty: { id: "fac-1", centreId: "centre-cmp" },
  centreExists: false,
};

const faculty = (facultyId: string) => testViewer({ role: "FACULTY", subject: facultyId, facultyId });

describe("planning a collaboration", () => {
  it("given valid input, plans it in the lead faculty member's centre, evidencing research", () => {
    const planned = planCollaboration(command, facts, "col-1");
    expect(planned).toMatchObject({
      id: "col-1",
      status: CollaborationStatus.PLANNED,
      centreId: "centre-cmp",
      dimensions: ["RESEARCH"],
      version: 1,
      startedAt: null,
    });
  });

  it("refuses a collaboration without any partner institution or company", () => {
    const error = caught(() =>
      planCollaboration({ ...command, institutionIds: [], companies: [] }, facts, "col-1"),
    );
    expect(error).toMatchObject({
      kind: "BAD_USER_INPUT",
      reason: "NO_PARTNER",
      field: "input.institutionIds",
    });
  });

  it("accepts a company as the only partner", () => {
    const planned = planCollaboration(
      {
        ...command,
        type: "APPLIED_RESEARCH_FOR_COMPANY",
        institutionIds: [],
        companies: ["STMicroelectronics"],
      },
      facts,
      "col-1",
    );
    expect(planned.companies).toEqual(["STMicroelectronics"]);
  });

  it("refuses an end date before the start date, naming input.endDate", () => {
    const error = caught(() => planCollaboration({ ...command, endDate: "2025-12-31" }, facts, "col-1"));
    expect(error).toMatchObject({
      kind: "BAD_USER_INPUT",
      reason: "END_BEFORE_START",
      field: "input.endDate",
    });
  });

  it("refuses a date that is not a calendar date", () => {
    const error = caught(() => planCollaboration({ ...command, startDate: "2026-02-30" }, facts, "col-1"));
    expect(error).toMatchObject({ reason: "INVALID_DATE", field: "input.startDate" });
  });

  it("refuses funding in something that is not an ISO 4217 currency, and a non-positive amount, together", () => {
    const error = caught(() =>
      planCollaboration(
        { ...command, funding: { amount: 0, currency: "euro", funder: "ANR" } },
        facts,
        "col-1",
      ),
    );
    expect(error).toMatchObject({ reason: "INVALID_AMOUNT", field: "input.funding.amount" });
    expect(error.details?.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ reason: "INVALID_CURRENCY", field: "input.funding.currency" }),
      ]),
    );
  });

  it("refuses applied research for a company that names no company", () => {
    const error = caught(() =>
      planCollaboration({ ...command, type: "APPLIED_RESEARCH_FOR_COMPANY" }, facts, "col-1"),
    );
    expect(error).toMatchObject({ reason: "COMPANY_REQUIRED", field: "input.companies" });
  });

  it("refuses a collaboration of type OTHER that evidences no dimension", () => {
    const error = caught(() => planCollaboration({ ...command, type: "OTHER" }, facts, "col-1"));
    expect(error).toMatchObject({ reason: "NO_DIMENSION", field: "input.dimensions" });
  });

  it("refuses an unknown lead faculty member with NOT_FOUND", () => {
    const error = caught(() => planCollaboration(command, { ...facts, leadFaculty: null }, "col-1"));
    expect(error).toMatchObject({
      kind: "NOT_FOUND",
      reason: "UNKNOWN_FACULTY",
      field: "input.leadFacultyId",
    });
  });

  it("refuses institutions the read model does not hold, saying they may still be on their way", () => {
    const error = caught(() =>
      planCollaboration(command, { ...facts, unknownInstitutionIds: ["inst-1"] }, "col-1"),
    );
    expect(error).toMatchObject({
      kind: "NOT_FOUND",
      reason: "INSTITUTION_NOT_FOUND",
      field: "input.institutionIds",
    });
    expect(error.message).toMatch(/not received/);
  });

  it("refuses an explicit centre that does not exist", () => {
    const error = caught(() => planCollaboration({ ...command, centreId: "nowhere" }, facts, "col-1"));
    expect(error).toMatchObject({ kind: "NOT_FOUND", reason: "UNKNOWN_CENTRE", field: "input.centreId" });
  });
});

describe("the dimensions a collaboration evidences", () => {
  it("applied research for a company implies corporate relations (and research)", () => {
    expect(evidencedDimensions("APPLIED_RESEARCH_FOR_COMPANY", ["Safran"], [])).toEqual([
      "RESEARCH",
      "CORPORATE_RELATIONS",
    ]);
  });

  it("any collaboration with a company evidences corporate relations", () => {
    expect(evidencedDimensions("JOINT_LAB", ["Orano"], [])).toEqual(["RESEARCH", "CORPORATE_RELATIONS"]);
  });

  it("keeps the requested dimensions beside the implied ones, once each, in canonical order", () => {
    expect(evidencedDimensions("JOINT_PUBLICATION", [], ["SCIENTIFIC_CULTURE", "RESEARCH"])).toEqual([
      "RESEARCH",
      "SCIENTIFIC_CULTURE",
    ]);
  });

  it("OTHER implies nothing", () => {
    expect(evidencedDimensions("OTHER", [], ["SCIENTIFIC_CULTURE"])).toEqual(["SCIENTIFIC_CULTURE"]);
  });
});

describe("a collaboration's life", () => {
  const planned = planCollaboration(command, facts, "col-1");

  it("starts from PLANNED, recording when, with a new version", () => {
    const started = startCollaboration(planned, now);
    expect(started).toMatchObject({ status: "ONGOING", startedAt: now, version: 2 });
  });

  it("cannot start twice", () => {
    const started = startCollaboration(planned, now);
    expect(caught(() => startCollaboration(started, now))).toMatchObject({
      kind: "CONFLICT",
      reason: "COLLABORATION_ILLEGAL_TRANSITION",
    });
  });

  it("ends an ongoing collaboration today by default", () => {
    const ended = endCollaboration(startCollaboration(planned, now), undefined, now);
    expect(ended).toMatchObject({ status: "ENDED", endDate: "2026-03-10", endedAt: now, version: 3 });
  });

  it("refuses to end a collaboration on a future date", () => {
    const error = caught(() => endCollaboration(startCollaboration(planned, now), "2026-06-30", now));
    expect(error).toMatchObject({ kind: "BAD_USER_INPUT", reason: "END_IN_FUTURE", field: "endDate" });
  });

  it("refuses to end a collaboration before its start", () => {
    const error = caught(() => endCollaboration(startCollaboration(planned, now), "2025-06-30", now));
    expect(error).toMatchObject({ reason: "END_BEFORE_START", field: "endDate" });
  });

  it("cannot end a collaboration that never started", () => {
    expect(caught(() => endCollaboration(planned, undefined, now))).toMatchObject({
      reason: "COLLABORATION_ILLEGAL_TRANSITION",
    });
  });

  it("cancels only a planned collaboration: an ongoing one is ended instead", () => {
    expect(cancelCollaboration(planned)).toMatchObject({ status: "CANCELLED", version: 2 });
    const error = caught(() => cancelCollaboration(startCollaboration(planned, now)));
    expect(error).toMatchObject({ kind: "CONFLICT", reason: "COLLABORATION_ILLEGAL_TRANSITION" });
  });
});

describe("who manages a collaboration", () => {
  it("a faculty member manages the collaborations they lead", () => {
    expect(() => assertMayManageCollaboration(faculty("fac-1"), "fac-1")).not.toThrow();
  });

  it("a faculty member may not manage a colleague's collaboration", () => {
    expect(caught(() => assertMayManageCollaboration(faculty("fac-2"), "fac-1"))).toMatchObject({
      kind: "FORBIDDEN",
      reason: "NOT_LEAD_FACULTY",
    });
  });

  it("the international office manages any", () => {
    const office: AuthenticatedViewer = { ...faculty("x"), role: "INTERNATIONAL_OFFICE", facultyId: null };
    expect(() => assertMayManageCollaboration(office, "fac-1")).not.toThrow();
  });
});
