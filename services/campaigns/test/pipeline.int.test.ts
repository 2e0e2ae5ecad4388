import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applicationSubmitted, collaborationStarted } from "@intl/events";
import { expectEventually } from "@intl/testing";
import { startCampaignsUnderTest } from "./campaignsTestService.ts";
import type { ApplicationFacts, CampaignsTestService } from "./campaignsTestService.ts";

let sut: CampaignsTestService;
let office: string;
let analyst: string;
let faculty: string;

const CANDIDATES = `query($id: ID!) {
  campaign(id: $id) {
    candidates(first: 50) { totalCount nodes { id stage joinedBy programmeCode application { id } institution { id } campaign { id } } }
  }
}`;

async function createCampaign(input: Record<string, unknown>): Promise<string> {
  const result = await sut.graphqlWithToken(
    office,
    `mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { id } }`,
    {
      input: {
        name: "Brazil mission",
        countryCode: "BR",
        academicYear: "2026-2027",
        cities: ["São Paulo"],
        startDate: "2025-11-03",
        endDate: "2025-11-14",
        mode: "JOINT_WITH_IMT",
        programmeCodes: ["ICM", "ISMIN"],
        ...input,
      },
    },
  );
  expect(result.errors).toBeUndefined();
  return result.data?.createCampaign.id;
}

async function candidatesOf(campaignId: string) {
  const result = await sut.graphqlWithToken(office, CANDIDATES, { id: campaignId });
  expect(result.errors).toBeUndefined();
  return result.data?.campaign.candidates as {
    totalCount: number;
    nodes: { id: string; stage: string; joinedBy: string; application: { id: string } }[];
  };
}

const nomination = (applicationId: string, overrides: Partial<ApplicationFacts> = {}): ApplicationFacts => ({
  applicationId,
  institutionId: "usp",
  countryCode: "BR",
  programmeCode: "ICM",
  academicYear: "2026-2027",
  ...overrides,
});

let brazil: string;

beforeAll(async () => {
  sut = await startCampaignsUnderTest();
  [office, analyst, faculty] = await Promise.all([
    sut.token({ role: "INTERNATIONAL_OFFICE" }),
    sut.token({ role: "ANALYST" }),
    sut.token({ role: "FACULTY", facultyId: "f-1" }),
  ]);
  brazil = await createCampaign({ name: "Brazil 2026" });
});

afterAll(async () => {
  await sut?.stop();
});

describe("the candidate pipeline, fed by the students service's events", () => {
  it("takes a nomination submitted in the campaign's country, programme and year", async () => {
    await sut.submitApplication(nomination("app-br-1"));
    await expectEventually(async () => {
      const candidates = await candidatesOf(brazil);
      expect(candidates.nodes).toMatchObject([
        {
          id: `${brazil}:app-br-1`,
          stage: "IN_PIPELINE",
          joinedBy: "AUTOMATIC",
          programmeCode: "ICM",
          application: { id: "app-br-1" },
        },
      ]);
    });
  });

  it("leaves out nominations from another country, programme or year", async () => {
    const events = [
      await sut.submitApplication(nomination("app-cn", { countryCode: "CN", institutionId: "tsinghua" })),
      await sut.submitApplication(nomination("app-msc", { programmeCode: "MSC-DATA-SCIENCE" })),
      await sut.submitApplication(nomination("app-2027", { academicYear: "2027-2028" })),
    ];
    await sut.handled(...events);
    expect(await sut.service.app.readModels.findApplication("app-cn")).not.toBeNull();
    expect((await candidatesOf(brazil)).nodes.map((c) => c.application.id)).toEqual(["app-br-1"]);
  });

  it("takes a redelivered submission once", async () => {
    const facts = nomination("app-br-dup");
    const first = await sut.submitApplication(facts);
    // The same event again (same id), then a copy under a new id: one candidate either way.
    await sut.publish(applicationSubmitted, {
      id: first.id,
      subject: facts.applicationId,
      sequence: 1,
      data: first.data,
    });
    const copy = await sut.publish(applicationSubmitted, {
      subject: facts.applicationId,
      sequence: 1,
      data: first.data,
    });
    await sut.handled(first, copy);
    expect((await candidatesOf(brazil)).nodes.filter((c) => c.application.id === "app-br-dup")).toHaveLength(
      1,
    );
  });

  it("follows the application's decision, enrolment and withdrawal, even out of order", async () => {
    const admitted = nomination("app-br-admitted");
    const withdrawn = nomination("app-br-withdrawn");
    // The decision (sequence 2) and the enrolment (3) arrive before the submission (1).
    await sut.enrolApplication(admitted, 3);
    await sut.decideApplication(admitted, "ADMITTED", 2);
    await sut.submitApplication(admitted, 1);
    await sut.submitApplication(withdrawn, 1);
    await sut.withdrawApplication(withdrawn, 2);
    await expectEventually(async () => {
      const stages = Object.fromEntries(
        (await candidatesOf(brazil)).nodes.map((c) => [c.application.id, c.stage]),
      );
      expect(stages).toMatchObject({ "app-br-admitted": "ENROLLED", "app-br-withdrawn": "WITHDRAWN" });
    });
  });

  it("back-fills a new campaign with the nominations already awaiting a decision", async () => {
    await sut.handled(
      await sut.submitApplication(
        nomination("app-ismin", { programmeCode: "ISMIN", academicYear: "2027-2028" }),
      ),
    );
    const later = await createCampaign({
      name: "Brazil 2027",
      academicYear: "2027-2028",
      programmeCodes: ["ISMIN"],
    });
    expect((await candidatesOf(later)).nodes.map((c) => c.application.id)).toEqual(["app-ismin"]);
  });

  it("takes no more automatic candidates once the campaign is closed", async () => {
    const closing = await createCampaign({ name: "Brazil MSc", programmeCodes: ["MSC-TRIBOLOGY"] });
    await sut.graphqlWithToken(office, `mutation { openCampaign(id: "${closing}") { status } }`);
    await sut.graphqlWithToken(office, `mutation { closeCampaign(id: "${closing}") { status } }`);
    await sut.handled(
      await sut.submitApplication(nomination("app-tribology", { programmeCode: "MSC-TRIBOLOGY" })),
    );
    expect((await candidatesOf(closing)).totalCount).toBe(0);
  });
});

describe("assigning a candidate by hand", () => {
  const ASSIGN = `mutation($input: AssignCandidateInput!) { assignCandidate(input: $input) { id joinedBy stage application { id } } }`;

  it("adds a known application from elsewhere to the pipeline, once", async () => {
    const first = await sut.graphqlWithToken(office, ASSIGN, {
      input: { campaignId: brazil, applicationId: "app-cn" },
    });
    expect(first.data?.assignCandidate).toMatchObject({
      joinedBy: "BY_HAND",
      stage: "IN_PIPELINE",
      application: { id: "app-cn" },
    });
    const again = await sut.graphqlWithToken(office, ASSIGN, {
      input: { campaignId: brazil, applicationId: "app-cn" },
    });
    expect(again.data?.assignCandidate.id).toBe(first.data?.assignCandidate.id);
    expect((await candidatesOf(brazil)).nodes.filter((c) => c.application.id === "app-cn")).toHaveLength(1);
  });

  it("refuses an application the students service never announced", async () => {
    const result = await sut.graphqlWithToken(office, ASSIGN, {
      input: { campaignId: brazil, applicationId: "app-unknown" },
    });
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: "NOT_FOUND",
      reason: "APPLICATION_NOT_FOUND",
      field: "input.applicationId",
    });
  });

  it("refuses an unknown campaign", async () => {
    const result = await sut.graphqlWithToken(office, ASSIGN, {
      input: { campaignId: "nope", applicationId: "app-cn" },
    });
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: "NOT_FOUND",
      reason: "CAMPAIGN_NOT_FOUND",
      field: "input.campaignId",
    });
  });

  it("lets only the office assign, and shows the pipeline to the office only", async () => {
    const assigned = await sut.graphqlWithToken(faculty, ASSIGN, {
      input: { campaignId: brazil, applicationId: "app-cn" },
    });
    expect(assigned.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN" });
    const pipeline = await sut.graphqlWithToken(analyst, CANDIDATES, { id: brazil });
    expect(pipeline.data?.campaign.candidates).toBeNull();
    expect(pipeline.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("the application entity, extended", () => {
  it("resolves an application's campaign through federation", async () => {
    const result = await sut.graphqlWithToken(
      office,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Application { id campaign { id name } interviews { id } } } }`,
      {
        r: [
          { __typename: "Application", id: "app-br-1" },
          { __typename: "Application", id: "app-unheard-of" },
        ],
      },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([
      { id: "app-br-1", campaign: { id: brazil, name: "Brazil 2026" }, interviews: [] },
      { id: "app-unheard-of", campaign: null, interviews: [] },
    ]);
  });
});

describe("erasure of a student", () => {
  it("drops the student id, the only link to the person held here, and keeps the figures", async () => {
    await sut.submitApplication(nomination("app-erased", { studentId: "student-to-erase" }));
    await expectEventually(async () =>
      expect(await sut.service.app.readModels.studentIdOf("app-erased")).toBe("student-to-erase"),
    );
    await sut.eraseStudent("student-to-erase");
    await expectEventually(async () =>
      expect(await sut.service.app.readModels.studentIdOf("app-erased")).toBeNull(),
    );
    expect((await candidatesOf(brazil)).nodes.map((c) => c.application.id)).toContain("app-erased");
  });

  it("does not take the link back from an application event that arrives after the erasure", async () => {
    await sut.handled(await sut.eraseStudent("student-erased-first"));
    await sut.handled(
      await sut.submitApplication(nomination("app-late", { studentId: "student-erased-first" })),
    );
    expect(await sut.service.app.readModels.findApplication("app-late")).not.toBeNull();
    expect(await sut.service.app.readModels.studentIdOf("app-late")).toBeNull();
  });
});

describe("faculty known from the research service", () => {
  it("keeps the id of each collaboration's lead, once", async () => {
    const collaboration = (collaborationId: string) => ({
      collaborationId,
      type: "JOINT_RESEARCH",
      institutionIds: ["usp"],
      companies: [],
      dimensions: ["RESEARCH"],
      centreId: "centre-1",
      leadFacultyId: "fac-lead",
      startDate: "2025-01-01",
      endDate: null,
    });
    await sut.handled(
      await sut.publish(collaborationStarted, {
        subject: "collab-1",
        sequence: 1,
        data: collaboration("collab-1"),
      }),
      await sut.publish(collaborationStarted, {
        subject: "collab-2",
        sequence: 1,
        data: collaboration("collab-2"),
      }),
    );
    expect(await sut.service.app.readModels.knownFacultyIds()).toEqual(["fac-lead"]);
  });
});
