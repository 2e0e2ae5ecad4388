import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EventEnvelope } from "@intl/events";
import { expectEventually } from "@intl/testing";
import { ResearchTestService, admin, centreWithFaculty } from "./researchTestService.ts";

const service = new ResearchTestService();
let centreId: string;
let traveller: string;
let host: string;
let published: EventEnvelope[];

const REGISTER = /* GraphQL */ `
  mutation Register($input: RegisterFacultyInput!) {
    registerFaculty(input: $input) {
      id
      firstName
      lastName
      email
      hdr
      languages
      centre {
        code
      }
    }
  }
`;
const PLAN = /* GraphQL */ `
  mutation Plan($input: PlanFacultyMobilityInput!) {
    planFacultyMobility(input: $input) {
      id
      status
      direction
      faculty {
        id
      }
      institution {
        id
      }
    }
  }
`;
const COMPLETE = /* GraphQL */ `
  mutation Complete($id: ID!) {
    completeFacultyMobility(id: $id) {
      id
      status
      completedAt
    }
  }
`;

const office = { role: "INTERNATIONAL_OFFICE" } as const;

beforeAll(async () => {
  await service.start();
  ({
    centreId,
    facultyIds: { traveller, host },
  } = await centreWithFaculty(service, "FAYOL", [
    { key: "traveller", hdr: false },
    { key: "host", hdr: true },
  ]));
  await service.knownInstitutions([
    { id: "inst-polimi", countryCode: "IT" },
    { id: "inst-tohoku", countryCode: "JP" },
  ]);
  published = await service.collect("research.faculty-mobility");
});

afterAll(() => service.stop());

describe("research centres and faculty", () => {
  it("registers a faculty member in a centre, with languages as ISO 639-1 codes", async () => {
    const answer = await service.graphql(
      REGISTER,
      {
        input: {
          firstName: "Élodie",
          lastName: "Garnier",
          email: "elodie.garnier@emse.example",
          centreId,
          domains: ["COMPUTER_SCIENCE"],
          languages: ["fr", "en", "es"],
          hdr: true,
        },
      },
      office,
    );
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.registerFaculty).toMatchObject({
      firstName: "Élodie",
      hdr: true,
      languages: ["fr", "en", "es"],
      centre: { code: "FAYOL" },
    });
  });

  it("refuses a second faculty member with the same email", async () => {
    const answer = await service.graphql(
      REGISTER,
      {
        input: {
          firstName: "A",
          lastName: "B",
          email: "elodie.garnier@emse.example",
          centreId,
          domains: ["ENERGY"],
          languages: ["fr"],
        },
      },
      office,
    );
    expect(answer.errors?.[0]?.extensions).toMatchObject({
      code: "CONFLICT",
      reason: "FACULTY_EMAIL_TAKEN",
      field: "input.email",
    });
  });

  it("refuses an unknown centre, naming the field", async () => {
    const answer = await service.graphql(
      REGISTER,
      {
        input: {
          firstName: "A",
          lastName: "B",
          email: "ab@emse.example",
          centreId: "nowhere",
          domains: ["ENERGY"],
          languages: ["fr"],
        },
      },
      office,
    );
    expect(answer.errors?.[0]?.extensions).toMatchObject({
      code: "NOT_FOUND",
      reason: "UNKNOWN_CENTRE",
      field: "input.centreId",
    });
  });

  it("only an administrator creates research centres", async () => {
    const answer = await service.graphql(
      `mutation { createResearchCentre(input: { code: "NEW", name: "New", domains: [ENERGY] }) { id } }`,
      {},
      office,
    );
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN", reason: "ROLE_NOT_ALLOWED" });
  });

  it("records the HDR of a faculty member (ADMIN)", async () => {
    const { facultyIds } = await centreWithFaculty(service, "HDRC", [{ key: "newly", hdr: false }]);
    const answer = await service.graphql(
      `mutation { recordFacultyHdr(facultyId: "${facultyIds.newly}") { hdr } }`,
      {},
      { role: "ADMIN" },
    );
    expect(answer.data!.recordFacultyHdr).toEqual({ hdr: true });
  });

  it("filters faculty by HDR and language, paginated", async () => {
    const answer = await service.graphql(
      `{ faculties(filter: { centreId: "${centreId}", hdr: true, language: "fr" }, first: 1) { totalCount nodes { hdr } pageInfo { hasNextPage } } }`,
      {},
      office,
    );
    expect(answer.data!.faculties).toEqual({
      totalCount: 2,
      nodes: [{ hdr: true }],
      pageInfo: { hasNextPage: true },
    });
  });

  it("shows faculty names to faculty, and FORBIDDEN to analysts on the personal fields only", async () => {
    const query = `{ faculty(id: "${host}") { id hdr firstName email } }`;
    const asFaculty = await service.graphql(query, {}, { role: "FACULTY", facultyId: traveller });
    expect(asFaculty.data!.faculty).toMatchObject({ firstName: "Test", email: expect.stringContaining("@") });
    const asAnalyst = await service.graphql(query, {}, { role: "ANALYST" });
    expect(asAnalyst.data!.faculty).toEqual({ id: host, hdr: true, firstName: null, email: null });
    expect(asAnalyst.errors?.map((e) => [e.path?.join("."), e.extensions?.code])).toEqual([
      ["faculty.firstName", "FORBIDDEN"],
      ["faculty.email", "FORBIDDEN"],
    ]);
  });

  it("resolves Faculty and ResearchCentre entities for other subgraphs", async () => {
    const answer = await service.graphql(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Faculty { id hdr centre { code } } ... on ResearchCentre { id code domains } } }`,
      {
        reps: [
          { __typename: "Faculty", id: host },
          { __typename: "ResearchCentre", id: centreId },
          { __typename: "Faculty", id: "nobody" },
        ],
      },
      { role: "ANALYST" },
    );
    expect(answer.errors).toBeUndefined();
    expect(answer.data!._entities).toEqual([
      { id: host, hdr: true, centre: { code: "FAYOL" } },
      { id: centreId, code: "FAYOL", domains: ["MATERIALS", "MECHANICS"] },
      null,
    ]);
  });

  it("answers anonymous callers with UNAUTHENTICATED, entity resolution included", async () => {
    const answer = await service.graphql(`{ faculties { totalCount } }`);
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: "UNAUTHENTICATED" });
    const entities = await service.graphql(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Faculty { hdr } } }`,
      {
        reps: [{ __typename: "Faculty", id: host }],
      },
    );
    expect(entities.errors?.[0]?.extensions).toMatchObject({ code: "UNAUTHENTICATED" });
  });
});

describe("faculty mobility both ways", () => {
  it("plans and completes an outgoing stay; the completion is published without personal data", async () => {
    const planned = await service.graphql(
      PLAN,
      {
        input: {
          direction: "OUTGOING",
          facultyId: traveller,
          institutionId: "inst-polimi",
          purpose: "Teaching a tribology module",
          startDate: "2025-10-06",
          endDate: "2025-10-17",
        },
      },
      { role: "FACULTY", facultyId: traveller },
    );
    expect(planned.errors).toBeUndefined();
    const id = planned.data!.planFacultyMobility.id;
    const completed = await service.graphql(COMPLETE, { id }, { role: "FACULTY", facultyId: traveller });
    expect(completed.data!.completeFacultyMobility).toMatchObject({
      status: "COMPLETED",
      completedAt: expect.any(String),
    });
    const event = await expectEventually(() => {
      const found = published.find((e) => e.subject === id);
      if (!found) throw new Error("completion not yet published");
      return found;
    });
    expect(event).toMatchObject({
      type: "research.faculty-mobility.completed.v1",
      sequence: 2,
      data: {
        mobilityId: id,
        facultyId: traveller,
        institutionId: "inst-polimi",
        direction: "OUTGOING",
        startDate: "2025-10-06",
        endDate: "2025-10-17",
      },
    });
  });

  it("hosts a foreign peer: the guest's name is personal data, and never published", async () => {
    const hosting = await service.app.planFacultyMobility(admin, {
      direction: "INCOMING",
      facultyId: host,
      institutionId: "inst-tohoku",
      guestName: "Dr. Kenji Watanabe",
      purpose: "Joint paper on process mining",
      startDate: "2025-11-03",
      endDate: "2025-11-21",
    });
    await service.graphql(COMPLETE, { id: hosting.id }, office);
    const asAnalyst = await service.graphql(
      `{ facultyMobility(id: "${hosting.id}") { direction guestName } }`,
      {},
      { role: "ANALYST" },
    );
    expect(asAnalyst.data!.facultyMobility).toEqual({ direction: "INCOMING", guestName: null });
    expect(asAnalyst.errors?.[0]?.extensions).toMatchObject({
      code: "FORBIDDEN",
      reason: "PERSONAL_DATA_RESTRICTED",
    });
    const asOffice = await service.graphql(
      `{ facultyMobility(id: "${hosting.id}") { guestName } }`,
      {},
      office,
    );
    expect(asOffice.data!.facultyMobility.guestName).toBe("Dr. Kenji Watanabe");
    await expectEventually(() => {
      const event = published.find((e) => e.subject === hosting.id);
      expect(event?.data).toMatchObject({ direction: "INCOMING", facultyId: host });
      expect(JSON.stringify(event)).not.toContain("Watanabe");
    });
  });

  it("refuses to complete a stay that is not over yet", async () => {
    const future = await service.app.planFacultyMobility(admin, {
      direction: "OUTGOING",
      facultyId: traveller,
      institutionId: "inst-polimi",
      purpose: "Summer school",
      startDate: "2099-07-01",
      endDate: "2099-07-10",
    });
    const answer = await service.graphql(COMPLETE, { id: future.id }, office);
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", reason: "MOBILITY_NOT_OVER" });
  });

  it("refuses an outgoing stay without the faculty member, and a colleague planning someone else's stay", async () => {
    const input = {
      direction: "OUTGOING",
      institutionId: "inst-polimi",
      purpose: "x",
      startDate: "2026-01-01",
      endDate: "2026-01-05",
    };
    const missing = await service.graphql(PLAN, { input }, office);
    expect(missing.errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      reason: "FACULTY_REQUIRED",
      field: "input.facultyId",
    });
    const colleague = await service.graphql(
      PLAN,
      { input: { ...input, facultyId: traveller } },
      { role: "FACULTY", facultyId: host },
    );
    expect(colleague.errors?.[0]?.extensions).toMatchObject({
      code: "FORBIDDEN",
      reason: "NOT_OWN_MOBILITY",
    });
  });

  it("extends Institution with its faculty exchanges, filterable by direction", async () => {
    const answer = await service.graphql(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Institution { id
         all: facultyExchanges { totalCount } incoming: facultyExchanges(direction: INCOMING) { totalCount nodes { direction } } } } }`,
      { reps: [{ __typename: "Institution", id: "inst-tohoku" }] },
      office,
    );
    expect(answer.data!._entities[0]).toEqual({
      id: "inst-tohoku",
      all: { totalCount: 1 },
      incoming: { totalCount: 1, nodes: [{ direction: "INCOMING" }] },
    });
  });

  it("gives the share of faculty who went abroad in an academic year", async () => {
    const answer = await service.graphql(
      `{ facultyMobilityShare(academicYear: "2025-2026") { facultyCount wentAbroad share hostedPeers } }`,
      {},
      { role: "ANALYST" },
    );
    const facultyCount = (await service.graphql(`{ faculties(first: 0) { totalCount } }`, {}, office)).data!
      .faculties.totalCount;
    expect(answer.data!.facultyMobilityShare).toEqual({
      facultyCount,
      wentAbroad: 1,
      share: 1 / facultyCount,
      hostedPeers: 1,
    });
  });
});
