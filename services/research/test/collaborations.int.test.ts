import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectEventually } from "@intl/testing";
import type { EventEnvelope } from "@intl/events";
import type { PlanCollaborationCommand } from "../src/domain/collaboration.ts";
import { ResearchTestService, admin, centreWithFaculty } from "./researchTestService.ts";

const service = new ResearchTestService();
let centreId: string;
let otherCentreId: string;
let lead: string;
let colleague: string;
let published: EventEnvelope[];

const PLAN = /* GraphQL */ `
  mutation Plan($input: PlanCollaborationInput!) {
    planCollaboration(input: $input) {
      id
      status
      type
      dimensions
      centre {
        id
        code
      }
      leadFaculty {
        id
      }
      institutions {
        id
      }
      companies
    }
  }
`;
const START = /* GraphQL */ `
  mutation Start($id: ID!) {
    startCollaboration(id: $id) {
      id
      status
      startedAt
    }
  }
`;
const END = /* GraphQL */ `
  mutation End($id: ID!, $endDate: String) {
    endCollaboration(id: $id, endDate: $endDate) {
      id
      status
      endDate
    }
  }
`;

const office = { role: "INTERNATIONAL_OFFICE" } as const;

beforeAll(async () => {
  await service.start();
  ({
    centreId,
    facultyIds: { lead, colleague },
  } = await centreWithFaculty(service, "SMS", [
    { key: "lead", hdr: true },
    { key: "colleague", hdr: false },
  ]));
  ({ centreId: otherCentreId } = await centreWithFaculty(service, "CMP", []));
  await service.knownInstitutions([
    { id: "inst-usp", countryCode: "BR" },
    { id: "inst-unicamp", countryCode: "BR" },
    { id: "inst-tsinghua", countryCode: "CN" },
  ]);
  published = await service.collect("research.collaboration");
});

afterAll(() => service.stop());

function planInput(overrides: Partial<PlanCollaborationCommand> = {}): PlanCollaborationCommand {
  return {
    title: "Additive manufacturing of titanium implants",
    type: "JOINT_RESEARCH",
    institutionIds: ["inst-usp"],
    leadFacultyId: lead,
    startDate: "2025-10-01",
    endDate: "2028-09-30",
    funding: { amount: 250000, currency: "EUR", funder: "ANR" },
    ...overrides,
  };
}

describe("planning, starting and ending a collaboration", () => {
  it("plans a collaboration in its lead's centre without publishing anything, then publishes its start", async () => {
    const planned = await service.graphql(PLAN, { input: planInput() }, office);
    expect(planned.errors).toBeUndefined();
    const collaboration = planned.data!.planCollaboration;
    expect(collaboration).toMatchObject({
      status: "PLANNED",
      dimensions: ["RESEARCH"],
      centre: { id: centreId, code: "SMS" },
      institutions: [{ id: "inst-usp" }],
    });

    const started = await service.graphql(START, { id: collaboration.id }, office);
    expect(started.data!.startCollaboration).toMatchObject({
      status: "ONGOING",
      startedAt: expect.any(String),
    });

    const event = await expectEventually(() => {
      const found = published.find((e) => e.subject === collaboration.id);
      if (!found) throw new Error("started event not yet on the topic");
      return found;
    });
    expect(event).toMatchObject({
      type: "research.collaboration.started.v1",
      source: "/services/research",
      sequence: 2,
      data: {
        collaborationId: collaboration.id,
        type: "JOINT_RESEARCH",
        institutionIds: ["inst-usp"],
        companies: [],
        dimensions: ["RESEARCH"],
        centreId,
        leadFacultyId: lead,
        startDate: "2025-10-01",
        endDate: "2028-09-30",
      },
    });
    expect(published.filter((e) => e.subject === collaboration.id)).toHaveLength(1);
  });

  it("publishes the end of a collaboration, with its actual end date and a later sequence", async () => {
    const planned = await service.app.planCollaboration(admin, {
      ...planInput(),
      type: "JOINT_LAB",
      title: "Joint lab on tribology",
    });
    await service.app.startCollaboration(admin, planned.id);
    const ended = await service.graphql(END, { id: planned.id, endDate: "2026-01-31" }, office);
    expect(ended.data!.endCollaboration).toEqual({ id: planned.id, status: "ENDED", endDate: "2026-01-31" });
    await expectEventually(() => {
      const types = published.filter((e) => e.subject === planned.id).map((e) => [e.type, e.sequence]);
      expect(types).toEqual([
        ["research.collaboration.started.v1", 2],
        ["research.collaboration.ended.v1", 3],
      ]);
    });
    expect(
      published.find((e) => e.type === "research.collaboration.ended.v1" && e.subject === planned.id)?.data,
    ).toMatchObject({
      endDate: "2026-01-31",
    });
  });

  it("applied research for a company evidences corporate relations, in the published event too", async () => {
    const planned = await service.graphql(
      PLAN,
      {
        input: planInput({
          type: "APPLIED_RESEARCH_FOR_COMPANY",
          companies: ["Safran"],
          title: "Fatigue of turbine blades",
        }),
      },
      office,
    );
    expect(planned.data!.planCollaboration.dimensions).toEqual(["RESEARCH", "CORPORATE_RELATIONS"]);
    await service.graphql(START, { id: planned.data!.planCollaboration.id }, office);
    await expectEventually(() => {
      const event = published.find((e) => e.subject === planned.data!.planCollaboration.id);
      expect(event?.data).toMatchObject({
        dimensions: ["RESEARCH", "CORPORATE_RELATIONS"],
        companies: ["Safran"],
      });
    });
  });

  it("refuses to start a collaboration twice, and to cancel an ongoing one", async () => {
    const planned = await service.app.planCollaboration(admin, planInput({ title: "Twice" }));
    await service.app.startCollaboration(admin, planned.id);
    const again = await service.graphql(START, { id: planned.id }, office);
    expect(again.errors?.[0]?.extensions).toMatchObject({
      code: "CONFLICT",
      reason: "COLLABORATION_ILLEGAL_TRANSITION",
    });
    const cancel = await service.graphql(
      `mutation { cancelCollaboration(id: "${planned.id}") { status } }`,
      {},
      office,
    );
    expect(cancel.errors?.[0]?.extensions).toMatchObject({
      code: "CONFLICT",
      reason: "COLLABORATION_ILLEGAL_TRANSITION",
    });
  });

  it("answers NOT_FOUND for an unknown collaboration", async () => {
    const answer = await service.graphql(START, { id: "nope" }, office);
    expect(answer.errors?.[0]?.extensions).toMatchObject({
      code: "NOT_FOUND",
      reason: "COLLABORATION_NOT_FOUND",
    });
  });
});

describe("validation: a coded error naming the field, and nothing written", () => {
  async function expectRefused(
    input: PlanCollaborationCommand,
    expected: { code: string; reason: string; field: string },
  ) {
    const before = await service.graphql(`{ collaborations(first: 0) { totalCount } }`, {}, office);
    const answer = await service.graphql(PLAN, { input }, office);
    expect(answer.data).toBeNull();
    expect(answer.errors?.[0]?.extensions).toMatchObject(expected);
    const after = await service.graphql(`{ collaborations(first: 0) { totalCount } }`, {}, office);
    expect(after.data!.collaborations.totalCount).toBe(before.data!.collaborations.totalCount);
  }

  it("refuses an end before the start", () =>
    expectRefused(planInput({ endDate: "2024-01-01" }), {
      code: "BAD_USER_INPUT",
      reason: "END_BEFORE_START",
      field: "input.endDate",
    }));

  it("refuses a collaboration without partners", () =>
    expectRefused(planInput({ institutionIds: [], companies: [] }), {
      code: "BAD_USER_INPUT",
      reason: "NO_PARTNER",
      field: "input.institutionIds",
    }));

  it("refuses a currency that is not ISO 4217", () =>
    expectRefused(planInput({ funding: { amount: 10, currency: "eur", funder: "EU" } }), {
      code: "BAD_USER_INPUT",
      reason: "INVALID_CURRENCY",
      field: "input.funding.currency",
    }));

  it("refuses an unknown lead faculty member", () =>
    expectRefused(planInput({ leadFacultyId: "ghost" }), {
      code: "NOT_FOUND",
      reason: "UNKNOWN_FACULTY",
      field: "input.leadFacultyId",
    }));

  it("refuses an institution the partnerships service has not announced (yet)", () =>
    expectRefused(planInput({ institutionIds: ["inst-usp", "inst-not-yet"] }), {
      code: "NOT_FOUND",
      reason: "INSTITUTION_NOT_FOUND",
      field: "input.institutionIds",
    }));
});

describe("who may manage collaborations", () => {
  it("a faculty member plans a collaboration they lead", async () => {
    const answer = await service.graphql(
      PLAN,
      { input: planInput({ title: "Mine" }) },
      { role: "FACULTY", facultyId: lead },
    );
    expect(answer.errors).toBeUndefined();
  });

  it("a faculty member may not plan one led by a colleague", async () => {
    const answer = await service.graphql(
      PLAN,
      { input: planInput({ title: "Not mine" }) },
      { role: "FACULTY", facultyId: colleague },
    );
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN", reason: "NOT_LEAD_FACULTY" });
  });

  it("analysts and partners may not plan collaborations; anonymous callers must sign in", async () => {
    const analyst = await service.graphql(PLAN, { input: planInput() }, { role: "ANALYST" });
    expect(analyst.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN", reason: "ROLE_NOT_ALLOWED" });
    const partner = await service.graphql(
      PLAN,
      { input: planInput() },
      { role: "PARTNER", institutionId: "inst-usp" },
    );
    expect(partner.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN" });
    const anonymous = await service.graphql(PLAN, { input: planInput() });
    expect(anonymous.errors?.[0]?.extensions).toMatchObject({
      code: "UNAUTHENTICATED",
      reason: "SIGN_IN_REQUIRED",
    });
  });
});

describe("lists, the Institution extension and statistics", () => {
  beforeAll(async () => {
    for (const [index, institutionIds] of [
      ["inst-tsinghua"],
      ["inst-tsinghua", "inst-unicamp"],
      ["inst-unicamp", "inst-usp"],
    ].entries()) {
      const planned = await service.app.planCollaboration(admin, {
        ...planInput(),
        title: `Listed ${index}`,
        type: "COTUTELLE",
        institutionIds,
        centreId: otherCentreId,
        startDate: `2024-0${index + 1}-15`,
      });
      if (index < 2) await service.app.startCollaboration(admin, planned.id);
    }
  });

  it("pages through collaborations with a cursor, in start date order", async () => {
    const query = `query($after: String) { collaborations(filter: { centreId: "${otherCentreId}" }, first: 2, after: $after) {
      nodes { title startDate } pageInfo { hasNextPage endCursor } totalCount } }`;
    const first = await service.graphql(query, {}, office);
    expect(first.data!.collaborations).toMatchObject({
      nodes: [{ title: "Listed 0" }, { title: "Listed 1" }],
      pageInfo: { hasNextPage: true },
      totalCount: 3,
    });
    const second = await service.graphql(
      query,
      { after: first.data!.collaborations.pageInfo.endCursor },
      office,
    );
    expect(second.data!.collaborations).toMatchObject({
      nodes: [{ title: "Listed 2" }],
      pageInfo: { hasNextPage: false },
    });
  });

  it("filters by status and type", async () => {
    const answer = await service.graphql(
      `{ collaborations(filter: { status: ONGOING, type: COTUTELLE }) { nodes { title } totalCount } }`,
      {},
      office,
    );
    expect(answer.data!.collaborations.nodes.map((n: { title: string }) => n.title).sort()).toEqual([
      "Listed 0",
      "Listed 1",
    ]);
  });

  it("refuses a page larger than 100 as bad input on first", async () => {
    const answer = await service.graphql(`{ collaborations(first: 500) { totalCount } }`, {}, office);
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "first" });
  });

  it("extends Institution with its collaborations (entity resolution as the gateway does it)", async () => {
    const answer = await service.graphql(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Institution { id collaborations(type: COTUTELLE) { totalCount nodes { title } } } } }`,
      { reps: [{ __typename: "Institution", id: "inst-tsinghua" }] },
      office,
    );
    expect(answer.errors).toBeUndefined();
    expect(answer.data!._entities[0]).toMatchObject({
      id: "inst-tsinghua",
      collaborations: { totalCount: 2 },
    });
  });

  it("a partner sees only its own institution's collaborations", async () => {
    const answer = await service.graphql(
      `{ collaborations(first: 100) { nodes { institutions { id } } totalCount } }`,
      {},
      {
        role: "PARTNER",
        institutionId: "inst-tsinghua",
      },
    );
    expect(answer.data!.collaborations.totalCount).toBe(2);
    for (const node of answer.data!.collaborations.nodes)
      expect(node.institutions.map((i: { id: string }) => i.id)).toContain("inst-tsinghua");
  });

  it("gives analysts counts by country, type and centre", async () => {
    const answer = await service.graphql(
      `{ collaborationStats(filter: { status: ONGOING }) { total byCountry { countryCode count } byType { type count } byCentre { centre { code } count } } }`,
      {},
      { role: "ANALYST" },
    );
    expect(answer.errors).toBeUndefined();
    const stats = answer.data!.collaborationStats;
    const ongoingCotutelles = 2;
    expect(stats.byType).toEqual(expect.arrayContaining([{ type: "COTUTELLE", count: ongoingCotutelles }]));
    expect(stats.byCentre).toEqual(
      expect.arrayContaining([{ centre: { code: "CMP" }, count: ongoingCotutelles }]),
    );
    expect(stats.byCountry).toEqual(expect.arrayContaining([{ countryCode: "CN", count: 2 }]));
    expect(stats.total).toBe(stats.byType.reduce((sum: number, t: { count: number }) => sum + t.count, 0));
  });

  it("does not give partners the statistics", async () => {
    const answer = await service.graphql(
      `{ collaborationStats { total } }`,
      {},
      { role: "PARTNER", institutionId: "inst-usp" },
    );
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN" });
  });
});
