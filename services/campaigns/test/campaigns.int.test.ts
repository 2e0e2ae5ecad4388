import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectEventually } from "@intl/testing";
import { startCampaignsUnderTest } from "./campaignsTestService.ts";
import { chinaMission as mission } from "./fixtures.ts";
import type { CampaignsTestService } from "./campaignsTestService.ts";

let sut: CampaignsTestService;
let office: string;
let admin: string;
let analyst: string;
let faculty: string;
let partner: string;

const CAMPAIGN_FIELDS = `
  id name countryCode cities academicYear startDate endDate mode status programmeCodes version demo
  targetInstitutions { id } faculty { id } budget { amount currency }
`;

const CREATE = `mutation Create($input: CreateCampaignInput!) { createCampaign(input: $input) { ${CAMPAIGN_FIELDS} } }`;

const chinaMission = (overrides: Record<string, unknown> = {}) => ({
  ...mission({ tsinghua: "cmp-tsinghua", sjtu: "cmp-sjtu", facultyIds: ["fac-1", "fac-2"] }),
  ...overrides,
});

async function campaignCount(): Promise<number> {
  return sut.connection.collection("campaigns").countDocuments();
}

beforeAll(async () => {
  sut = await startCampaignsUnderTest();
  [office, admin, analyst, faculty, partner] = await Promise.all([
    sut.token({ role: "INTERNATIONAL_OFFICE" }),
    sut.token({ role: "ADMIN" }),
    sut.token({ role: "ANALYST" }),
    sut.token({ role: "FACULTY", facultyId: "fac-1" }),
    sut.token({ role: "PARTNER", institutionId: "cmp-sjtu" }),
  ]);
  await Promise.all([
    sut.registerInstitution("cmp-tsinghua", "CN"),
    sut.registerInstitution("cmp-sjtu", "CN"),
    sut.registerInstitution("cmp-usp", "BR"),
    sut.registerInstitution("cmp-emi", "MA"),
  ]);
  // Targets are checked against the institutions read model, filled from partnerships' events.
  await expectEventually(async () =>
    expect(await sut.connection.collection("known_institutions").countDocuments()).toBe(4),
  );
});

afterAll(async () => {
  await sut?.stop();
});

describe("planning a campaign", () => {
  it("plans a joint mission with IMT in China, PLANNED, version 1", async () => {
    const result = await sut.graphqlWithToken(office, CREATE, { input: chinaMission() });
    expect(result.errors).toBeUndefined();
    expect(result.data?.createCampaign).toMatchObject({
      countryCode: "CN",
      mode: "JOINT_WITH_IMT",
      status: "PLANNED",
      version: 1,
      demo: false,
      targetInstitutions: [{ id: "cmp-tsinghua" }, { id: "cmp-sjtu" }],
      faculty: [{ id: "fac-1" }, { id: "fac-2" }],
      budget: { amount: 18000, currency: "EUR" },
    });
  });

  it.each([
    [
      "a joint mission with IMT in Morocco",
      { countryCode: "MA", targetInstitutionIds: ["cmp-emi"], followUpContacts: [] },
      "JOINT_MODE_OUTSIDE_IMT_PRIORITY_COUNTRY",
      "input.mode",
    ],
    [
      "an end date before its start",
      { startDate: "2026-03-20", endDate: "2026-03-10" },
      "END_BEFORE_START",
      "input.endDate",
    ],
    [
      "a target institution in another country",
      { targetInstitutionIds: ["cmp-tsinghua", "cmp-usp"], followUpContacts: [] },
      "INSTITUTION_OUTSIDE_CAMPAIGN_COUNTRY",
      "input.targetInstitutionIds[1]",
    ],
    [
      "a target institution nobody registered",
      { targetInstitutionIds: ["cmp-nowhere"], followUpContacts: [] },
      "INSTITUTION_NOT_FOUND",
      "input.targetInstitutionIds[0]",
    ],
    [
      "a negative budget",
      { budget: { amount: -5, currency: "EUR" } },
      "INVALID_BUDGET",
      "input.budget.amount",
    ],
    [
      "a contact at an institution it does not target",
      { targetInstitutionIds: ["cmp-tsinghua"] },
      "CONTACT_OUTSIDE_TARGETS",
      "input.followUpContacts[0].institutionId",
    ],
  ])("refuses %s, naming the field, and writes nothing", async (_label, overrides, reason, field) => {
    const before = await campaignCount();
    const result = await sut.graphqlWithToken(office, CREATE, { input: chinaMission(overrides) });
    expect(result.data).toBeNull();
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", reason, field });
    expect(await campaignCount()).toBe(before);
  });

  it("plans a mission run by the school alone in Lebanon", async () => {
    const result = await sut.graphqlWithToken(office, CREATE, {
      input: chinaMission({
        name: "Lebanon 2026",
        countryCode: "LB",
        mode: "SCHOOL_ONLY",
        targetInstitutionIds: [],
        followUpContacts: [],
      }),
    });
    expect(result.data?.createCampaign).toMatchObject({ countryCode: "LB", mode: "SCHOOL_ONLY" });
  });

  it.each([
    ["an analyst", () => analyst],
    ["a faculty member", () => faculty],
    ["a partner", () => partner],
  ])("lets only the office and admins plan campaigns, not %s", async (_label, token) => {
    const before = await campaignCount();
    const result = await sut.graphqlWithToken(token(), CREATE, { input: chinaMission() });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN", reason: "ROLE_NOT_ALLOWED" });
    expect(await campaignCount()).toBe(before);
  });

  it("asks anonymous callers to sign in", async () => {
    const result = await sut.graphqlWithToken(null, `{ campaigns { totalCount } }`);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: "UNAUTHENTICATED" });
  });
});

describe("a campaign's lifecycle and changes", () => {
  let id: string;

  beforeAll(async () => {
    const result = await sut.graphqlWithToken(admin, CREATE, {
      input: chinaMission({ name: "China lifecycle" }),
    });
    id = result.data?.createCampaign.id;
  });

  it("changes details while planned, keeping what is not given", async () => {
    const result = await sut.graphqlWithToken(
      office,
      `mutation { updateCampaign(input: { id: "${id}", cities: ["Wuhan"], budget: { amount: 20000, currency: "EUR" } }) { cities budget { amount } name version } }`,
    );
    expect(result.data?.updateCampaign).toEqual({
      cities: ["Wuhan"],
      budget: { amount: 20000 },
      name: "China lifecycle",
      version: 2,
    });
  });

  it("refuses a change that breaks a rule, and keeps the campaign as it was", async () => {
    const result = await sut.graphqlWithToken(
      office,
      `mutation { updateCampaign(input: { id: "${id}", endDate: "2026-01-01" }) { version } }`,
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      reason: "END_BEFORE_START",
      field: "input.endDate",
    });
    const after = await sut.graphqlWithToken(office, `{ campaign(id: "${id}") { endDate version } }`);
    expect(after.data?.campaign).toEqual({ endDate: "2026-03-20", version: 2 });
  });

  it("goes PLANNED → OPEN → CLOSED and never back", async () => {
    const refusedClose = await sut.graphqlWithToken(
      office,
      `mutation { closeCampaign(id: "${id}") { status } }`,
    );
    expect(refusedClose.errors?.[0]?.extensions).toMatchObject({
      code: "CONFLICT",
      reason: "CAMPAIGN_ILLEGAL_TRANSITION",
    });
    expect(
      (await sut.graphqlWithToken(office, `mutation { openCampaign(id: "${id}") { status } }`)).data
        ?.openCampaign.status,
    ).toBe("OPEN");
    expect(
      (await sut.graphqlWithToken(office, `mutation { closeCampaign(id: "${id}") { status } }`)).data
        ?.closeCampaign.status,
    ).toBe("CLOSED");
    const reopened = await sut.graphqlWithToken(office, `mutation { openCampaign(id: "${id}") { status } }`);
    expect(reopened.errors?.[0]?.extensions).toMatchObject({
      code: "CONFLICT",
      reason: "CAMPAIGN_ILLEGAL_TRANSITION",
    });
  });

  it("refuses changes to a closed campaign", async () => {
    const result = await sut.graphqlWithToken(
      office,
      `mutation { updateCampaign(input: { id: "${id}", name: "late" }) { name } }`,
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: "CONFLICT",
      reason: "CAMPAIGN_CLOSED",
      field: "input.id",
    });
  });

  it("answers NOT_FOUND for a campaign that does not exist", async () => {
    const result = await sut.graphqlWithToken(office, `mutation { openCampaign(id: "nope") { status } }`);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: "NOT_FOUND", reason: "CAMPAIGN_NOT_FOUND" });
  });
});

describe("reading campaigns", () => {
  beforeAll(async () => {
    for (const [name, country, year, start] of [
      ["Brazil 2024", "BR", "2024-2025", "2023-11-06"],
      ["Brazil 2025", "BR", "2025-2026", "2024-11-04"],
      ["Brazil 2026", "BR", "2026-2027", "2025-11-03"],
    ] as const) {
      const result = await sut.graphqlWithToken(office, CREATE, {
        input: chinaMission({
          name,
          countryCode: country,
          academicYear: year,
          startDate: start,
          endDate: start,
          targetInstitutionIds: ["cmp-usp"],
          followUpContacts: [],
        }),
      });
      expect(result.errors).toBeUndefined();
    }
  });

  it("filters by country and pages through them in start date order with a cursor", async () => {
    const query = `query Page($after: String) {
      campaigns(filter: { countryCode: "BR" }, sort: { field: START_DATE, direction: ASC }, first: 2, after: $after) {
        totalCount pageInfo { hasNextPage endCursor } nodes { name }
      }
    }`;
    const first = await sut.graphqlWithToken(analyst, query);
    expect(first.data?.campaigns).toMatchObject({
      totalCount: 3,
      pageInfo: { hasNextPage: true },
      nodes: [{ name: "Brazil 2024" }, { name: "Brazil 2025" }],
    });
    const second = await sut.graphqlWithToken(analyst, query, {
      after: first.data?.campaigns.pageInfo.endCursor,
    });
    expect(second.data?.campaigns).toMatchObject({
      pageInfo: { hasNextPage: false },
      nodes: [{ name: "Brazil 2026" }],
    });
  });

  it("filters by academic year and by targeted institution", async () => {
    const byYear = await sut.graphqlWithToken(
      faculty,
      `{ campaigns(filter: { academicYear: "2025-2026" }) { nodes { name } } }`,
    );
    expect(byYear.data?.campaigns.nodes).toEqual([{ name: "Brazil 2025" }]);
    const byInstitution = await sut.graphqlWithToken(
      office,
      `{ campaigns(filter: { institutionId: "cmp-usp" }) { totalCount } }`,
    );
    expect(byInstitution.data?.campaigns.totalCount).toBe(3);
  });

  it("refuses a page size above 100 as bad input on first", async () => {
    const result = await sut.graphqlWithToken(office, `{ campaigns(first: 500) { totalCount } }`);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "first" });
  });

  it("extends Institution with the campaigns that targeted it", async () => {
    const result = await sut.graphqlWithToken(
      analyst,
      `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Institution { id campaigns { name } } } }`,
      { representations: [{ __typename: "Institution", id: "cmp-usp" }] },
    );
    expect(result.data?._entities[0].campaigns.map((c: { name: string }) => c.name)).toEqual([
      "Brazil 2026",
      "Brazil 2025",
      "Brazil 2024",
    ]);
  });

  it("shows staff and follow-up contacts to the office only", async () => {
    const query = `{ campaigns(filter: { countryCode: "CN" }, sort: { field: CREATED_AT }, first: 1) { nodes { name staff { name } followUpContacts { name email institution { id } } } } }`;
    const forOffice = await sut.graphqlWithToken(office, query);
    expect(forOffice.data?.campaigns.nodes[0]).toMatchObject({
      staff: [{ name: "Claire Martin" }],
      followUpContacts: [{ name: "Li Wei", email: "li.wei@example.cn", institution: { id: "cmp-sjtu" } }],
    });
    for (const token of [analyst, faculty]) {
      const result = await sut.graphqlWithToken(token, query);
      expect(result.data?.campaigns.nodes[0]).toMatchObject({
        name: "China 2026 recruitment mission",
        staff: null,
        followUpContacts: null,
      });
      expect(result.errors?.map((error) => [error.path?.at(-1), error.extensions?.code])).toEqual([
        ["staff", "FORBIDDEN"],
        ["followUpContacts", "FORBIDDEN"],
      ]);
    }
  });

  it("does not show campaigns to partners", async () => {
    const result = await sut.graphqlWithToken(partner, `{ campaigns { totalCount } }`);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN" });
  });
});
