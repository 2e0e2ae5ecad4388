import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCampaignsUnderTest } from "./campaignsTestService.ts";
import type { ApplicationFacts, CampaignsTestService } from "./campaignsTestService.ts";

let sut: CampaignsTestService;
let office: string;
let analyst: string;
let faculty: string;
const campaignIds: Record<string, string> = {};

const nominee = (
  applicationId: string,
  countryCode: string,
  academicYear = "2025-2026",
): ApplicationFacts => ({
  applicationId,
  institutionId: `partner-${countryCode}`,
  countryCode,
  programmeCode: "ICM",
  academicYear,
});

async function createCampaign(key: string, countryCode: string, academicYear: string, budget: number | null) {
  const result = await sut.graphqlWithToken(
    office,
    `mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { id } }`,
    {
      input: {
        name: key,
        countryCode,
        academicYear,
        cities: ["Capital"],
        startDate: `${academicYear.slice(0, 4)}-01-12`,
        endDate: `${academicYear.slice(0, 4)}-01-16`,
        mode: "JOINT_WITH_IMT",
        programmeCodes: ["ICM"],
        facultyIds: ["f-1"],
        budget: budget === null ? null : { amount: budget, currency: "EUR" },
      },
    },
  );
  expect(result.errors).toBeUndefined();
  campaignIds[key] = result.data?.createCampaign.id;
}

/** A video interview in the campaign, scored by the office for f-1 and completed. */
async function interview(applicationId: string, campaignId: string, day: string) {
  const scheduled = await sut.graphqlWithToken(
    office,
    `mutation($input: ScheduleInterviewInput!) { scheduleInterview(input: $input) { id } }`,
    {
      input: {
        applicationId,
        campaignId,
        mode: "VIDEO",
        slot: { start: `${day}T08:00:00Z`, end: `${day}T08:45:00Z` },
        panelFacultyIds: ["f-1"],
      },
    },
  );
  expect(scheduled.errors).toBeUndefined();
  const completed = await sut.graphqlWithToken(
    office,
    `mutation($input: CompleteInterviewInput!) { completeInterview(input: $input) { status } }`,
    {
      input: {
        interviewId: scheduled.data?.scheduleInterview.id,
        recommendation: "ADMIT",
        panelMemberId: "f-1",
        scores: [{ criterion: "MOTIVATION", value: 15 }],
      },
    },
  );
  expect(completed.data?.completeInterview.status).toBe("COMPLETED");
}

beforeAll(async () => {
  sut = await startCampaignsUnderTest();
  [office, analyst, faculty] = await Promise.all([
    sut.token({ role: "INTERNATIONAL_OFFICE" }),
    sut.token({ role: "ANALYST" }),
    sut.token({ role: "FACULTY", facultyId: "f-1" }),
  ]);
  await createCampaign("BR 2025", "BR", "2025-2026", 12000);
  await createCampaign("CN 2025", "CN", "2025-2026", 9000);
  await createCampaign("BR 2024", "BR", "2024-2025", 8000);
  const submitted = [];
  for (const id of ["b1", "b2", "b3", "b4"]) submitted.push(await sut.submitApplication(nominee(id, "BR")));
  submitted.push(await sut.submitApplication(nominee("c1", "CN")));
  await sut.handled(...submitted);

  await interview("b1", campaignIds["BR 2025"]!, "2025-02-02");
  await interview("b2", campaignIds["BR 2025"]!, "2025-02-03");
  await interview("b3", campaignIds["BR 2025"]!, "2025-02-04");
  await interview("c1", campaignIds["CN 2025"]!, "2025-02-05");
  await sut.handled(
    await sut.decideApplication(nominee("b1", "BR"), "ADMITTED", 2),
    await sut.enrolApplication(nominee("b1", "BR"), 3),
    await sut.decideApplication(nominee("b2", "BR"), "ADMITTED", 2),
    await sut.decideApplication(nominee("b3", "BR"), "REJECTED", 2),
    await sut.decideApplication(nominee("c1", "CN"), "ADMITTED", 2),
  );
});

afterAll(async () => {
  await sut?.stop();
});

const OUTCOMES = `query($id: ID!) {
  campaign(id: $id) {
    outcomes { candidatesSeen interviewed admitted enrolled interviewRate admissionRate enrolmentRate costPerAdmitted { amount currency } }
  }
}`;

describe("a campaign's outcomes", () => {
  it("counts the funnel, its conversions and the cost per admitted candidate", async () => {
    const result = await sut.graphqlWithToken(office, OUTCOMES, { id: campaignIds["BR 2025"] });
    expect(result.errors).toBeUndefined();
    expect(result.data?.campaign.outcomes).toEqual({
      candidatesSeen: 4,
      interviewed: 3,
      admitted: 2,
      enrolled: 1,
      interviewRate: 0.75,
      admissionRate: 0.6667,
      enrolmentRate: 0.5,
      costPerAdmitted: { amount: 6000, currency: "EUR" },
    });
  });

  it("gives no rate nor cost for a campaign that saw nobody", async () => {
    const result = await sut.graphqlWithToken(office, OUTCOMES, { id: campaignIds["BR 2024"] });
    expect(result.data?.campaign.outcomes).toEqual({
      candidatesSeen: 0,
      interviewed: 0,
      admitted: 0,
      enrolled: 0,
      interviewRate: null,
      admissionRate: null,
      enrolmentRate: null,
      costPerAdmitted: null,
    });
  });

  it("keeps outcomes from faculty, and never shows analysts who the candidates are", async () => {
    const forFaculty = await sut.graphqlWithToken(faculty, OUTCOMES, { id: campaignIds["BR 2025"] });
    expect(forFaculty.data?.campaign.outcomes).toBeNull();
    expect(forFaculty.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN" });
    const identities = await sut.graphqlWithToken(
      analyst,
      `query($id: ID!) { campaign(id: $id) { candidates { nodes { application { id } } } } }`,
      {
        id: campaignIds["BR 2025"],
      },
    );
    expect(identities.data?.campaign.candidates).toBeNull();
    expect(identities.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("comparing campaigns across countries and years", () => {
  const COMPARISON = `query($years: [String!], $countries: [String!]) {
    campaignComparison(academicYears: $years, countryCodes: $countries) {
      countryCode academicYear campaignCount budget { amount currency }
      outcomes { candidatesSeen interviewed admitted enrolled costPerAdmitted { amount } }
    }
  }`;

  it("gives one row per country and year", async () => {
    const result = await sut.graphqlWithToken(office, COMPARISON, {});
    expect(result.errors).toBeUndefined();
    expect(result.data?.campaignComparison).toEqual([
      {
        countryCode: "BR",
        academicYear: "2024-2025",
        campaignCount: 1,
        budget: { amount: 8000, currency: "EUR" },
        outcomes: { candidatesSeen: 0, interviewed: 0, admitted: 0, enrolled: 0, costPerAdmitted: null },
      },
      {
        countryCode: "BR",
        academicYear: "2025-2026",
        campaignCount: 1,
        budget: { amount: 12000, currency: "EUR" },
        outcomes: {
          candidatesSeen: 4,
          interviewed: 3,
          admitted: 2,
          enrolled: 1,
          costPerAdmitted: { amount: 6000 },
        },
      },
      {
        countryCode: "CN",
        academicYear: "2025-2026",
        campaignCount: 1,
        budget: { amount: 9000, currency: "EUR" },
        outcomes: {
          candidatesSeen: 1,
          interviewed: 1,
          admitted: 1,
          enrolled: 0,
          costPerAdmitted: { amount: 9000 },
        },
      },
    ]);
  });

  it('shows an analyst "<5" for a country\'s count of 1 to 4 people, and no rate or cost that gives one away', async () => {
    const result = await sut.graphqlWithToken(
      analyst,
      `{ campaignComparison(academicYears: ["2025-2026"], countryCodes: ["BR"]) { outcomes {
          candidatesSeen candidatesSeenShown interviewed interviewedShown admitted admittedShown
          enrolled enrolledShown interviewRate admissionRate enrolmentRate costPerAdmitted { amount } } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.campaignComparison[0].outcomes).toEqual({
      candidatesSeen: null,
      candidatesSeenShown: "<5",
      interviewed: null,
      interviewedShown: "<5",
      admitted: null,
      admittedShown: "<5",
      enrolled: null,
      enrolledShown: "<5",
      interviewRate: null,
      admissionRate: null,
      enrolmentRate: null,
      costPerAdmitted: null,
    });
    const forOffice = await sut.graphqlWithToken(
      office,
      `{ campaignComparison(academicYears: ["2025-2026"], countryCodes: ["BR"]) { outcomes { candidatesSeenShown } } }`,
    );
    expect(forOffice.data?.campaignComparison[0].outcomes.candidatesSeenShown).toBe("4");
  });

  it("selects countries and years", async () => {
    const result = await sut.graphqlWithToken(analyst, COMPARISON, {
      years: ["2025-2026"],
      countries: ["CN", "BR"],
    });
    expect(result.data?.campaignComparison.map((row: { countryCode: string }) => row.countryCode)).toEqual([
      "BR",
      "CN",
    ]);
  });

  it("refuses a malformed year, naming it", async () => {
    const result = await sut.graphqlWithToken(analyst, COMPARISON, { years: ["2025-2026", "2025"] });
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      reason: "INVALID_ACADEMIC_YEAR",
      field: "academicYears[1]",
    });
  });

  it("is not for partners nor faculty", async () => {
    for (const token of [faculty, await sut.token({ role: "PARTNER", institutionId: "partner-BR" })]) {
      const result = await sut.graphqlWithToken(token, COMPARISON, {});
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN" });
    }
  });
});
