import { expectEventually } from "@intl/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  firstError,
  manualClock,
  PartnershipsTestService,
  type PublishedEvents,
  office,
} from "./partnershipsTestService.ts";

const clock = manualClock("2025-10-01T10:00:00Z");
const partnerships = new PartnershipsTestService({ clock: clock.now, expiryIntervalMs: 300 });
let events: PublishedEvents;
let chileId: string;
let milanId: string;

const fields = /* GraphQL */ `
  id status type countryCode zone programmeCodes eqfLevels iscedFields seatsOutgoingPerYear seatsIncomingPerYear
  languageRequirements { language level } firstAcademicYear lastAcademicYear signedByPartnerOn signedBySchoolOn
  activatedOn expiredOn terminatedOn terminationReason renewals { renewedOn previousLastAcademicYear lastAcademicYear }
  institution { id name }
`;
const draft = `mutation ($input: DraftAgreementInput!) { draftAgreement(input: $input) { ${fields} } }`;
const activate = `mutation ($id: ID!, $input: ActivateAgreementInput) { activateAgreement(id: $id, input: $input) { ${fields} } }`;
const renew = `mutation ($id: ID!, $input: RenewAgreementInput!) { renewAgreement(id: $id, input: $input) { ${fields} } }`;
const terminate = `mutation ($id: ID!, $input: TerminateAgreementInput!) { terminateAgreement(id: $id, input: $input) { ${fields} } }`;

type Agreement = Record<string, unknown> & { id: string; status: string };

function exchangeWith(institutionId: string, overrides: Record<string, unknown> = {}) {
  return {
    institutionId,
    type: "EXCHANGE",
    programmeCodes: ["ICM", "msc-ds"],
    eqfLevels: [7],
    iscedFields: ["0714"],
    seatsOutgoingPerYear: 3,
    seatsIncomingPerYear: 2,
    languageRequirements: [{ language: "es", level: "B1" }],
    firstAcademicYear: "2025-2026",
    lastAcademicYear: "2027-2028",
    signedByPartnerOn: "2025-06-12",
    ...overrides,
  };
}

async function draftActive(institutionId: string, overrides: Record<string, unknown> = {}): Promise<string> {
  const drafted = await partnerships.app.draftAgreement(
    office,
    exchangeWith(institutionId, { signedBySchoolOn: "2025-06-20", ...overrides }) as never,
  );
  await partnerships.app.activateAgreement(office, drafted._id);
  return drafted._id;
}

beforeAll(async () => {
  await partnerships.start();
  events = await partnerships.publishedEvents();
  chileId = (await partnerships.registerPartner("Universidad de Chile", "CL"))._id;
  milanId = (await partnerships.registerPartner("Politecnico di Milano", "IT"))._id;
});

afterAll(() => partnerships.stop());

describe("the agreement lifecycle", () => {
  let agreementId: string;

  it("drafts an agreement with its institution's country and zone, and publishes nothing yet", async () => {
    const answer = await partnerships.graphql<{ draftAgreement: Agreement }>(draft, {
      input: exchangeWith(chileId),
    });
    expect(answer.errors).toBeUndefined();
    const agreement = answer.data!.draftAgreement;
    agreementId = agreement.id;
    expect(agreement).toMatchObject({
      status: "DRAFT",
      countryCode: "CL",
      zone: "SOUTH_AMERICA",
      programmeCodes: ["ICM", "MSC-DS"],
      languageRequirements: [{ language: "es", level: "B1" }],
      institution: { id: chileId, name: "Universidad de Chile" },
      activatedOn: null,
    });
  });

  it("refuses to activate before the school signed, naming the field", async () => {
    const answer = await partnerships.graphql(activate, { id: agreementId });
    expect(firstError(answer)).toMatchObject({
      code: "BAD_USER_INPUT",
      reason: "AGREEMENT_NOT_SIGNED",
      field: "input.signedBySchoolOn",
    });
    expect(await partnerships.app.findAgreement(agreementId)).toMatchObject({ status: "DRAFT", version: 1 });
  });

  it("activates once both parties signed, and publishes partnerships.agreement.activated.v1", async () => {
    const answer = await partnerships.graphql<{ activateAgreement: Agreement }>(activate, {
      id: agreementId,
      input: { signedBySchoolOn: "2025-09-30" },
    });
    expect(answer.data?.activateAgreement).toMatchObject({
      status: "ACTIVE",
      activatedOn: "2025-10-01",
      signedBySchoolOn: "2025-09-30",
    });
    await expectEventually(() => {
      const [activated] = events
        .ofType("partnerships.agreement.activated.v1")
        .filter((event) => event.subject === agreementId);
      expect(activated).toMatchObject({
        sequence: 2,
        data: {
          agreementId,
          institutionId: chileId,
          countryCode: "CL",
          status: "ACTIVE",
          programmeCodes: ["ICM", "MSC-DS"],
          eqfLevels: [7],
          seatsOutgoingPerYear: 3,
          firstAcademicYear: "2025-2026",
          lastAcademicYear: "2027-2028",
        },
      });
    });
  });

  it("refuses to activate it twice: CONFLICT naming both statuses", async () => {
    const answer = await partnerships.graphql(activate, { id: agreementId });
    expect(firstError(answer)).toMatchObject({
      code: "CONFLICT",
      reason: "AGREEMENT_ILLEGAL_TRANSITION",
      details: { from: "ACTIVE", to: "ACTIVE", transition: "activate" },
    });
  });

  it("refuses to amend the terms of an active agreement", async () => {
    const { institutionId: _, ...terms } = exchangeWith(chileId);
    const answer = await partnerships.graphql(
      `mutation ($id: ID!, $input: AgreementTermsInput!) { amendDraftAgreement(id: $id, input: $input) { id } }`,
      { id: agreementId, input: terms },
    );
    expect(firstError(answer)).toMatchObject({ code: "CONFLICT", reason: "AGREEMENT_TERMS_LOCKED" });
  });

  it("refuses a renewal that does not extend it", async () => {
    const answer = await partnerships.graphql(renew, {
      id: agreementId,
      input: { lastAcademicYear: "2026-2027" },
    });
    expect(firstError(answer)).toMatchObject({
      code: "BAD_USER_INPUT",
      reason: "AGREEMENT_RENEWAL_NOT_LATER",
      field: "input.lastAcademicYear",
    });
  });

  it("renews to a later year and publishes partnerships.agreement.renewed.v1", async () => {
    const answer = await partnerships.graphql<{ renewAgreement: Agreement }>(renew, {
      id: agreementId,
      input: { lastAcademicYear: "2030-2031" },
    });
    expect(answer.data?.renewAgreement).toMatchObject({
      status: "ACTIVE",
      lastAcademicYear: "2030-2031",
      renewals: [
        { renewedOn: "2025-10-01", previousLastAcademicYear: "2027-2028", lastAcademicYear: "2030-2031" },
      ],
    });
    await expectEventually(() => {
      const renewed = events
        .ofType("partnerships.agreement.renewed.v1")
        .find((event) => event.subject === agreementId);
      expect(renewed).toMatchObject({
        sequence: 3,
        data: { lastAcademicYear: "2030-2031", previousLastAcademicYear: "2027-2028" },
      });
    });
  });

  it("requires a reason to terminate", async () => {
    const answer = await partnerships.graphql(terminate, { id: agreementId, input: { reason: " " } });
    expect(firstError(answer)).toMatchObject({
      code: "BAD_USER_INPUT",
      reason: "AGREEMENT_TERMINATION_REASON_REQUIRED",
      field: "input.reason",
    });
    expect(await partnerships.app.findAgreement(agreementId)).toMatchObject({ status: "ACTIVE" });
  });

  it("terminates it early and publishes partnerships.agreement.terminated.v1", async () => {
    const answer = await partnerships.graphql<{ terminateAgreement: Agreement }>(terminate, {
      id: agreementId,
      input: { reason: "The partner closed its engineering faculty" },
    });
    expect(answer.data?.terminateAgreement).toMatchObject({
      status: "TERMINATED",
      terminatedOn: "2025-10-01",
    });
    await expectEventually(() => {
      const terminated = events
        .ofType("partnerships.agreement.terminated.v1")
        .find((event) => event.subject === agreementId);
      expect(terminated).toMatchObject({
        sequence: 4,
        data: {
          status: "TERMINATED",
          terminatedOn: "2025-10-01",
          reason: "The partner closed its engineering faculty",
        },
      });
    });
  });

  it.each([
    ["activate", activate, {}],
    ["renew", renew, { lastAcademicYear: "2031-2032" }],
    ["terminate", terminate, { reason: "again" }],
  ])("refuses to %s a terminated agreement", async (_transition, mutation, input) => {
    const answer = await partnerships.graphql(mutation, { id: agreementId, input });
    expect(firstError(answer)).toMatchObject({
      code: "CONFLICT",
      reason: "AGREEMENT_ILLEGAL_TRANSITION",
      details: expect.objectContaining({ from: "TERMINATED" }),
    });
    expect(await partnerships.app.findAgreement(agreementId)).toMatchObject({
      status: "TERMINATED",
      version: 4,
    });
  });

  it("refuses to terminate or renew a draft", async () => {
    const drafted = await partnerships.app.draftAgreement(office, exchangeWith(milanId) as never);
    expect(
      firstError(await partnerships.graphql(terminate, { id: drafted._id, input: { reason: "x" } })),
    ).toMatchObject({
      reason: "AGREEMENT_ILLEGAL_TRANSITION",
      details: { from: "DRAFT", to: "TERMINATED", transition: "terminate" },
    });
    expect(
      firstError(
        await partnerships.graphql(renew, { id: drafted._id, input: { lastAcademicYear: "2031-2032" } }),
      ),
    ).toMatchObject({
      reason: "AGREEMENT_ILLEGAL_TRANSITION",
      details: { from: "DRAFT", to: "ACTIVE", transition: "renew" },
    });
  });

  it("says NOT_FOUND for an unknown agreement", async () => {
    expect(firstError(await partnerships.graphql(activate, { id: "nope" }))).toMatchObject({
      code: "NOT_FOUND",
      reason: "AGREEMENT_NOT_FOUND",
    });
  });
});

describe("validating an agreement", () => {
  it.each([
    [
      { firstAcademicYear: "2027-2028", lastAcademicYear: "2025-2026" },
      "AGREEMENT_YEARS_INVERTED",
      "input.lastAcademicYear",
    ],
    [{ firstAcademicYear: "2025/2026" }, "ACADEMIC_YEAR_INVALID", "input.firstAcademicYear"],
    [{ signedByPartnerOn: "2025-10-02" }, "DATE_IN_FUTURE", "input.signedByPartnerOn"],
    [{ signedByPartnerOn: "2025-02-30" }, "INVALID_DATE", "input.signedByPartnerOn"],
    [
      { seatsOutgoingPerYear: 0, seatsIncomingPerYear: 0 },
      "AGREEMENT_NO_SEATS",
      "input.seatsOutgoingPerYear",
    ],
    [{ programmeCodes: [], eqfLevels: [] }, "AGREEMENT_COVERS_NOTHING", "input.programmeCodes"],
    [{ programmeCodes: ["msc ds"] }, "PROGRAMME_CODE_INVALID", "input.programmeCodes[0]"],
    [{ eqfLevels: [9] }, "EQF_LEVEL_INVALID", "input.eqfLevels[0]"],
    [{ iscedFields: ["7140"] }, "ISCED_FIELD_INVALID", "input.iscedFields[0]"],
    [
      { languageRequirements: [{ language: "spanish", level: "B1" }] },
      "LANGUAGE_REQUIREMENT_INVALID",
      "input.languageRequirements[0].language",
    ],
  ])("refuses %j with %s on %s, and writes nothing", async (overrides, reason, field) => {
    const before = await partnerships.connection.collection("agreements").countDocuments();
    const answer = await partnerships.graphql(draft, { input: exchangeWith(milanId, overrides) });
    expect(firstError(answer)).toMatchObject({ code: "BAD_USER_INPUT", reason, field });
    expect(await partnerships.connection.collection("agreements").countDocuments()).toBe(before);
  });

  it("refuses an agreement with an unknown institution", async () => {
    const answer = await partnerships.graphql(draft, { input: exchangeWith("nope") });
    expect(firstError(answer)).toMatchObject({
      code: "NOT_FOUND",
      reason: "INSTITUTION_NOT_FOUND",
      field: "input.institutionId",
    });
  });

  it("refuses to activate a draft whose last academic year is already over", async () => {
    const stale = await partnerships.app.draftAgreement(
      office,
      exchangeWith(milanId, {
        firstAcademicYear: "2023-2024",
        lastAcademicYear: "2024-2025",
        signedByPartnerOn: "2023-05-01",
        signedBySchoolOn: "2023-05-02",
      }) as never,
    );
    expect(firstError(await partnerships.graphql(activate, { id: stale._id }))).toMatchObject({
      code: "CONFLICT",
      reason: "AGREEMENT_PERIOD_OVER",
    });
  });

  it("forbids a FACULTY member to draft one, and lets anyone signed in read them", async () => {
    expect(
      firstError(await partnerships.graphql(draft, { input: exchangeWith(milanId) }, "FACULTY")),
    ).toMatchObject({ code: "FORBIDDEN" });
    const read = await partnerships.graphql<{ agreements: { totalCount: number } }>(
      `{ agreements { totalCount } }`,
      {},
      "PARTNER",
    );
    expect(read.data?.agreements.totalCount).toBeGreaterThan(0);
    expect(firstError(await partnerships.graphql(`{ agreements { totalCount } }`, {}, null))).toMatchObject({
      code: "UNAUTHENTICATED",
    });
  });
});

describe("overlapping writes", () => {
  it("keeps every transition while events are being published from the same documents", async () => {
    const lima = await partnerships.registerPartner("Pontificia Universidad Católica del Perú", "PE");
    const ids = await Promise.all(
      Array.from({ length: 8 }, async () => {
        const id = await draftActive(lima._id);
        await partnerships.app.terminateAgreement(office, id, { reason: "Programme closed" });
        return id;
      }),
    );
    for (const id of ids)
      expect(await partnerships.app.findAgreement(id)).toMatchObject({ status: "TERMINATED", version: 3 });
    await expectEventually(() => {
      const terminated = new Set(
        events.ofType("partnerships.agreement.terminated.v1").map((event) => event.subject),
      );
      expect(ids.filter((id) => !terminated.has(id))).toEqual([]);
    });
  });

  it("copies a corrected country to every agreement, those drafted or changing meanwhile included, losing no transition", async () => {
    const quito = await partnerships.registerPartner("Escuela Politécnica Nacional", "EC");
    const active = await Promise.all(Array.from({ length: 6 }, () => draftActive(quito._id)));
    const [, terminated, drafted] = await Promise.all([
      partnerships.app.updateInstitution(office, quito._id, {
        name: "Escuela Politécnica Nacional",
        countryCode: "PE",
      }),
      Promise.all(
        active.map(
          async (id) =>
            (await partnerships.app.terminateAgreement(office, id, { reason: "Programme closed" }))._id,
        ),
      ),
      Promise.all(
        Array.from(
          { length: 3 },
          async () => (await partnerships.app.draftAgreement(office, exchangeWith(quito._id) as never))._id,
        ),
      ),
    ]);
    for (const id of terminated)
      expect(await partnerships.app.findAgreement(id)).toMatchObject({
        status: "TERMINATED",
        version: 3,
        countryCode: "PE",
      });
    for (const id of drafted)
      expect(await partnerships.app.findAgreement(id)).toMatchObject({ status: "DRAFT", countryCode: "PE" });
  });
});

describe("expiry by itself", () => {
  it("expires an active agreement once its last academic year is over, and publishes partnerships.agreement.expired.v1", async () => {
    const agreementId = await draftActive(milanId, { lastAcademicYear: "2025-2026" });
    const longerId = await draftActive(milanId, { lastAcademicYear: "2026-2027" });

    expect(await partnerships.app.expireDueAgreements(new Date("2026-08-31T23:59:59Z"))).toEqual([]);
    expect(await partnerships.app.expireDueAgreements(new Date("2026-09-01T00:00:00Z"))).toEqual([
      agreementId,
    ]);

    const answer = await partnerships.graphql<{ agreement: Agreement }>(
      `query ($id: ID!) { agreement(id: $id) { status expiredOn } }`,
      {
        id: agreementId,
      },
    );
    expect(answer.data?.agreement).toEqual({ status: "EXPIRED", expiredOn: "2026-08-31" });
    expect(await partnerships.app.findAgreement(longerId)).toMatchObject({ status: "ACTIVE" });
    await expectEventually(() => {
      const expired = events
        .ofType("partnerships.agreement.expired.v1")
        .filter((event) => event.subject === agreementId);
      expect(expired).toHaveLength(1);
      expect(expired[0]).toMatchObject({
        sequence: 3,
        data: { agreementId, status: "EXPIRED", lastAcademicYear: "2025-2026" },
      });
    });
    // Running again later expires nothing twice.
    expect(await partnerships.app.expireDueAgreements(new Date("2026-09-02T00:00:00Z"))).toEqual([]);
  });

  it("lets an expired agreement be renewed back to ACTIVE", async () => {
    const agreementId = await draftActive(chileId, { lastAcademicYear: "2025-2026" });
    await partnerships.app.expireDueAgreements(new Date("2026-09-01T00:00:00Z"));
    const answer = await partnerships.graphql<{ renewAgreement: Agreement }>(renew, {
      id: agreementId,
      input: { lastAcademicYear: "2028-2029" },
    });
    expect(answer.data?.renewAgreement).toMatchObject({
      status: "ACTIVE",
      lastAcademicYear: "2028-2029",
      expiredOn: null,
    });
  });
});

describe("lists and aggregates of agreements", () => {
  const list = /* GraphQL */ `
    query ($filter: AgreementFilter, $sort: AgreementSort) {
      agreements(filter: $filter, sort: $sort, first: 50) {
        totalCount
        nodes {
          id
          status
          type
          countryCode
          lastAcademicYear
        }
      }
    }
  `;
  type List = { agreements: { totalCount: number; nodes: Agreement[] } };

  beforeAll(async () => {
    const tokyo = await partnerships.registerPartner("Tokyo Institute of Technology", "JP");
    await draftActive(tokyo._id, {
      type: "DOUBLE_DEGREE",
      programmeCodes: ["ICM"],
      lastAcademicYear: "2029-2030",
    });
    await draftActive(tokyo._id, {
      type: "RESEARCH",
      programmeCodes: [],
      eqfLevels: [],
      seatsOutgoingPerYear: 0,
      seatsIncomingPerYear: 0,
    });
  });

  it("filters by status, type, zone and academic year, and sorts", async () => {
    const active = await partnerships.graphql<List>(list, { filter: { status: ["ACTIVE"], zone: ["ASIA"] } });
    expect(active.data?.agreements.nodes.map((node) => node.type).sort()).toEqual([
      "DOUBLE_DEGREE",
      "RESEARCH",
    ]);
    const doubleDegrees = await partnerships.graphql<List>(list, { filter: { type: ["DOUBLE_DEGREE"] } });
    expect(doubleDegrees.data?.agreements.totalCount).toBe(1);
    const in2029 = await partnerships.graphql<List>(list, {
      filter: { academicYear: "2029-2030" },
      sort: { field: "LAST_ACADEMIC_YEAR", direction: "ASC" },
    });
    expect(in2029.data?.agreements.nodes.map((node) => node.lastAcademicYear)).toEqual([
      "2029-2030",
      "2030-2031",
    ]);
  });

  it("filters by the programme covered and by the institution", async () => {
    const icm = await partnerships.graphql<List>(list, {
      filter: { programmeCode: "icm", status: ["ACTIVE"], countryCode: ["JP"] },
    });
    expect(icm.data?.agreements.totalCount).toBe(1);
    const answer = await partnerships.graphql<{ institution: { agreements: Agreement[] } }>(
      `query ($id: ID!) { institution(id: $id) { agreements(status: [ACTIVE]) { status countryCode } } }`,
      { id: chileId },
    );
    expect(answer.data?.institution.agreements).toEqual([{ status: "ACTIVE", countryCode: "CL" }]);
  });

  it("refuses a malformed academic year filter", async () => {
    expect(firstError(await partnerships.graphql(list, { filter: { academicYear: "2029" } }))).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "filter.academicYear",
    });
  });

  it("gives an analyst the counts by status, type, zone and country", async () => {
    const answer = await partnerships.graphql<{ agreementStats: Record<string, unknown> }>(
      `{ agreementStats { total byStatus { key count } byType { key count } byZone { key count } byCountry { key count } } }`,
      {},
      "ANALYST",
    );
    const all = await partnerships.connection.collection("agreements").find().toArray();
    const countsOf = (field: string) => {
      const counts = new Map<string, number>();
      for (const agreement of all)
        counts.set(String(agreement[field]), (counts.get(String(agreement[field])) ?? 0) + 1);
      return [...counts]
        .map(([key, count]) => ({ key, count }))
        .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
    };
    expect(answer.data?.agreementStats).toEqual({
      total: all.length,
      byStatus: countsOf("status"),
      byType: countsOf("type"),
      byZone: countsOf("zone"),
      byCountry: countsOf("countryCode"),
    });
  });

  it("counts only active agreements by zone when asked", async () => {
    const answer = await partnerships.graphql<{
      agreementStats: { total: number; byZone: { key: string; count: number }[] };
    }>(`{ agreementStats(filter: { status: [ACTIVE] }) { total byZone { key count } } }`, {}, "ANALYST");
    const active = await partnerships.connection
      .collection("agreements")
      .countDocuments({ status: "ACTIVE" });
    expect(answer.data?.agreementStats.total).toBe(active);
    expect(answer.data?.agreementStats.byZone.reduce((sum, zone) => sum + zone.count, 0)).toBe(active);
  });

  it("compares active agreements with the target of about 130", async () => {
    const answer = await partnerships.graphql<{ partnershipTargets: { agreements: Record<string, number> } }>(
      `{ partnershipTargets { agreements { actual target ratio } } }`,
      {},
      "ANALYST",
    );
    const active = await partnerships.connection
      .collection("agreements")
      .countDocuments({ status: "ACTIVE" });
    expect(answer.data?.partnershipTargets.agreements).toEqual({
      actual: active,
      target: 130,
      ratio: Math.round((active / 130) * 100) / 100,
    });
  });
});

describe("the scheduled expiry", () => {
  afterAll(() => clock.set("2025-10-01T10:00:00Z"));

  it("expires an agreement by itself once the clock passes its last academic year, and publishes the event", async () => {
    const agreementId = await draftActive(chileId, { lastAcademicYear: "2030-2031" });
    clock.set("2031-08-31T23:00:00Z");
    // A few ticks of the job at this time: nothing is due yet.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await partnerships.app.findAgreement(agreementId)).toMatchObject({ status: "ACTIVE" });

    clock.set("2031-09-01T00:00:01Z");
    await expectEventually(async () =>
      expect(await partnerships.app.findAgreement(agreementId)).toMatchObject({
        status: "EXPIRED",
        expiredOn: "2031-08-31",
      }),
    );
    await expectEventually(() =>
      expect(
        events.ofType("partnerships.agreement.expired.v1").filter((event) => event.subject === agreementId),
      ).toHaveLength(1),
    );
  });
});
