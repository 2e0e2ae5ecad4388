import { describe, expect, it } from "vitest";
import {
  addPlannedAction,
  changeActionStatus,
  designateStrategicPartnership,
  type StrategicDesignationInput,
} from "./strategicPartnership.ts";
import { recordOfficeEvidence } from "./partnershipEvidence.ts";

const now = new Date("2025-10-01T10:00:00Z");
let counter = 0;
const newId = () => `id-${++counter}`;
const years = ["2025-2026", "2026-2027", "2027-2028", "2028-2029", "2029-2030"];
const input: StrategicDesignationInput = {
  carryingCentreId: "centre-smart",
  leadFacultyId: "faculty-42",
  rationale: "Leading engineering school with strong industry ties",
  actionPlan: {
    firstAcademicYear: "2025-2026",
    actions: years.map((academicYear) => ({ academicYear, title: `Joint workshop ${academicYear}` })),
  },
};

describe("designating a strategic partnership", () => {
  it("given a five-year plan detailing every year, then the designation holds it with every action PLANNED", () => {
    const designation = designateStrategicPartnership(null, input, now, newId);
    expect(designation.designatedOn).toBe("2025-10-01");
    expect(designation.actionPlan.lastAcademicYear).toBe("2029-2030");
    expect(designation.actionPlan.actions.map((a) => a.status)).toEqual(Array(5).fill("PLANNED"));
  });

  it("refuses a plan leaving a year without action", () => {
    const missingYear = {
      ...input,
      actionPlan: { ...input.actionPlan, actions: input.actionPlan.actions.slice(0, 4) },
    };
    expect(() => designateStrategicPartnership(null, missingYear, now, newId)).toThrow(
      expect.objectContaining({
        reason: "ACTION_PLAN_YEAR_WITHOUT_ACTION",
        field: "input.actionPlan.actions",
      }),
    );
  });

  it("refuses an action outside the plan's five years", () => {
    const outside = {
      ...input,
      actionPlan: {
        ...input.actionPlan,
        actions: [...input.actionPlan.actions, { academicYear: "2030-2031", title: "Too late" }],
      },
    };
    expect(() => designateStrategicPartnership(null, outside, now, newId)).toThrow(
      expect.objectContaining({
        reason: "ACTION_PLAN_YEAR_OUTSIDE_PLAN",
        field: "input.actionPlan.actions[5].academicYear",
      }),
    );
  });

  it("refuses malformed research references", () => {
    expect(() => designateStrategicPartnership(null, { ...input, leadFacultyId: " " }, now, newId)).toThrow(
      expect.objectContaining({ reason: "REFERENCE_ID_INVALID", field: "input.leadFacultyId" }),
    );
  });

  it("refuses to designate an institution twice", () => {
    const designation = designateStrategicPartnership(null, input, now, newId);
    expect(() => designateStrategicPartnership(designation, input, now, newId)).toThrow(
      expect.objectContaining({ kind: "CONFLICT", reason: "PARTNERSHIP_ALREADY_STRATEGIC" }),
    );
  });
});

describe("following the action plan", () => {
  const designation = designateStrategicPartnership(null, input, now, newId);
  const firstAction = designation.actionPlan.actions[0]!;

  it("adds an action within the plan", () => {
    const updated = addPlannedAction(
      designation,
      { academicYear: "2026-2027", title: "Double degree negotiation" },
      newId,
    );
    expect(updated.actionPlan.actions).toHaveLength(6);
  });

  it("moves an action along and keeps DONE final", () => {
    const done = changeActionStatus(
      changeActionStatus(designation, firstAction.id, "IN_PROGRESS"),
      firstAction.id,
      "DONE",
    );
    expect(done.actionPlan.actions[0]!.status).toBe("DONE");
    expect(() => changeActionStatus(done, firstAction.id, "PLANNED")).toThrow(
      expect.objectContaining({ kind: "CONFLICT", reason: "ACTION_STATUS_FINAL" }),
    );
  });

  it("says when an action does not exist", () => {
    expect(() => changeActionStatus(designation, "nope", "DONE")).toThrow(
      expect.objectContaining({ kind: "NOT_FOUND", reason: "ACTION_NOT_FOUND" }),
    );
  });

  it("refuses to plan for an institution that is not strategic", () => {
    expect(() => addPlannedAction(null, { academicYear: "2026-2027", title: "x" }, newId)).toThrow(
      expect.objectContaining({ reason: "PARTNERSHIP_NOT_STRATEGIC" }),
    );
  });
});

describe("office evidence", () => {
  it("records a dated fact for corporate relations or scientific culture", () => {
    const evidence = recordOfficeEvidence(
      {
        dimension: "CORPORATE_RELATIONS",
        description: "Internship programme with Airbus",
        occurredOn: "2025-06-01",
      },
      now,
      newId,
    );
    expect(evidence).toMatchObject({ dimension: "CORPORATE_RELATIONS", occurredOn: "2025-06-01" });
  });

  it("refuses evidence for a dimension computed from other facts", () => {
    expect(() =>
      recordOfficeEvidence({ dimension: "TEACHING", description: "x", occurredOn: "2025-06-01" }, now, newId),
    ).toThrow(
      expect.objectContaining({ reason: "EVIDENCE_DIMENSION_NOT_RECORDABLE", field: "input.dimension" }),
    );
  });

  it("refuses evidence dated in the future: evidence is a fact, not a plan", () => {
    expect(() =>
      recordOfficeEvidence(
        { dimension: "SCIENTIFIC_CULTURE", description: "Summer school", occurredOn: "2026-07-01" },
        now,
        newId,
      ),
    ).toThrow(expect.objectContaining({ reason: "DATE_IN_FUTURE", field: "input.occurredOn" }));
  });
});
