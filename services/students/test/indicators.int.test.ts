import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  StudentsTestService,
  admin,
  agreementFacts,
  candidate,
  completeDossier,
  office,
  viewer,
} from "./studentsTestService.ts";

// Today is 25 November 2026: the 2027 cohort graduates in 9 months, the 2029 one in 33.
const service = new StudentsTestService({
  clock: () => new Date("2026-11-25T12:00:00.000Z"),
  atRiskMonths: 12,
});
const host = `inst-host-${randomUUID().slice(0, 6)}`;
const other = `inst-other-${randomUUID().slice(0, 6)}`;
const ids: Record<string, string> = {};

async function register(
  key: string,
  programmeCode: string,
  cohort: number,
  nationality = "FR",
  homeInstitutionId: string | null = null,
) {
  const student = await service.app.registerStudent(admin, {
    firstName: `First-${key}`,
    lastName: `Last-${key}`,
    email: `${key}@example.org`,
    birthDate: "2003-01-01",
    nationality,
    programmeCode,
    cohort,
    homeInstitutionId,
  });
  ids[key] = student._id;
  return student._id;
}

async function mobility(
  key: string,
  direction: "OUTGOING" | "INCOMING",
  academicYear: string,
  startDate: string,
  endDate: string,
) {
  return service.app.planMobility(office, {
    studentId: ids[key]!,
    direction,
    type: "STUDY",
    institutionId: host,
    academicYear,
    startDate,
    endDate,
  });
}

beforeAll(async () => {
  await service.start();
  await service.knownAgreement(
    agreementFacts({
      institutionId: host,
      countryCode: "KR",
      seatsOutgoingPerYear: 10,
      seatsIncomingPerYear: 10,
    }),
  );
  await service.knownAgreement(agreementFacts({ institutionId: other, countryCode: "DE" }));
  // The 2027 cohort bound by the 100 % rule: four engineering students and a PhD candidate.
  await register("done", "ICM", 2027);
  await register("planned", "ISMIN", 2027);
  await register("none", "ICM", 2027);
  await register("cancelled", "ICM", 2027);
  await register("phd", "PHD-MATERIALS", 2027);
  // Not bound: an MSc student, and incoming students (their stay here is their mobility).
  await register("msc", "MSC-DATA-SCIENCE", 2027, "CN");
  await register("incoming", "ICM", 2027, "MA", host);
  await register("exchange", "EXCHANGE-2S", 2027, "CN", host);
  await register("later", "ICM", 2029);

  const done = await mobility("done", "OUTGOING", "2025-2026", "2026-02-01", "2026-06-30");
  await service.app.completeMobility(office, done._id);
  await mobility("planned", "OUTGOING", "2026-2027", "2027-01-15", "2027-06-30");
  const cancelled = await mobility("cancelled", "OUTGOING", "2026-2027", "2027-01-15", "2027-06-30");
  await service.app.cancelMobility(office, cancelled._id);
  await mobility("incoming", "INCOMING", "2026-2027", "2026-09-01", "2027-06-30");
  await service.app.submitNomination(viewer({ role: "PARTNER", institutionId: host }), {
    programmeCode: "EXCHANGE-1S",
    academicYear: "2026-2027",
    candidate: candidate("nominee", "KR"),
    dossier: completeDossier("EXCHANGE-1S") as never,
  });
});
afterAll(() => service.stop());

describe("rule: every engineering student and PhD candidate goes abroad (100 % per cohort)", () => {
  const COMPLIANCE = /* GraphQL */ `
    query C($cohort: Int!) {
      mobilityCompliance(cohort: $cohort) {
        cohort
        total
        done
        planned
        none
        share
        projectedShare
        target
        monthsToGraduation
        warningMonths
        atRisk(first: 10) {
          totalCount
          nodes {
            id
            cohort
            programme {
              code
            }
          }
        }
        planners: students(status: PLANNED) {
          nodes {
            id
          }
        }
      }
    }
  `;

  it("counts done, planned and none in a cohort, ignoring cancelled mobilities, MSc and incoming students", async () => {
    const answer = await service.graphql(COMPLIANCE, { cohort: 2027 }, { role: "ANALYST" });
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.mobilityCompliance).toMatchObject({
      cohort: 2027,
      total: 5,
      done: 1,
      planned: 1,
      none: 3,
      share: 0.2,
      projectedShare: 0.4,
      target: 1,
      monthsToGraduation: 9,
      warningMonths: 12,
      planners: { nodes: [{ id: ids.planned }] },
    });
  });

  it("warns about the students with nothing planned less than 12 months before graduation, with ids, programme and cohort for analysts", async () => {
    const answer = await service.graphql(COMPLIANCE, { cohort: 2027 }, { role: "ANALYST" });
    const atRisk = answer.data!.mobilityCompliance.atRisk;
    expect(atRisk.totalCount).toBe(3);
    expect(atRisk.nodes.map((node: { id: string }) => node.id).sort()).toEqual(
      [ids.none, ids.cancelled, ids.phd].sort(),
    );
    expect(atRisk.nodes[0]).toMatchObject({ cohort: 2027, programme: { code: expect.any(String) } });

    const later = await service.graphql(COMPLIANCE, { cohort: 2029 }, { role: "ANALYST" });
    expect(later.data!.mobilityCompliance).toMatchObject({ total: 1, none: 1, atRisk: { totalCount: 0 } });
  });

  it("gives the at-risk students' names to the office, never to analysts", async () => {
    const NAMES = /* GraphQL */ `
      {
        mobilityCompliance(cohort: 2027) {
          atRisk {
            nodes {
              id
              lastName
            }
          }
        }
      }
    `;
    const officeAnswer = await service.graphql(NAMES, {}, { role: "INTERNATIONAL_OFFICE" });
    expect(officeAnswer.errors).toBeUndefined();
    expect(
      officeAnswer
        .data!.mobilityCompliance.atRisk.nodes.map((node: { lastName: string }) => node.lastName)
        .sort(),
    ).toEqual(["Last-cancelled", "Last-none", "Last-phd"]);
    const analyst = await service.graphql(NAMES, {}, { role: "ANALYST" });
    expect(
      analyst.data!.mobilityCompliance.atRisk.nodes.every(
        (node: { lastName: string | null }) => node.lastName === null,
      ),
    ).toBe(true);
    expect(analyst.errors?.every((error) => error.extensions?.reason === "PERSONAL_DATA_HIDDEN")).toBe(true);
  });

  it("shows each student's own status", async () => {
    const STATUS = /* GraphQL */ `
      query S($id: ID!) {
        student(id: $id) {
          mobilityComplianceStatus
        }
      }
    `;
    const statusOf = async (key: string) =>
      (await service.graphql(STATUS, { id: ids[key] }, { role: "ANALYST" })).data!.student
        .mobilityComplianceStatus;
    expect(await statusOf("done")).toBe("DONE");
    expect(await statusOf("planned")).toBe("PLANNED");
    expect(await statusOf("cancelled")).toBe("NONE");
    expect(await statusOf("msc")).toBeNull();
    expect(await statusOf("incoming")).toBeNull();
  });

  it("is for the office and analysts only", async () => {
    for (const claims of [{ role: "FACULTY" as const }, { role: "PARTNER" as const, institutionId: host }]) {
      const answer = await service.graphql(`{ mobilityCompliance(cohort: 2027) { total } }`, {}, claims);
      expect(answer.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    }
  });
});

describe("KPIs", () => {
  it("gives the share of international students among enrolled students against the 30 % target", async () => {
    const answer = await service.graphql(
      `{ internationalShare { international total share target } }`,
      {},
      { role: "ANALYST" },
    );
    // Nine registered students, three of them foreign; the nominee is an applicant, not enrolled.
    expect(answer.data!.internationalShare).toEqual({
      international: 3,
      total: 9,
      share: 0.3333,
      target: 0.3,
    });
  });

  const ORIGINS = `{ originDiversity(top: 1) {
    total herfindahl effectiveCountries topCountries { countryCode count countShown share } } }`;

  it("measures how concentrated the origins of international students are", async () => {
    const answer = await service.graphql(ORIGINS, {}, { role: "INTERNATIONAL_OFFICE" });
    expect(answer.data!.originDiversity).toEqual({
      total: 3,
      herfindahl: 0.5556,
      effectiveCountries: 1.8,
      topCountries: [{ countryCode: "CN", count: 2, countShown: "2", share: 0.6667 }],
    });
  });

  it('shows an analyst "<5" for a nationality of 1 to 4 students, without the share that would give it away', async () => {
    const answer = await service.graphql(ORIGINS, {}, { role: "ANALYST" });
    expect(answer.data!.originDiversity).toMatchObject({
      total: 3,
      topCountries: [{ countryCode: "CN", count: null, countShown: "<5", share: null }],
    });
  });

  it('shows an analyst "<5" for a partner\'s flows of 1 to 4, and no balance', async () => {
    const answer = await service.graphql(
      `{ flowsByPartner(academicYear: "2026-2027") { incoming incomingShown outgoing outgoingShown balance } }`,
      {},
      { role: "ANALYST" },
    );
    expect(answer.data!.flowsByPartner).toEqual([
      { incoming: null, incomingShown: "<5", outgoing: null, outgoingShown: "<5", balance: null },
      { incoming: 0, incomingShown: "0", outgoing: 0, outgoingShown: "0", balance: 0 },
    ]);
  });

  it("gives incoming and outgoing flows per partner for a year, leaving cancelled mobilities out, partners with no flow included", async () => {
    const flows = (academicYear: string) =>
      service.graphql(
        `query($year: String!) { flowsByPartner(academicYear: $year) { institution { id } academicYear incoming outgoing balance imbalanced } }`,
        { year: academicYear },
        { role: "INTERNATIONAL_OFFICE" },
      );
    expect((await flows("2026-2027")).data!.flowsByPartner).toEqual([
      {
        institution: { id: host },
        academicYear: "2026-2027",
        incoming: 1,
        outgoing: 1,
        balance: 0,
        imbalanced: false,
      },
      {
        institution: { id: other },
        academicYear: "2026-2027",
        incoming: 0,
        outgoing: 0,
        balance: 0,
        imbalanced: false,
      },
    ]);
    // 2025-2026: one student sent to the host and none received, a flow one way only.
    expect((await flows("2025-2026")).data!.flowsByPartner).toEqual([
      {
        institution: { id: host },
        academicYear: "2025-2026",
        incoming: 0,
        outgoing: 1,
        balance: -1,
        imbalanced: true,
      },
      {
        institution: { id: other },
        academicYear: "2025-2026",
        incoming: 0,
        outgoing: 0,
        balance: 0,
        imbalanced: false,
      },
    ]);
    // Before every agreement's first year: no partner to list.
    expect((await flows("2020-2021")).data!.flowsByPartner).toEqual([]);
  });

  it("keeps the KPIs from partners", async () => {
    const answer = await service.graphql(
      `{ internationalShare { share } }`,
      {},
      { role: "PARTNER", institutionId: host },
    );
    expect(answer.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});

describe("Institution, extended with its student flows", () => {
  const INSTITUTION = /* GraphQL */ `
    query I($representations: [_Any!]!) {
      _entities(representations: $representations) {
        ... on Institution {
          id
          nominations {
            totalCount
            nodes {
              programme {
                code
              }
              status
            }
          }
          incomingMobilities {
            totalCount
            nodes {
              student {
                id
              }
            }
          }
          outgoingMobilities(academicYear: "2026-2027") {
            totalCount
          }
          all: outgoingMobilities {
            totalCount
          }
          flowBalance(academicYear: "2026-2027") {
            academicYear
            incoming
            outgoing
            balance
          }
        }
      }
    }
  `;

  it("lists an institution's nominations and mobilities both ways with its flow balance", async () => {
    const answer = await service.graphql(
      INSTITUTION,
      { representations: [{ __typename: "Institution", id: host }] },
      { role: "INTERNATIONAL_OFFICE" },
    );
    expect(answer.errors).toBeUndefined();
    expect(answer.data!._entities[0]).toEqual({
      id: host,
      nominations: { totalCount: 1, nodes: [{ programme: { code: "EXCHANGE-1S" }, status: "SUBMITTED" }] },
      incomingMobilities: { totalCount: 1, nodes: [{ student: { id: ids.incoming } }] },
      outgoingMobilities: { totalCount: 2 },
      all: { totalCount: 3 },
      flowBalance: { academicYear: "2026-2027", incoming: 1, outgoing: 1, balance: 0 },
    });
  });

  it("shows a partner its own institution's flows and nothing of another's", async () => {
    const own = await service.graphql(
      INSTITUTION,
      { representations: [{ __typename: "Institution", id: host }] },
      { role: "PARTNER", institutionId: host },
    );
    expect(own.data!._entities[0].nominations.totalCount).toBe(1);
    const foreign = await service.graphql(
      INSTITUTION,
      { representations: [{ __typename: "Institution", id: host }] },
      { role: "PARTNER", institutionId: other },
    );
    expect(foreign.data!._entities[0]).toMatchObject({
      nominations: { totalCount: 0 },
      incomingMobilities: { totalCount: 0 },
      all: { totalCount: 0 },
      flowBalance: { incoming: 0, outgoing: 0, balance: 0 },
    });
  });
});
