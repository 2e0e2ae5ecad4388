import { expectEventually } from "@intl/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sortableName } from "../src/domain/institutionRegistration.ts";
import {
  firstError,
  PartnershipsTestService,
  type PublishedEvents,
  office,
} from "./partnershipsTestService.ts";
import { stuttgart } from "./fixtures.ts";

const register = /* GraphQL */ `
  mutation Register($input: InstitutionInput!) {
    registerInstitution(input: $input) {
      id
      name
      countryCode
      zone
      city
      website
      demo
      country {
        code
        name
        zone
        priority
      }
      identifiers {
        schac
        erasmus
        pic
        ror
        rorUrl
      }
      partnership {
        tier
        complete
        strategic {
          designatedOn
        }
      }
    }
  }
`;

// A blank catalogue: the countries' priorities are the ones these tests set.
const partnerships = new PartnershipsTestService({ referenceData: false });
let events: PublishedEvents;
let stuttgartId: string;

beforeAll(async () => {
  await partnerships.start();
  events = await partnerships.publishedEvents();
  await partnerships.app.setCountryProfile(office, { code: "DE", imtPriority: false, schoolTarget: true });
  await partnerships.app.setCountryProfile(office, { code: "BR", imtPriority: true, schoolTarget: true });
  const answer = await partnerships.graphql<{ registerInstitution: { id: string } }>(register, {
    input: stuttgart,
  });
  expect(answer.errors).toBeUndefined();
  stuttgartId = answer.data!.registerInstitution.id;
});

afterAll(() => partnerships.stop());

describe("registering a partner institution", () => {
  it("stores the normalised identifiers and publishes partnerships.institution.created.v1", async () => {
    const answer = await partnerships.graphql<{ institution: Record<string, unknown> }>(
      `query ($id: ID!) { institution(id: $id) { name countryCode zone country { name priority } identifiers { schac erasmus pic ror rorUrl } partnership { tier complete } } }`,
      { id: stuttgartId },
      "FACULTY",
    );
    expect(answer.data?.institution).toEqual({
      name: "Universität Stuttgart",
      countryCode: "DE",
      zone: "EUROPE",
      country: { name: "Germany", priority: "SCHOOL_TARGET" },
      identifiers: {
        schac: "uni-stuttgart.de",
        erasmus: "D  STUTTGA01",
        pic: "999884664",
        ror: "04vnq7t77",
        rorUrl: "https://ror.org/04vnq7t77",
      },
      partnership: { tier: "STANDARD", complete: false },
    });
    await expectEventually(() => {
      const [created] = events
        .ofType("partnerships.institution.created.v1")
        .filter((event) => event.subject === stuttgartId);
      expect(created).toMatchObject({
        sequence: 1,
        source: "/services/partnerships",
        data: {
          institutionId: stuttgartId,
          countryCode: "DE",
          identifiers: { pic: "999884664", ror: "04vnq7t77", schac: "uni-stuttgart.de" },
        },
      });
    });
  });

  it("accepts a partner in a country the school does not target", async () => {
    const answer = await partnerships.graphql<{
      registerInstitution: { zone: string; country: { priority: string } };
    }>(register, {
      input: { name: "KTH Royal Institute of Technology", countryCode: "SE" },
    });
    expect(answer.data?.registerInstitution).toMatchObject({ zone: "EUROPE", country: { priority: "NONE" } });
  });

  it.each([
    {
      refuses: "a malformed identifier",
      input: { name: "Bad PIC University", countryCode: "FR", identifiers: { pic: "12ab" } },
      error: () => ({ code: "BAD_USER_INPUT", reason: "IDENTIFIER_INVALID", field: "input.identifiers.pic" }),
    },
    {
      refuses: "an identifier another institution holds, in any spelling",
      input: { name: "Stuttgart twin", countryCode: "DE", identifiers: { ror: "04VNQ7T77" } },
      error: () => ({
        code: "CONFLICT",
        reason: "IDENTIFIER_TAKEN",
        field: "input.identifiers.ror",
        details: { kind: "ROR", institutionId: stuttgartId },
      }),
    },
  ])("refuses $refuses, naming the field, and writes nothing", async ({ input, error }) => {
    const answer = await partnerships.graphql(register, { input });
    expect(firstError(answer)).toMatchObject(error());
    expect(
      await partnerships.connection.collection("institutions").countDocuments({ name: input.name }),
    ).toBe(0);
  });

  it("refuses an unassigned country code and a nameless institution, reporting both fields", async () => {
    const answer = await partnerships.graphql(register, { input: { name: " ", countryCode: "QQ" } });
    const error = firstError(answer);
    expect(error).toMatchObject({ code: "BAD_USER_INPUT", field: "input.name" });
    expect((error.details as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual([
      "input.name",
      "input.countryCode",
    ]);
  });
});

describe("finding an institution", () => {
  it.each([
    ["SCHAC", "uni-stuttgart.de"],
    ["ERASMUS", "D STUTTGA01"],
    ["PIC", "999 884 664"],
    ["ROR", "https://ror.org/04vnq7t77"],
  ])("finds it by its %s identifier", async (kind, value) => {
    const answer = await partnerships.graphql<{ institutionByIdentifier: { id: string } | null }>(
      `query ($kind: InstitutionIdentifierKind!, $value: String!) { institutionByIdentifier(kind: $kind, value: $value) { id } }`,
      { kind, value },
      "ANALYST",
    );
    expect(answer.data?.institutionByIdentifier?.id).toBe(stuttgartId);
  });

  it("answers null for an unknown identifier and bad input for a malformed one", async () => {
    const query = `query ($value: String!) { institutionByIdentifier(kind: PIC, value: $value) { id } }`;
    expect((await partnerships.graphql(query, { value: "123456789" })).data).toEqual({
      institutionByIdentifier: null,
    });
    expect(firstError(await partnerships.graphql(query, { value: "x" }))).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "value",
    });
  });
});

describe("correcting an institution", () => {
  it("replaces its details, copies a country change to its agreements and publishes partnerships.institution.updated.v1", async () => {
    const created = await partnerships.registerPartner("Universidade de São Paulo", "PT");
    const agreement = await partnerships.app.draftAgreement(office, {
      institutionId: created._id,
      type: "EXCHANGE",
      programmeCodes: ["ICM"],
      seatsOutgoingPerYear: 2,
      seatsIncomingPerYear: 2,
      firstAcademicYear: "2025-2026",
      lastAcademicYear: "2027-2028",
    });
    const answer = await partnerships.graphql<{ updateInstitution: Record<string, unknown> }>(
      `mutation ($id: ID!, $input: InstitutionInput!) { updateInstitution(id: $id, input: $input) { countryCode zone city country { priority } } }`,
      {
        id: created._id,
        input: {
          name: "Universidade de São Paulo",
          countryCode: "BR",
          city: "São Paulo",
          identifiers: { pic: "999845137" },
        },
      },
    );
    expect(answer.data?.updateInstitution).toEqual({
      countryCode: "BR",
      zone: "SOUTH_AMERICA",
      city: "São Paulo",
      country: { priority: "IMT_PRIORITY" },
    });
    expect(await partnerships.app.findAgreement(agreement._id)).toMatchObject({
      countryCode: "BR",
      zone: "SOUTH_AMERICA",
    });
    await expectEventually(() => {
      const updated = events
        .ofType("partnerships.institution.updated.v1")
        .find((event) => event.subject === created._id);
      expect(updated).toMatchObject({
        sequence: 2,
        data: { countryCode: "BR", city: "São Paulo", identifiers: { pic: "999845137" } },
      });
    });
  });

  it("says NOT_FOUND for an unknown institution", async () => {
    const answer = await partnerships.graphql(
      `mutation { updateInstitution(id: "nope", input: { name: "X", countryCode: "FR" }) { id } }`,
    );
    expect(firstError(answer)).toMatchObject({ code: "NOT_FOUND", reason: "INSTITUTION_NOT_FOUND" });
  });
});

describe("who may read and write institutions", () => {
  const list = `{ institutions { totalCount } }`;

  it("asks an anonymous viewer to sign in", async () => {
    expect(firstError(await partnerships.graphql(list, {}, null))).toMatchObject({ code: "UNAUTHENTICATED" });
  });

  it.each(["ADMIN", "INTERNATIONAL_OFFICE", "FACULTY", "PARTNER", "ANALYST"] as const)(
    "lets %s read them",
    async (role) => {
      const answer = await partnerships.graphql<{ institutions: { totalCount: number } }>(list, {}, role);
      expect(answer.data?.institutions.totalCount).toBeGreaterThan(0);
    },
  );

  it.each(["FACULTY", "PARTNER", "ANALYST"] as const)(
    "forbids %s to register one, and writes nothing",
    async (role) => {
      const answer = await partnerships.graphql(
        register,
        { input: { name: `Written by ${role}`, countryCode: "FR" } },
        role,
      );
      expect(firstError(answer)).toMatchObject({ code: "FORBIDDEN" });
      expect(
        await partnerships.connection
          .collection("institutions")
          .countDocuments({ name: `Written by ${role}` }),
      ).toBe(0);
    },
  );

  it("lets ADMIN register one", async () => {
    const answer = await partnerships.graphql(
      register,
      { input: { name: "Written by admin", countryCode: "FR" } },
      "ADMIN",
    );
    expect(answer.errors).toBeUndefined();
  });
});

describe("listing institutions", () => {
  beforeAll(async () => {
    for (const [name, countryCode] of [
      ["Universidad de Chile", "CL"],
      ["Universidad Nacional de Colombia", "CO"],
      ["Hanoi University of Science and Technology", "VN"],
      ["Universidade Estadual de Campinas", "BR"],
    ] as const) {
      await partnerships.app.registerInstitution(office, { name, countryCode }, { demo: true });
    }
  });

  const query = /* GraphQL */ `
    query ($filter: InstitutionFilter, $sort: InstitutionSort, $first: Int, $after: String) {
      institutions(filter: $filter, sort: $sort, first: $first, after: $after) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        nodes {
          name
          countryCode
        }
      }
    }
  `;
  type Page = {
    institutions: {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      nodes: { name: string; countryCode: string }[];
    };
  };

  it("filters by zone and sorts by name", async () => {
    const answer = await partnerships.graphql<Page>(query, {
      filter: { zone: ["SOUTH_AMERICA"] },
      sort: { field: "NAME", direction: "DESC" },
    });
    expect(answer.data?.institutions.nodes.map((node) => node.name)).toEqual([
      "Universidade Estadual de Campinas",
      "Universidade de São Paulo",
      "Universidad Nacional de Colombia",
      "Universidad de Chile",
    ]);
  });

  it("filters by the priority of the institution's country", async () => {
    const imt = await partnerships.graphql<Page>(query, { filter: { priority: ["IMT_PRIORITY"] } });
    expect(imt.data?.institutions.nodes.map((node) => node.countryCode).sort()).toEqual(["BR", "BR"]);
    const none = await partnerships.graphql<Page>(query, { filter: { priority: ["NONE"], demo: true } });
    expect(none.data?.institutions.nodes.map((node) => node.countryCode).sort()).toEqual(["CL", "CO", "VN"]);
  });

  it("filters by country, tier and part of the name", async () => {
    const answer = await partnerships.graphql<Page>(query, {
      filter: { countryCode: ["co", "vn"], tier: ["STANDARD"], nameContains: "UNIVERSI" },
    });
    expect(answer.data?.institutions.nodes.map((node) => node.countryCode)).toEqual(["VN", "CO"]);
  });

  it("pages through every institution with cursors, each once", async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let total = 0;
    for (let page = 0; page < 20; page++) {
      const answer: Awaited<ReturnType<typeof partnerships.graphql<Page>>> = await partnerships.graphql<Page>(
        query,
        { first: 3, after },
      );
      const connection = answer.data!.institutions;
      total = connection.totalCount;
      seen.push(...connection.nodes.map((node) => node.name));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    const keys = seen.map(sortableName);
    expect(keys).toEqual([...keys].sort());
  });

  it("refuses a page larger than 100", async () => {
    expect(firstError(await partnerships.graphql(query, { first: 101 }))).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "first",
    });
  });
});
