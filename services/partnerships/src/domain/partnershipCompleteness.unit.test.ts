import { describe, expect, it } from "vitest";
import { assessPartnership, type PartnershipFacts } from "./partnershipCompleteness.ts";

const now = new Date("2025-10-01T10:00:00Z");
const none: PartnershipFacts = {
  strategic: false,
  activeAgreements: [],
  completedMobilities: [],
  ongoingCollaborations: [],
  officeEvidence: [],
};
const agreement = {
  id: "a1",
  type: "EXCHANGE",
  firstAcademicYear: "2024-2025",
  lastAcademicYear: "2028-2029",
  activatedOn: "2024-07-01",
};
const collaboration = (dimensions: PartnershipFacts["ongoingCollaborations"][number]["dimensions"]) => ({
  collaborationId: `c-${dimensions.join("-")}`,
  type: "JOINT_RESEARCH",
  dimensions,
  companies: [],
  startDate: "2024-01-15",
});
const completeFacts: PartnershipFacts = {
  ...none,
  activeAgreements: [agreement],
  completedMobilities: [{ academicYear: "2024-2025", direction: "OUTGOING" }],
  ongoingCollaborations: [collaboration(["RESEARCH", "CORPORATE_RELATIONS"])],
  officeEvidence: [
    {
      id: "e1",
      dimension: "SCIENTIFIC_CULTURE",
      description: "Joint summer school",
      occurredOn: "2025-07-10",
    },
  ],
};

function covered(facts: PartnershipFacts) {
  return Object.fromEntries(assessPartnership(facts, now).dimensions.map((d) => [d.dimension, d.covered]));
}

describe("partnership completeness", () => {
  it("given no facts, then nothing is covered and the tier is STANDARD", () => {
    const standing = assessPartnership(none, now);
    expect(standing.complete).toBe(false);
    expect(standing.tier).toBe("STANDARD");
    expect(standing.dimensions.map((d) => d.dimension)).toEqual([
      "TEACHING",
      "RESEARCH",
      "CORPORATE_RELATIONS",
      "SCIENTIFIC_CULTURE",
    ]);
  });

  it("given a designation only, then the tier is STRATEGIC", () => {
    expect(assessPartnership({ ...none, strategic: true }, now).tier).toBe("STRATEGIC");
  });

  it("given all four dimensions evidenced, then it is COMPLETE, designated or not", () => {
    expect(assessPartnership(completeFacts, now)).toMatchObject({ complete: true, tier: "COMPLETE" });
    expect(assessPartnership({ ...completeFacts, strategic: true }, now).tier).toBe("COMPLETE");
  });

  it("does not count teaching from an active agreement without student flows", () => {
    expect(covered({ ...completeFacts, completedMobilities: [] }).TEACHING).toBe(false);
  });

  it("does not count teaching from student flows without an active agreement", () => {
    expect(covered({ ...completeFacts, activeAgreements: [] }).TEACHING).toBe(false);
  });

  it("counts only student mobilities of the last three academic years", () => {
    expect(
      covered({
        ...completeFacts,
        completedMobilities: [{ academicYear: "2023-2024", direction: "INCOMING" }],
      }).TEACHING,
    ).toBe(true);
    expect(
      covered({
        ...completeFacts,
        completedMobilities: [{ academicYear: "2022-2023", direction: "INCOMING" }],
      }).TEACHING,
    ).toBe(false);
  });

  it("counts research only from a collaboration evidencing research", () => {
    expect(
      covered({ ...completeFacts, ongoingCollaborations: [collaboration(["CORPORATE_RELATIONS"])] }).RESEARCH,
    ).toBe(false);
  });

  it("accepts a recent office record as evidence of scientific culture, but not an old one", () => {
    const old = [
      {
        id: "e0",
        dimension: "SCIENTIFIC_CULTURE" as const,
        description: "Summer school",
        occurredOn: "2021-07-10",
      },
    ];
    expect(covered({ ...completeFacts, officeEvidence: old }).SCIENTIFIC_CULTURE).toBe(false);
  });

  it("describes the evidence behind each dimension", () => {
    const teaching = assessPartnership(
      {
        ...completeFacts,
        completedMobilities: [
          ...completeFacts.completedMobilities,
          { academicYear: "2024-2025", direction: "INCOMING" },
        ],
      },
      now,
    ).dimensions[0]!;
    expect(teaching.evidence).toEqual([
      {
        source: "AGREEMENT",
        reference: "a1",
        description: "Active EXCHANGE agreement, 2024-2025 to 2028-2029",
        since: "2024-07-01",
      },
      {
        source: "STUDENT_MOBILITY",
        reference: null,
        description: "1 outgoing and 1 incoming completed student mobilities in 2024-2025",
        since: "2024-09-01",
      },
    ]);
  });
});
