import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { firstError, manualClock, PartnershipsTestService, office } from "./partnershipsTestService.ts";

const clock = manualClock("2025-10-01T10:00:00Z");
// A blank catalogue (no reference data): what is listed is what these tests record.
const partnerships = new PartnershipsTestService({ clock: clock.now, referenceData: false });

beforeAll(() => partnerships.start());
afterAll(() => partnerships.stop());

const setProfile = /* GraphQL */ `
  mutation ($input: CountryProfileInput!) {
    setCountryProfile(input: $input) {
      code
      name
      zone
      priority
      imtPriority
      schoolTarget
      note
      scores {
        economicPotential
        academicLevel
        overall
        feasibility {
          priorKnowledge
          stability
          average
        }
      }
    }
  }
`;

describe("countries and priorities", () => {
  beforeAll(async () => {
    for (const code of ["CN", "IN", "BR"])
      await partnerships.app.setCountryProfile(office, {
        code,
        imtPriority: true,
        schoolTarget: code === "BR",
      });
    for (const code of ["MA", "LB", "SN"])
      await partnerships.app.setCountryProfile(office, { code, imtPriority: false, schoolTarget: true });
  });

  it("lets the office score a country on the selection criteria", async () => {
    const answer = await partnerships.graphql<{ setCountryProfile: Record<string, unknown> }>(setProfile, {
      input: {
        code: "co",
        imtPriority: false,
        schoolTarget: true,
        note: "Target country (seed)",
        scores: {
          economicPotential: 4,
          academicLevel: 3,
          feasibility: {
            priorKnowledge: 2,
            acceptability: 4,
            stability: 3,
            sharedWill: 5,
            roomForProgress: 5,
          },
        },
      },
    });
    expect(answer.data?.setCountryProfile).toEqual({
      code: "CO",
      name: "Colombia",
      zone: "SOUTH_AMERICA",
      priority: "SCHOOL_TARGET",
      imtPriority: false,
      schoolTarget: true,
      note: "Target country (seed)",
      scores: {
        economicPotential: 4,
        academicLevel: 3,
        overall: 3.6,
        feasibility: { priorKnowledge: 2, stability: 3, average: 3.8 },
      },
    });
  });

  it("refuses a score out of range, naming the criterion, and writes nothing", async () => {
    const answer = await partnerships.graphql(setProfile, {
      input: {
        code: "JP",
        imtPriority: false,
        schoolTarget: true,
        scores: { feasibility: { sharedWill: 7 } },
      },
    });
    expect(firstError(answer)).toMatchObject({
      code: "BAD_USER_INPUT",
      reason: "COUNTRY_SCORE_OUT_OF_RANGE",
      field: "input.scores.feasibility.sharedWill",
    });
    expect(
      await partnerships.connection.collection("country_profiles").countDocuments({ _id: "JP" as never }),
    ).toBe(0);
  });

  it("forbids a faculty member to change priorities", async () => {
    const answer = await partnerships.graphql(
      setProfile,
      { input: { code: "JP", imtPriority: true, schoolTarget: false } },
      "FACULTY",
    );
    expect(firstError(answer)).toMatchObject({ code: "FORBIDDEN" });
  });

  it("shows anyone, signed in or not, the countries by priority and zone", async () => {
    const query = `query ($filter: CountryFilter) { countries(filter: $filter, sort: { field: NAME, direction: ASC }) { totalCount nodes { code priority } } }`;
    const imt = await partnerships.graphql<{ countries: { nodes: { code: string; priority: string }[] } }>(
      query,
      { filter: { priority: ["IMT_PRIORITY"] } },
      null,
    );
    expect(imt.data?.countries.nodes).toEqual([
      { code: "BR", priority: "IMT_PRIORITY" },
      { code: "CN", priority: "IMT_PRIORITY" },
      { code: "IN", priority: "IMT_PRIORITY" },
    ]);
    const targets = await partnerships.graphql<{ countries: { nodes: { code: string }[] } }>(
      query,
      { filter: { schoolTarget: true } },
      null,
    );
    expect(targets.data?.countries.nodes.map((node) => node.code)).toEqual(["BR", "CO", "LB", "MA", "SN"]);
    const mediterranean = await partnerships.graphql<{ countries: { nodes: { code: string }[] } }>(
      query,
      { filter: { zone: ["MEDITERRANEAN"] } },
      null,
    );
    expect(mediterranean.data?.countries.nodes.map((node) => node.code)).toEqual(["LB", "MA"]);
  });

  it("answers for any assigned country, profiled or not, and null for an unassigned code", async () => {
    const answer = await partnerships.graphql(
      `{ se: country(code: "SE") { name zone priority } zz: country(code: "ZZ") { name } }`,
      {},
      null,
    );
    expect(answer.data).toEqual({ se: { name: "Sweden", zone: "EUROPE", priority: "NONE" }, zz: null });
  });

  it("shows a country's institutions only to signed-in viewers", async () => {
    await partnerships.registerPartner("Université Mohammed VI Polytechnique", "MA");
    const query = `{ country(code: "MA") { name institutions { totalCount nodes { name } } } }`;
    const signedIn = await partnerships.graphql<{ country: { institutions: { totalCount: number } } }>(
      query,
      {},
      "PARTNER",
    );
    expect(signedIn.data?.country.institutions.totalCount).toBe(1);
    const anonymous = await partnerships.graphql(query, {}, null);
    expect(firstError(anonymous)).toMatchObject({ code: "UNAUTHENTICATED" });
  });
});

describe("networks", () => {
  let networkId: string;
  let memberId: string;
  const createNetwork = `mutation ($input: NetworkInput!) { createNetwork(input: $input) { id name acronym scope schoolMember schoolMemberSince } }`;

  beforeAll(async () => {
    memberId = (await partnerships.registerPartner("Technische Universität München", "DE"))._id;
  });

  it("records a network the school belongs to", async () => {
    const answer = await partnerships.graphql<{ createNetwork: { id: string } }>(createNetwork, {
      input: {
        name: "Conference of European Schools for Advanced Engineering Education and Research",
        acronym: "CESAER",
        scope: "INTERNATIONAL",
        schoolMember: true,
        schoolMemberSince: "2010-01-01",
      },
    });
    expect(answer.data?.createNetwork).toMatchObject({
      acronym: "CESAER",
      scope: "INTERNATIONAL",
      schoolMember: true,
      schoolMemberSince: "2010-01-01",
    });
    networkId = answer.data!.createNetwork.id;
    await partnerships.app.createNetwork(office, {
      name: "Université de Lyon",
      scope: "REGIONAL",
      schoolMember: true,
    });
    await partnerships.app.createNetwork(office, { name: "A network we left", scope: "NATIONAL" });
  });

  it("refuses a second network with the same name", async () => {
    const answer = await partnerships.graphql(createNetwork, {
      input: { name: "Université de Lyon", scope: "REGIONAL" },
    });
    expect(firstError(answer)).toMatchObject({
      code: "CONFLICT",
      reason: "NETWORK_NAME_TAKEN",
      field: "input.name",
    });
  });

  it("refuses a membership dated in the future", async () => {
    const answer = await partnerships.graphql(createNetwork, {
      input: {
        name: "Future network",
        scope: "REGIONAL",
        schoolMember: true,
        schoolMemberSince: "2026-01-01",
      },
    });
    expect(firstError(answer)).toMatchObject({
      code: "BAD_USER_INPUT",
      reason: "DATE_IN_FUTURE",
      field: "input.schoolMemberSince",
    });
  });

  it("adds a partner to a network, visible from both sides", async () => {
    const answer = await partnerships.graphql<{ addNetworkMember: { members: { id: string }[] } }>(
      `mutation ($network: ID!, $institution: ID!) { addNetworkMember(networkId: $network, institutionId: $institution) { members { id } } }`,
      { network: networkId, institution: memberId },
    );
    expect(answer.data?.addNetworkMember.members).toEqual([{ id: memberId }]);
    const institution = await partnerships.graphql<{ institution: { networks: { acronym: string }[] } }>(
      `query ($id: ID!) { institution(id: $id) { networks { acronym } } }`,
      { id: memberId },
    );
    expect(institution.data?.institution.networks).toEqual([{ acronym: "CESAER" }]);
  });

  it("says NOT_FOUND when adding an unknown institution", async () => {
    const answer = await partnerships.graphql(
      `mutation ($network: ID!) { addNetworkMember(networkId: $network, institutionId: "nope") { id } }`,
      {
        network: networkId,
      },
    );
    expect(firstError(answer)).toMatchObject({ code: "NOT_FOUND", reason: "INSTITUTION_NOT_FOUND" });
  });

  it("lists networks publicly, filtered by scope and membership, members for signed-in viewers only", async () => {
    const query = `query ($filter: NetworkFilter) { networks(filter: $filter) { totalCount nodes { name } } }`;
    const member = await partnerships.graphql<{ networks: { nodes: { name: string }[] } }>(
      query,
      { filter: { schoolMember: true } },
      null,
    );
    expect(member.data?.networks.nodes.map((node) => node.name)).toEqual([
      "Conference of European Schools for Advanced Engineering Education and Research",
      "Université de Lyon",
    ]);
    const regional = await partnerships.graphql<{ networks: { nodes: { name: string }[] } }>(
      query,
      { filter: { scope: ["REGIONAL"] } },
      null,
    );
    expect(regional.data?.networks.nodes.map((node) => node.name)).toEqual(["Université de Lyon"]);
    const members = await partnerships.graphql(
      `query ($id: ID!) { network(id: $id) { members { id } } }`,
      { id: networkId },
      null,
    );
    expect(firstError(members)).toMatchObject({ code: "UNAUTHENTICATED" });
  });

  it("removes a member", async () => {
    const network = await partnerships.app.removeNetworkMember(office, networkId, memberId);
    expect(network.memberInstitutionIds).toEqual([]);
  });
});

describe("labels and rankings", () => {
  const record = `mutation ($input: SchoolLabelInput!) { recordSchoolLabel(input: $input) { id name kind rank criteria } }`;

  it("records the labels and rankings the school holds, shown to anyone", async () => {
    await partnerships.graphql(record, {
      input: {
        name: "CeQuint",
        kind: "LABEL",
        awardedBy: "ECA",
        obtainedOn: "2018-11-01",
        criteria: ["Strategy", "Competences", "Programme", "Staff", "Students"],
      },
    });
    await partnerships.graphql(record, {
      input: {
        name: "THE",
        kind: "RANKING",
        obtainedOn: "2020-01-01",
        rank: 5,
        rankScope: "French engineering schools",
      },
    });
    const answer = await partnerships.graphql<{
      schoolLabels: { nodes: { name: string; rank: number | null; criteria: string[] }[] };
    }>(`{ schoolLabels { totalCount nodes { name rank criteria } } }`, {}, null);
    expect(
      answer.data?.schoolLabels.nodes.map((label) => [label.name, label.rank, label.criteria.length]),
    ).toEqual([
      ["CeQuint", null, 5],
      ["THE", 5, 0],
    ]);
  });

  it("accepts a rank only for a ranking", async () => {
    const answer = await partnerships.graphql(record, {
      input: { name: "Bienvenue en France", kind: "LABEL", obtainedOn: "2019-06-01", rank: 2 },
    });
    expect(firstError(answer)).toMatchObject({
      code: "BAD_USER_INPUT",
      reason: "LABEL_RANK_INVALID",
      field: "input.rank",
    });
  });
});

describe("the federation entities", () => {
  it("resolves Institution, Agreement and Country references for the gateway", async () => {
    const institution = await partnerships.registerPartner("Universidade Federal do Rio de Janeiro", "BR");
    const agreement = await partnerships.app.draftAgreement(office, {
      institutionId: institution._id,
      type: "DOUBLE_DEGREE",
      programmeCodes: ["ICM"],
      seatsOutgoingPerYear: 1,
      seatsIncomingPerYear: 1,
      firstAcademicYear: "2025-2026",
      lastAcademicYear: "2026-2027",
    });
    const answer = await partnerships.graphql(
      `query ($representations: [_Any!]!) {
        _entities(representations: $representations) {
          ... on Institution { name zone }
          ... on Agreement { type institution { name } }
          ... on Country { name priority }
        }
      }`,
      {
        representations: [
          { __typename: "Institution", id: institution._id },
          { __typename: "Agreement", id: agreement._id },
          { __typename: "Country", code: "BR" },
          { __typename: "Institution", id: "unknown" },
        ],
      },
      "ANALYST",
    );
    expect(answer.data).toEqual({
      _entities: [
        { name: "Universidade Federal do Rio de Janeiro", zone: "SOUTH_AMERICA" },
        { type: "DOUBLE_DEGREE", institution: { name: "Universidade Federal do Rio de Janeiro" } },
        { name: "Brazil", priority: "IMT_PRIORITY" },
        null,
      ],
    });
  });

  it("keeps institutions from anonymous viewers, even by reference", async () => {
    const answer = await partnerships.graphql(
      `{ _entities(representations: [{ __typename: "Institution", id: "x" }]) { ... on Institution { name } } }`,
      {},
      null,
    );
    expect(firstError(answer)).toMatchObject({ code: "UNAUTHENTICATED" });
  });
});
