import {
  collaborationEnded,
  collaborationStarted,
  createEvent,
  mobilityCompleted,
  type EventContract,
} from "@intl/events";
import { expectEventually } from "@intl/testing";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  firstError,
  manualClock,
  PartnershipsTestService,
  type PublishedEvents,
  office,
} from "./partnershipsTestService.ts";

const clock = manualClock("2025-10-01T10:00:00Z");
const partnerships = new PartnershipsTestService({ clock: clock.now });
let events: PublishedEvents;

const standingQuery = /* GraphQL */ `
  query ($id: ID!) {
    institution(id: $id) {
      partnership {
        tier
        complete
        dimensions {
          dimension
          covered
          evidence {
            source
            reference
            description
            since
          }
        }
        strategic {
          designatedOn
          rationale
          carryingCentre {
            id
          }
          leadFaculty {
            id
          }
          actionPlan {
            firstAcademicYear
            lastAcademicYear
            actions {
              id
              academicYear
              title
              status
            }
          }
        }
        officeEvidence {
          id
          dimension
          description
          occurredOn
        }
      }
    }
  }
`;
interface Standing {
  tier: string;
  complete: boolean;
  dimensions: {
    dimension: string;
    covered: boolean;
    evidence: { source: string; reference: string | null; description: string; since: string }[];
  }[];
  strategic: null | {
    designatedOn: string;
    carryingCentre: { id: string };
    leadFaculty: { id: string };
    actionPlan: {
      firstAcademicYear: string;
      lastAcademicYear: string;
      actions: { id: string; academicYear: string; title: string; status: string }[];
    };
  };
  officeEvidence: { id: string; dimension: string }[];
}

async function standingOf(institutionId: string): Promise<Standing> {
  const answer = await partnerships.graphql<{ institution: { partnership: Standing } }>(
    standingQuery,
    { id: institutionId },
    "ANALYST",
  );
  if (answer.errors) throw new Error(JSON.stringify(answer.errors));
  return answer.data!.institution.partnership;
}

function coverage(standing: Standing): Record<string, boolean> {
  return Object.fromEntries(standing.dimensions.map((dimension) => [dimension.dimension, dimension.covered]));
}

async function publish<C extends EventContract>(
  contract: C,
  subject: string,
  sequence: number,
  data: unknown,
  id: string = randomUUID(),
) {
  const envelope = createEvent(contract, {
    id,
    source: "/services/test",
    subject,
    time: new Date(),
    sequence,
    data: data as never,
  });
  await partnerships.publishEnvelope(contract.topic, envelope);
  return envelope;
}

function collaboration(collaborationId: string, institutionIds: string[], dimensions: string[]) {
  return {
    collaborationId,
    type: "APPLIED_RESEARCH_FOR_COMPANY",
    institutionIds,
    companies: ["Safran"],
    dimensions,
    centreId: "centre-smart",
    leadFacultyId: "faculty-42",
    startDate: "2024-03-01",
    endDate: null,
  };
}

function completedMobility(mobilityId: string, institutionId: string, academicYear: string) {
  return {
    mobilityId,
    studentId: `student-${mobilityId}`,
    institutionId,
    agreementId: null,
    direction: "OUTGOING",
    type: "STUDY",
    academicYear,
    startDate: "2024-09-02",
    endDate: "2025-01-31",
  };
}

const fiveYearPlan = {
  firstAcademicYear: "2025-2026",
  actions: ["2025-2026", "2026-2027", "2027-2028", "2028-2029", "2029-2030"].map((academicYear) => ({
    academicYear,
    title: `Joint workshop ${academicYear}`,
  })),
};
const designate = /* GraphQL */ `
  mutation ($id: ID!, $input: StrategicDesignationInput!) {
    designateStrategicPartnership(institutionId: $id, input: $input) {
      id
      partnership {
        tier
        strategic {
          actionPlan {
            actions {
              id
              status
            }
          }
        }
      }
    }
  }
`;

beforeAll(async () => {
  await partnerships.start();
  events = await partnerships.publishedEvents();
});

afterAll(() => partnerships.stop());

describe("completeness computed from facts", () => {
  let chileId: string;
  let collaborationStartedEnvelope: Awaited<ReturnType<typeof publish>>;

  beforeAll(async () => {
    chileId = (await partnerships.registerPartner("Universidad de Chile", "CL"))._id;
    const agreement = await partnerships.app.draftAgreement(office, {
      institutionId: chileId,
      type: "EXCHANGE",
      programmeCodes: ["ICM"],
      seatsOutgoingPerYear: 2,
      seatsIncomingPerYear: 2,
      firstAcademicYear: "2024-2025",
      lastAcademicYear: "2028-2029",
      signedByPartnerOn: "2024-05-01",
      signedBySchoolOn: "2024-05-02",
    });
    await partnerships.app.activateAgreement(office, agreement._id);
  });

  it("does not count teaching from an active agreement alone", async () => {
    const standing = await standingOf(chileId);
    expect(standing.tier).toBe("STANDARD");
    expect(standing.dimensions[0]).toMatchObject({
      dimension: "TEACHING",
      covered: false,
      evidence: [{ source: "AGREEMENT" }],
    });
  });

  it("counts teaching once the students service reports a completed mobility", async () => {
    await publish(mobilityCompleted, "mobility-1", 3, completedMobility("mobility-1", chileId, "2024-2025"));
    await expectEventually(async () => expect(coverage(await standingOf(chileId)).TEACHING).toBe(true));
    const teaching = (await standingOf(chileId)).dimensions[0]!;
    expect(teaching.evidence[1]).toEqual({
      source: "STUDENT_MOBILITY",
      reference: null,
      description: "1 outgoing and 0 incoming completed student mobilities in 2024-2025",
      since: "2024-09-01",
    });
  });

  it("counts research and corporate relations from an ongoing research collaboration", async () => {
    collaborationStartedEnvelope = await publish(
      collaborationStarted,
      "collab-1",
      1,
      collaboration("collab-1", [chileId], ["RESEARCH", "CORPORATE_RELATIONS"]),
    );
    await expectEventually(async () =>
      expect(coverage(await standingOf(chileId))).toEqual({
        TEACHING: true,
        RESEARCH: true,
        CORPORATE_RELATIONS: true,
        SCIENTIFIC_CULTURE: false,
      }),
    );
  });

  it("becomes COMPLETE with a scientific culture fact from the office, and publishes the tier change", async () => {
    const answer = await partnerships.graphql<{
      recordPartnershipEvidence: { partnership: { tier: string; complete: boolean } };
    }>(
      `mutation ($id: ID!, $input: PartnershipEvidenceInput!) {
        recordPartnershipEvidence(institutionId: $id, input: $input) { partnership { tier complete } }
      }`,
      {
        id: chileId,
        input: {
          dimension: "SCIENTIFIC_CULTURE",
          description: "Joint summer school on materials",
          occurredOn: "2025-07-10",
        },
      },
    );
    expect(answer.data?.recordPartnershipEvidence.partnership).toEqual({ tier: "COMPLETE", complete: true });
    await expectEventually(() => {
      const changes = events
        .ofType("partnerships.partnership.tier-changed.v1")
        .filter((event) => event.subject === chileId);
      expect(changes.map((event) => event.data)).toEqual([
        { institutionId: chileId, previousTier: "STANDARD", tier: "COMPLETE" },
      ]);
    });
  });

  it("ignores an event about an older version of the collaboration", async () => {
    const stale = await publish(
      collaborationEnded,
      "collab-1",
      1,
      collaboration("collab-1", [chileId], ["RESEARCH"]),
    );
    // A newer fact about another collaboration, published after: once it is seen, the stale one was handled too.
    await publish(
      collaborationStarted,
      "collab-marker",
      1,
      collaboration("collab-marker", [chileId], ["SCIENTIFIC_CULTURE"]),
    );
    await expectEventually(async () =>
      expect((await standingOf(chileId)).dimensions[3]!.evidence.map((item) => item.reference)).toContain(
        "collab-marker",
      ),
    );
    expect(stale.sequence).toBe(1);
    expect(await standingOf(chileId)).toMatchObject({ tier: "COMPLETE" });
    expect(
      await partnerships.connection
        .collection("research_collaborations")
        .findOne({ _id: "collab-1" as never }),
    ).toMatchObject({
      ongoing: true,
      sequence: 1,
    });
  });

  it("drops research once the collaboration ends, and publishes the tier change back", async () => {
    await publish(collaborationEnded, "collab-1", 2, {
      ...collaboration("collab-1", [chileId], ["RESEARCH", "CORPORATE_RELATIONS"]),
      endDate: "2025-09-30",
    });
    await expectEventually(async () =>
      expect(await standingOf(chileId)).toMatchObject({ tier: "STANDARD", complete: false }),
    );
    expect(coverage(await standingOf(chileId))).toEqual({
      TEACHING: true,
      RESEARCH: false,
      CORPORATE_RELATIONS: false,
      SCIENTIFIC_CULTURE: true,
    });
    await expectEventually(() => {
      const changes = events
        .ofType("partnerships.partnership.tier-changed.v1")
        .filter((event) => event.subject === chileId);
      expect(changes.map((event) => [event.data, event.sequence])).toEqual([
        [{ institutionId: chileId, previousTier: "STANDARD", tier: "COMPLETE" }, expect.any(Number)],
        [{ institutionId: chileId, previousTier: "COMPLETE", tier: "STANDARD" }, expect.any(Number)],
      ]);
      expect(changes[1]!.sequence).toBeGreaterThan(changes[0]!.sequence);
    });
  });

  it("does not revive the collaboration when its start is delivered again", async () => {
    await partnerships.publishEnvelope(collaborationStarted.topic, collaborationStartedEnvelope);
    await publish(
      collaborationStarted,
      "collab-marker-3",
      1,
      collaboration("collab-marker-3", [chileId], ["SCIENTIFIC_CULTURE"]),
    );
    await expectEventually(async () =>
      expect((await standingOf(chileId)).dimensions[3]!.evidence.map((item) => item.reference)).toContain(
        "collab-marker-3",
      ),
    );
    expect(coverage(await standingOf(chileId))).toMatchObject({
      RESEARCH: false,
      CORPORATE_RELATIONS: false,
    });
    expect(
      events.ofType("partnerships.partnership.tier-changed.v1").filter((event) => event.subject === chileId),
    ).toHaveLength(2);
  });

  it("keeps an ended collaboration ended when its start arrives late (out of order)", async () => {
    const bogota = await partnerships.registerPartner("Universidad de los Andes", "CO");
    await publish(collaborationEnded, "collab-2", 2, {
      ...collaboration("collab-2", [bogota._id], ["RESEARCH"]),
      endDate: "2025-06-30",
    });
    await expectEventually(async () =>
      expect(
        await partnerships.connection
          .collection("research_collaborations")
          .findOne({ _id: "collab-2" as never }),
      ).toMatchObject({ sequence: 2 }),
    );
    await publish(collaborationStarted, "collab-2", 1, collaboration("collab-2", [bogota._id], ["RESEARCH"]));
    await publish(
      collaborationStarted,
      "collab-marker-2",
      1,
      collaboration("collab-marker-2", [bogota._id], ["CORPORATE_RELATIONS"]),
    );
    await expectEventually(async () =>
      expect(coverage(await standingOf(bogota._id)).CORPORATE_RELATIONS).toBe(true),
    );
    expect(coverage(await standingOf(bogota._id)).RESEARCH).toBe(false);
  });

  it("does not count a student mobility older than three academic years", async () => {
    const lyon = await partnerships.registerPartner("Old Flows University", "AR");
    await publish(
      mobilityCompleted,
      "mobility-old",
      2,
      completedMobility("mobility-old", lyon._id, "2021-2022"),
    );
    await expectEventually(async () =>
      expect(
        await partnerships.connection
          .collection("completed_student_mobilities")
          .countDocuments({ _id: "mobility-old" as never }),
      ).toBe(1),
    );
    expect((await standingOf(lyon._id)).dimensions[0]!.evidence).toEqual([]);
  });

  it("takes into account facts reported before the institution was registered", async () => {
    await publish(
      mobilityCompleted,
      "mobility-early",
      1,
      completedMobility("mobility-early", "inst-late", "2025-2026"),
    );
    await expectEventually(async () =>
      expect(
        await partnerships.connection
          .collection("completed_student_mobilities")
          .countDocuments({ institutionId: "inst-late" }),
      ).toBe(1),
    );
    await partnerships.app.registerInstitution(
      office,
      { name: "Late Registered University", countryCode: "KR" },
      { id: "inst-late" },
    );
    expect((await standingOf("inst-late")).dimensions[0]!.evidence.map((item) => item.source)).toEqual([
      "STUDENT_MOBILITY",
    ]);
  });
});

describe("strategic partnerships", () => {
  let milanId: string;

  beforeAll(async () => {
    milanId = (await partnerships.registerPartner("Politecnico di Milano", "IT"))._id;
  });

  it("refuses a plan leaving a year without action, and writes nothing", async () => {
    const answer = await partnerships.graphql(designate, {
      id: milanId,
      input: {
        carryingCentreId: "centre-smart",
        leadFacultyId: "faculty-42",
        actionPlan: { ...fiveYearPlan, actions: fiveYearPlan.actions.slice(1) },
      },
    });
    expect(firstError(answer)).toMatchObject({
      code: "BAD_USER_INPUT",
      reason: "ACTION_PLAN_YEAR_WITHOUT_ACTION",
      field: "input.actionPlan.actions",
    });
    expect(await partnerships.app.findInstitution(milanId)).toMatchObject({
      version: 1,
      partnership: { strategic: null },
    });
  });

  it("forbids an analyst to designate one", async () => {
    const answer = await partnerships.graphql(
      designate,
      {
        id: milanId,
        input: { carryingCentreId: "centre-smart", leadFacultyId: "faculty-42", actionPlan: fiveYearPlan },
      },
      "ANALYST",
    );
    expect(firstError(answer)).toMatchObject({ code: "FORBIDDEN" });
  });

  it("designates it with a carrying centre, a lead faculty member and a five-year plan; it becomes STRATEGIC", async () => {
    const answer = await partnerships.graphql(designate, {
      id: milanId,
      input: {
        carryingCentreId: "centre-smart",
        leadFacultyId: "faculty-42",
        rationale: "Top engineering school",
        actionPlan: fiveYearPlan,
      },
    });
    expect(answer.errors).toBeUndefined();
    const standing = await standingOf(milanId);
    expect(standing).toMatchObject({
      tier: "STRATEGIC",
      strategic: {
        designatedOn: "2025-10-01",
        carryingCentre: { id: "centre-smart" },
        leadFaculty: { id: "faculty-42" },
        actionPlan: { firstAcademicYear: "2025-2026", lastAcademicYear: "2029-2030" },
      },
    });
    expect(standing.strategic!.actionPlan.actions.map((action) => action.status)).toEqual(
      Array(5).fill("PLANNED"),
    );
    await expectEventually(() =>
      expect(
        events.ofType("partnerships.partnership.tier-changed.v1").find((event) => event.subject === milanId)
          ?.data,
      ).toEqual({
        institutionId: milanId,
        previousTier: "STANDARD",
        tier: "STRATEGIC",
      }),
    );
  });

  it("refuses to designate it twice", async () => {
    const answer = await partnerships.graphql(designate, {
      id: milanId,
      input: { carryingCentreId: "centre-smart", leadFacultyId: "faculty-42", actionPlan: fiveYearPlan },
    });
    expect(firstError(answer)).toMatchObject({ code: "CONFLICT", reason: "PARTNERSHIP_ALREADY_STRATEGIC" });
  });

  it("follows the yearly actions: adds one, moves it to DONE, keeps DONE final", async () => {
    const added = await partnerships.graphql<{ addPlannedAction: { partnership: Standing } }>(
      `mutation ($id: ID!) { addPlannedAction(institutionId: $id, input: { academicYear: "2026-2027", title: "Double degree negotiation" }) {
        partnership { strategic { actionPlan { actions { id title status } } } } } }`,
      { id: milanId },
    );
    const action = added.data!.addPlannedAction.partnership.strategic!.actionPlan.actions.find(
      (item) => item.title === "Double degree negotiation",
    )!;
    const setStatus = `mutation ($id: ID!, $action: ID!, $status: ActionStatus!) {
      setPlannedActionStatus(institutionId: $id, actionId: $action, status: $status) { partnership { strategic { actionPlan { actions { id status } } } } }
    }`;
    const done = await partnerships.graphql<{ setPlannedActionStatus: { partnership: Standing } }>(
      setStatus,
      { id: milanId, action: action.id, status: "DONE" },
    );
    expect(
      done.data!.setPlannedActionStatus.partnership.strategic!.actionPlan.actions.find(
        (item) => item.id === action.id,
      )?.status,
    ).toBe("DONE");
    expect(
      firstError(
        await partnerships.graphql(setStatus, { id: milanId, action: action.id, status: "PLANNED" }),
      ),
    ).toMatchObject({
      code: "CONFLICT",
      reason: "ACTION_STATUS_FINAL",
    });
    expect(
      firstError(await partnerships.graphql(setStatus, { id: milanId, action: "nope", status: "DONE" })),
    ).toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses evidence for a dimension computed from other facts, or dated in the future", async () => {
    const record = `mutation ($id: ID!, $input: PartnershipEvidenceInput!) { recordPartnershipEvidence(institutionId: $id, input: $input) { id } }`;
    expect(
      firstError(
        await partnerships.graphql(record, {
          id: milanId,
          input: { dimension: "TEACHING", description: "Lectures", occurredOn: "2025-01-01" },
        }),
      ),
    ).toMatchObject({
      code: "BAD_USER_INPUT",
      reason: "EVIDENCE_DIMENSION_NOT_RECORDABLE",
      field: "input.dimension",
    });
    expect(
      firstError(
        await partnerships.graphql(record, {
          id: milanId,
          input: { dimension: "CORPORATE_RELATIONS", description: "Fair", occurredOn: "2025-10-02" },
        }),
      ),
    ).toMatchObject({ code: "BAD_USER_INPUT", reason: "DATE_IN_FUTURE", field: "input.occurredOn" });
    expect((await standingOf(milanId)).officeEvidence).toEqual([]);
  });

  it("keeps every piece of evidence recorded at the same time", async () => {
    const rome = await partnerships.registerPartner("Sapienza Università di Roma", "IT");
    await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        partnerships.app.recordPartnershipEvidence(office, rome._id, {
          dimension: "SCIENTIFIC_CULTURE",
          description: `Public lecture ${index}`,
          occurredOn: "2025-05-01",
        }),
      ),
    );
    expect((await partnerships.app.findInstitution(rome._id))?.partnership.officeEvidence).toHaveLength(10);
  });

  it("counts strategic and complete partnerships against their targets", async () => {
    const answer = await partnerships.graphql<{
      partnershipTargets: Record<string, { actual: number; target: number }>;
    }>(`{ partnershipTargets { strategic { actual target } complete { actual target } } }`, {}, "ANALYST");
    expect(answer.data?.partnershipTargets).toEqual({
      strategic: { actual: 1, target: 30 },
      complete: { actual: 0, target: 40 },
    });
  });

  it("lists strategic partners by tier", async () => {
    const answer = await partnerships.graphql<{ institutions: { nodes: { id: string }[] } }>(
      `{ institutions(filter: { tier: [STRATEGIC, COMPLETE] }) { nodes { id } } }`,
    );
    expect(answer.data?.institutions.nodes.map((node) => node.id)).toEqual([milanId]);
  });

  it("withdraws the designation: back to STANDARD", async () => {
    const answer = await partnerships.graphql<{
      withdrawStrategicDesignation: { partnership: { tier: string; strategic: null } };
    }>(
      `mutation ($id: ID!) { withdrawStrategicDesignation(institutionId: $id) { partnership { tier strategic { designatedOn } } } }`,
      { id: milanId },
    );
    expect(answer.data?.withdrawStrategicDesignation.partnership).toEqual({
      tier: "STANDARD",
      strategic: null,
    });
  });
});
