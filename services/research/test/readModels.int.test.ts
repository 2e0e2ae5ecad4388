import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  applicationSubmitted,
  applicationWithdrawn,
  institutionCreated,
  institutionUpdated,
} from "@intl/events";
import { expectEventually } from "@intl/testing";
import { ResearchTestService, admin, centreWithFaculty } from "./researchTestService.ts";

const service = new ResearchTestService();
let lead: string;

beforeAll(async () => {
  await service.start();
  ({
    facultyIds: { lead },
  } = await centreWithFaculty(service, "SPIN", [{ key: "lead", hdr: true }]));
});

afterAll(() => service.stop());

function institution(id: string, name: string, countryCode: string) {
  return {
    institutionId: id,
    name,
    countryCode,
    city: null,
    identifiers: { schac: null, erasmus: null, pic: null, ror: null },
  };
}

async function knownInstitution(id: string) {
  return (await service.app.knownInstitutions([id]))[0];
}

describe("the institutions read model (partnerships.institution events)", () => {
  it("refuses a collaboration with an institution until its creation event arrives, then accepts it", async () => {
    const plan = () =>
      service.graphql(
        `mutation($input: PlanCollaborationInput!) { planCollaboration(input: $input) { id } }`,
        {
          input: {
            title: "Hydrogen storage",
            type: "JOINT_RESEARCH",
            institutionIds: ["inst-kaist"],
            leadFacultyId: lead,
            startDate: "2026-01-01",
          },
        },
        { role: "ADMIN" },
      );
    const early = await plan();
    expect(early.errors?.[0]?.extensions).toMatchObject({ code: "NOT_FOUND", reason: "INSTITUTION_NOT_FOUND" });
    expect(early.errors?.[0]?.message).toMatch(/retry shortly/);

    await service.publish(institutionCreated, {
      subject: "inst-kaist",
      sequence: 1,
      data: institution("inst-kaist", "KAIST", "KR"),
    });
    await expectEventually(async () => {
      const answer = await plan();
      expect(answer.errors).toBeUndefined();
    });
  });

  it("applies an update, and ignores a duplicate of an event already applied", async () => {
    await service.publish(institutionCreated, {
      subject: "inst-uba",
      sequence: 1,
      data: institution("inst-uba", "UBA", "AR"),
    });
    const update = await service.publish(institutionUpdated, {
      subject: "inst-uba",
      sequence: 2,
      data: institution("inst-uba", "Universidad de Buenos Aires", "AR"),
    });
    await expectEventually(async () =>
      expect(await knownInstitution("inst-uba")).toMatchObject({
        name: "Universidad de Buenos Aires",
        sequence: 2,
      }),
    );

    // The same event delivered again (same id), and a different older one: neither changes anything.
    await service.publish(institutionUpdated, {
      id: update.id,
      subject: "inst-uba",
      sequence: 2,
      data: institution("inst-uba", "Duplicate", "AR"),
    });
    await service.publish(institutionUpdated, {
      subject: "inst-uba",
      sequence: 1,
      data: institution("inst-uba", "Stale", "AR"),
    });
    // A later event on the same partition proves the two before it were handled.
    await service.publish(institutionCreated, {
      subject: "inst-marker-1",
      sequence: 1,
      data: institution("inst-marker-1", "Marker", "FR"),
    });
    await expectEventually(async () => expect(await knownInstitution("inst-marker-1")).toBeDefined());
    expect(await knownInstitution("inst-uba")).toMatchObject({
      name: "Universidad de Buenos Aires",
      sequence: 2,
    });
  });

  it("holds the newest state when events arrive out of order", async () => {
    await service.publish(institutionUpdated, {
      subject: "inst-hust",
      sequence: 3,
      data: institution("inst-hust", "Huazhong University of Science and Technology", "CN"),
    });
    await service.publish(institutionCreated, {
      subject: "inst-hust",
      sequence: 1,
      data: institution("inst-hust", "HUST (old name)", "CN"),
    });
    await service.publish(institutionCreated, {
      subject: "inst-marker-2",
      sequence: 1,
      data: institution("inst-marker-2", "Marker", "FR"),
    });
    await expectEventually(async () => expect(await knownInstitution("inst-marker-2")).toBeDefined());
    expect(await knownInstitution("inst-hust")).toMatchObject({
      name: "Huazhong University of Science and Technology",
      sequence: 3,
    });
  });

  it("sends a message that breaks its contract to the dead-letter topic and keeps consuming", async () => {
    const deadLetters = await service.collect("dlq.research.read-models");
    await service.publishRaw(
      "partnerships.institution",
      "inst-bad",
      JSON.stringify({ specversion: "1.0", type: "nonsense" }),
    );
    await service.publish(institutionCreated, {
      subject: "inst-after-bad",
      sequence: 1,
      data: institution("inst-after-bad", "After", "FR"),
    });
    await expectEventually(async () => expect(await knownInstitution("inst-after-bad")).toBeDefined());
    await expectEventually(() => expect(deadLetters).toHaveLength(1));
  });
});

describe("the PhD applications read model (students.application events)", () => {
  function application(applicationId: string, programmeKind: "PHD" | "MSC") {
    return {
      applicationId,
      studentId: `stu-${applicationId}`,
      institutionId: "inst-kaist",
      countryCode: "KR",
      programmeCode: programmeKind === "PHD" ? "PHD-MAT" : "MSC-DS",
      programmeKind,
      academicYear: "2026-2027",
      requiresInterview: programmeKind !== "PHD",
    };
  }

  async function openPosition() {
    return service.app.openPhdPosition(admin, {
      subject: "Catalysis for e-fuels",
      domain: "ENERGY",
      supervisorId: lead,
      academicYear: "2026-2027",
    });
  }

  it("lets a nominated PhD applicant become a candidate once the submission arrived; other kinds are not kept", async () => {
    await service.publish(applicationSubmitted, {
      subject: "app-phd-1",
      sequence: 1,
      data: { ...application("app-phd-1", "PHD"), submittedAt: new Date().toISOString() },
    });
    await service.publish(applicationSubmitted, {
      subject: "app-msc-1",
      sequence: 1,
      data: { ...application("app-msc-1", "MSC"), submittedAt: new Date().toISOString() },
    });
    await expectEventually(async () =>
      expect(await service.app.findPhdApplication("app-phd-1")).toMatchObject({
        status: "SUBMITTED",
        studentId: "stu-app-phd-1",
      }),
    );

    const position = await openPosition();
    const added = await service.app.addPhdCandidate(admin, position.id, { applicationId: "app-phd-1" });
    expect(added.candidates[0]).toMatchObject({
      applicationId: "app-phd-1",
      studentId: "stu-app-phd-1",
      institutionId: "inst-kaist",
    });
    expect(await service.app.findPhdApplication("app-msc-1")).toBeNull();
  });

  it("refuses a candidate from an application withdrawn meanwhile", async () => {
    await service.publish(applicationSubmitted, {
      subject: "app-phd-2",
      sequence: 1,
      data: { ...application("app-phd-2", "PHD"), submittedAt: new Date().toISOString() },
    });
    await service.publish(applicationWithdrawn, {
      subject: "app-phd-2",
      sequence: 2,
      data: { ...application("app-phd-2", "PHD"), withdrawnAt: new Date().toISOString() },
    });
    await expectEventually(async () =>
      expect(await service.app.findPhdApplication("app-phd-2")).toMatchObject({ status: "WITHDRAWN" }),
    );
    const position = await openPosition();
    const answer = await service.graphql(
      `mutation($input: AddPhdCandidateInput!) { addPhdCandidate(input: $input) { id } }`,
      { input: { positionId: position.id, applicationId: "app-phd-2" } },
      { role: "INTERNATIONAL_OFFICE" },
    );
    expect(answer.errors?.[0]?.extensions).toMatchObject({
      code: "CONFLICT",
      reason: "APPLICATION_WITHDRAWN",
      field: "input.applicationId",
    });
  });
});
