import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applicationSubmitted } from "@intl/events";
import type { EventEnvelope } from "@intl/events";
import { expectEventually } from "@intl/testing";
import { ResearchTestService, admin, centreWithFaculty } from "./researchTestService.ts";

const service = new ResearchTestService();
let supervisor: string;
let otherHdr: string;
let nonHdr: string;
let published: EventEnvelope[];

const OPEN = /* GraphQL */ `
  mutation Open($input: OpenPhdPositionInput!) {
    openPhdPosition(input: $input) {
      id
      status
      supervisor {
        id
        hdr
      }
      centre {
        code
      }
      coSupervisor {
        institution {
          id
        }
      }
    }
  }
`;
const ADD = /* GraphQL */ `
  mutation Add($input: AddPhdCandidateInput!) {
    addPhdCandidate(input: $input) {
      candidates {
        id
      }
    }
  }
`;
const ASSESS = /* GraphQL */ `
  mutation Assess($input: AssessPhdCandidateInput!) {
    assessPhdCandidate(input: $input) {
      candidates {
        id
        assessment {
          scientificExcellence
          motivation
          professionalProject
          mean
          assessedBy {
            id
          }
        }
      }
    }
  }
`;
const AGREE = /* GraphQL */ `
  mutation Agree($input: AgreeSubjectInput!) {
    agreeSubject(input: $input) {
      candidates {
        id
        subjectAgreement {
          candidateAgreedAt
          coSupervisorAgreedAt
          complete
        }
      }
    }
  }
`;
const SELECT = /* GraphQL */ `
  mutation Select($input: SelectPhdCandidateInput!) {
    selectPhdCandidate(input: $input) {
      id
      status
      selectedAt
      selectedCandidate {
        id
        application {
          id
        }
        student {
          id
        }
      }
    }
  }
`;

const office = { role: "INTERNATIONAL_OFFICE" } as const;
const asSupervisor = () => ({ role: "FACULTY" as const, hdr: true, facultyId: supervisor });

beforeAll(async () => {
  await service.start();
  ({
    facultyIds: { supervisor, otherHdr, nonHdr },
  } = await centreWithFaculty(service, "CIS", [
    { key: "supervisor", hdr: true },
    { key: "otherHdr", hdr: true },
    { key: "nonHdr", hdr: false },
  ]));
  await service.knownInstitutions([{ id: "inst-usp", countryCode: "BR" }]);
  published = await service.collect("research.phd");
});

afterAll(() => service.stop());

async function openPosition(coSupervised = true): Promise<string> {
  const answer = await service.graphql(
    OPEN,
    {
      input: {
        subject: "Bioresorbable stents: modelling degradation in vivo",
        domain: "BIOMEDICAL",
        supervisorId: supervisor,
        academicYear: "2026-2027",
        ...(coSupervised ? { coSupervisor: { fullName: "Prof. Ana Souza", institutionId: "inst-usp" } } : {}),
      },
    },
    office,
  );
  expect(answer.errors).toBeUndefined();
  return answer.data!.openPhdPosition.id;
}

async function positionReadyToSelect(): Promise<{ positionId: string; candidateId: string }> {
  const positionId = await openPosition();
  const added = await service.app.addPhdCandidate(admin, positionId, {
    fullName: "Lucas Pereira",
    institutionId: "inst-usp",
  });
  const candidateId = added.candidates[0]!.id;
  const supervisorViewer = {
    authenticated: true as const,
    subject: "s",
    role: "FACULTY" as const,
    hdr: true,
    institutionId: null,
    facultyId: supervisor,
  };
  await service.app.assessPhdCandidate(supervisorViewer, positionId, candidateId, {
    scientificExcellence: 17,
    motivation: 16,
    professionalProject: 15,
  });
  await service.app.agreeSubject(admin, positionId, candidateId, "CANDIDATE");
  await service.app.agreeSubject(admin, positionId, candidateId, "CO_SUPERVISOR");
  return { positionId, candidateId };
}

describe("opening PhD positions", () => {
  it("opens a position under an HDR supervisor, in the supervisor's centre", async () => {
    const positionId = await openPosition();
    const answer = await service.graphql(
      `{ phdPosition(id: "${positionId}") { status centre { code } supervisor { hdr } } }`,
      {},
      office,
    );
    expect(answer.data!.phdPosition).toEqual({
      status: "OPEN",
      centre: { code: "CIS" },
      supervisor: { hdr: true },
    });
  });

  it("refuses a supervisor without the HDR, naming the field, and writes nothing", async () => {
    const count = async () =>
      (await service.graphql(`{ phdPositions(first: 0) { totalCount } }`, {}, office)).data!.phdPositions
        .totalCount;
    const before = await count();
    const answer = await service.graphql(
      OPEN,
      {
        input: { subject: "Anything", domain: "BIOMEDICAL", supervisorId: nonHdr, academicYear: "2026-2027" },
      },
      office,
    );
    expect(answer.errors?.[0]?.extensions).toMatchObject({
      code: "CONFLICT",
      reason: "SUPERVISOR_NOT_HDR",
      field: "input.supervisorId",
    });
    expect(await count()).toBe(before);
  });

  it("refuses a malformed academic year", async () => {
    const answer = await service.graphql(
      OPEN,
      { input: { subject: "x", domain: "ENERGY", supervisorId: supervisor, academicYear: "2026" } },
      office,
    );
    expect(answer.errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      reason: "INVALID_ACADEMIC_YEAR",
      field: "input.academicYear",
    });
  });
});

describe("assessing candidates and agreeing the subject", () => {
  it("the supervisor scores a candidate on the seed's three criteria", async () => {
    const positionId = await openPosition();
    const added = await service.graphql(
      ADD,
      { input: { positionId, fullName: "Mariana Costa", institutionId: "inst-usp" } },
      office,
    );
    const candidateId = added.data!.addPhdCandidate.candidates[0].id;
    const answer = await service.graphql(
      ASSESS,
      {
        input: { positionId, candidateId, scientificExcellence: 18, motivation: 15, professionalProject: 12 },
      },
      asSupervisor(),
    );
    expect(answer.data!.assessPhdCandidate.candidates[0].assessment).toEqual({
      scientificExcellence: 18,
      motivation: 15,
      professionalProject: 12,
      mean: 15,
      assessedBy: { id: supervisor },
    });
  });

  it("refuses a score above 20, naming the field", async () => {
    const positionId = await openPosition();
    const added = await service.app.addPhdCandidate(admin, positionId, { fullName: "Someone" });
    const answer = await service.graphql(
      ASSESS,
      {
        input: {
          positionId,
          candidateId: added.candidates[0]!.id,
          scientificExcellence: 25,
          motivation: 15,
          professionalProject: 12,
        },
      },
      asSupervisor(),
    );
    expect(answer.errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      reason: "INVALID_SCORE",
      field: "input.scientificExcellence",
    });
  });

  it("the partner of the co-supervisor records the co-supervisor's agreement; the candidate's is recorded by the office", async () => {
    const positionId = await openPosition();
    const added = await service.app.addPhdCandidate(admin, positionId, { fullName: "Someone" });
    const candidateId = added.candidates[0]!.id;
    // A partner may act, but candidates are personal data it does not read back.
    const byPartner = await service.graphql(
      `mutation($input: AgreeSubjectInput!) { agreeSubject(input: $input) { id } }`,
      { input: { positionId, candidateId, party: "CO_SUPERVISOR" } },
      { role: "PARTNER", institutionId: "inst-usp" },
    );
    expect(byPartner.errors).toBeUndefined();
    const seen = await service.graphql(
      `{ phdPosition(id: "${positionId}") { candidates { subjectAgreement { coSupervisorAgreedAt complete } } } }`,
      {},
      office,
    );
    expect(seen.data!.phdPosition.candidates[0].subjectAgreement).toMatchObject({
      coSupervisorAgreedAt: expect.any(String),
      complete: false,
    });
    const byOffice = await service.graphql(
      AGREE,
      { input: { positionId, candidateId, party: "CANDIDATE" } },
      office,
    );
    expect(byOffice.data!.agreeSubject.candidates[0].subjectAgreement.complete).toBe(true);
  });

  it("keeps every candidate added to one position at the same moment (its writes take turns)", async () => {
    const positionId = await openPosition();
    const names = ["Ana", "Bruno", "Carla", "Diego", "Elena", "Fabio"];
    const added = await Promise.all(
      names.map((fullName) => service.app.addPhdCandidate(admin, positionId, { fullName })),
    );
    expect(added.map((position) => position.candidates.length).sort()).toEqual([1, 2, 3, 4, 5, 6]);
    const seen = await service.graphql(
      `{ phdPosition(id: "${positionId}") { candidates { fullName } } }`,
      {},
      office,
    );
    expect(seen.data!.phdPosition.candidates.map((c: { fullName: string }) => c.fullName).sort()).toEqual(
      names,
    );
  });

  it("a partner of another institution may not agree for the co-supervisor", async () => {
    const positionId = await openPosition();
    const added = await service.app.addPhdCandidate(admin, positionId, { fullName: "Someone" });
    const answer = await service.graphql(
      AGREE,
      { input: { positionId, candidateId: added.candidates[0]!.id, party: "CO_SUPERVISOR" } },
      { role: "PARTNER", institutionId: "inst-other" },
    );
    expect(answer.errors?.[0]?.extensions).toMatchObject({
      code: "FORBIDDEN",
      reason: "NOT_OWN_INSTITUTION",
    });
  });
});

describe("selecting a PhD candidate: only HDR faculty select", () => {
  it("refuses an administrator with HDR_REQUIRED", async () => {
    const { positionId, candidateId } = await positionReadyToSelect();
    const answer = await service.graphql(SELECT, { input: { positionId, candidateId } }, { role: "ADMIN" });
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN", reason: "HDR_REQUIRED" });
    expect(answer.errors?.[0]?.message).toMatch(/HDR/);
  });

  it("refuses a faculty member without the HDR", async () => {
    const { positionId, candidateId } = await positionReadyToSelect();
    const answer = await service.graphql(
      SELECT,
      { input: { positionId, candidateId } },
      { role: "FACULTY", hdr: false, facultyId: nonHdr },
    );
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN", reason: "HDR_REQUIRED" });
  });

  it("refuses a token claiming the HDR for a faculty record that does not hold it", async () => {
    const { positionId, candidateId } = await positionReadyToSelect();
    const answer = await service.graphql(
      SELECT,
      { input: { positionId, candidateId } },
      { role: "FACULTY", hdr: true, facultyId: nonHdr },
    );
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN", reason: "HDR_REQUIRED" });
  });

  it("refuses an HDR colleague who does not supervise the position", async () => {
    const { positionId, candidateId } = await positionReadyToSelect();
    const answer = await service.graphql(
      SELECT,
      { input: { positionId, candidateId } },
      { role: "FACULTY", hdr: true, facultyId: otherHdr },
    );
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN", reason: "NOT_SUPERVISOR" });
  });

  it("refuses while the subject is not agreed by the partner's co-supervisor", async () => {
    const positionId = await openPosition();
    const added = await service.app.addPhdCandidate(admin, positionId, { fullName: "Someone" });
    const candidateId = added.candidates[0]!.id;
    await service.graphql(
      ASSESS,
      {
        input: { positionId, candidateId, scientificExcellence: 15, motivation: 15, professionalProject: 15 },
      },
      asSupervisor(),
    );
    await service.graphql(AGREE, { input: { positionId, candidateId, party: "CANDIDATE" } }, asSupervisor());
    const answer = await service.graphql(SELECT, { input: { positionId, candidateId } }, asSupervisor());
    expect(answer.errors?.[0]?.extensions).toMatchObject({
      code: "CONFLICT",
      reason: "SUBJECT_NOT_AGREED",
      details: { missing: ["CO_SUPERVISOR"] },
    });
  });

  it("the HDR supervisor selects a nominated candidate: the position is filled and the selection published", async () => {
    await service.publish(applicationSubmitted, {
      subject: "app-phd-9",
      sequence: 1,
      data: {
        applicationId: "app-phd-9",
        studentId: "stu-9",
        institutionId: "inst-usp",
        countryCode: "BR",
        programmeCode: "PHD-BIO",
        programmeKind: "PHD",
        academicYear: "2026-2027",
        requiresInterview: false,
        submittedAt: new Date().toISOString(),
      },
    });
    await expectEventually(async () =>
      expect(await service.app.findPhdApplication("app-phd-9")).not.toBeNull(),
    );
    const positionId = await openPosition();
    const added = await service.graphql(
      ADD,
      { input: { positionId, applicationId: "app-phd-9" } },
      asSupervisor(),
    );
    const candidateId = added.data!.addPhdCandidate.candidates[0].id;
    await service.graphql(
      ASSESS,
      {
        input: { positionId, candidateId, scientificExcellence: 19, motivation: 17, professionalProject: 16 },
      },
      asSupervisor(),
    );
    await service.graphql(AGREE, { input: { positionId, candidateId, party: "CANDIDATE" } }, asSupervisor());
    await service.graphql(
      AGREE,
      { input: { positionId, candidateId, party: "CO_SUPERVISOR" } },
      asSupervisor(),
    );

    const answer = await service.graphql(SELECT, { input: { positionId, candidateId } }, asSupervisor());
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.selectPhdCandidate).toMatchObject({
      status: "FILLED",
      selectedAt: expect.any(String),
      selectedCandidate: { id: candidateId, application: { id: "app-phd-9" }, student: { id: "stu-9" } },
    });

    const event = await expectEventually(() => {
      const found = published.find((e) => e.subject === positionId);
      if (!found) throw new Error("selection not yet on research.phd");
      return found;
    });
    expect(event).toMatchObject({
      type: "research.phd.candidate-selected.v1",
      data: {
        positionId,
        applicationId: "app-phd-9",
        studentId: "stu-9",
        supervisorFacultyId: supervisor,
        institutionId: "inst-usp",
        subject: "Bioresorbable stents: modelling degradation in vivo",
        selectedAt: answer.data!.selectPhdCandidate.selectedAt,
      },
    });

    const again = await service.graphql(SELECT, { input: { positionId, candidateId } }, asSupervisor());
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", reason: "POSITION_NOT_OPEN" });
  });
});

describe("candidates are personal data", () => {
  it("analysts see positions but get FORBIDDEN on their candidates", async () => {
    const positionId = await openPosition();
    const answer = await service.graphql(
      `{ phdPosition(id: "${positionId}") { subject candidates { id } coSupervisor { fullName } } }`,
      {},
      { role: "ANALYST" },
    );
    expect(answer.data!.phdPosition).toMatchObject({
      subject: expect.any(String),
      candidates: null,
      coSupervisor: { fullName: null },
    });
    expect(answer.errors?.map((e) => e.extensions?.reason)).toEqual([
      "PERSONAL_DATA_RESTRICTED",
      "PERSONAL_DATA_RESTRICTED",
    ]);
  });
});
