import { expectEventually } from "@intl/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { designateStrategicPartner } from "./scenes.ts";
import { startSystem, type System } from "./system.ts";

let system: System;
let office: string;
let analyst: string;
let admin: string;
const ids: Record<string, string> = {};

async function registerPartner(name: string, countryCode: string): Promise<string> {
  return (await system.registerPartnerWithAgreement(office, name, countryCode)).institutionId;
}

beforeAll(async () => {
  system = await startSystem({ kafkaBrokers: inject("kafkaBrokers"), mongoUri: inject("mongoUri") });
  office = await system.token("INTERNATIONAL_OFFICE");
  analyst = await system.token("ANALYST");
  admin = await system.token("ADMIN");

  ids.tohoku = await registerPartner("Tohoku University (e2e)", "JP");
  ids.usp = await registerPartner("Universidade de São Paulo (e2e)", "BR");
  ids.milano = await registerPartner("Politecnico di Milano (e2e)", "IT");

  ({ centreId: ids.centre, facultyId: ids.faculty } = await designateStrategicPartner(
    system,
    { admin, office },
    ids.tohoku,
  ));
});
afterAll(async () => system?.stop());

describe("partnerships through the gateway", () => {
  it("gives an analyst agreements by zone and the strategic and complete counts against the targets", async () => {
    const result = await system.data<{
      agreementStats: { total: number; byZone: { key: string; count: number }[] };
      partnershipTargets: Record<"agreements" | "strategic" | "complete", { actual: number; target: number }>;
    }>(
      analyst,
      `{ agreementStats(filter: { status: [ACTIVE] }) { total byZone { key count } }
         partnershipTargets { agreements { actual target } strategic { actual target } complete { actual target } } }`,
    );
    expect(result.agreementStats.total).toBe(3);
    expect(result.agreementStats.byZone).toEqual(
      expect.arrayContaining([
        { key: "ASIA", count: 1 },
        { key: "SOUTH_AMERICA", count: 1 },
        { key: "EUROPE", count: 1 },
      ]),
    );
    expect(result.partnershipTargets).toEqual({
      agreements: { actual: 3, target: 130 },
      strategic: { actual: 1, target: 30 },
      complete: { actual: 0, target: 40 },
    });
  });
});

describe("research collaborations feed partnership completeness", () => {
  it("moves a strategic partner's research dimension once a collaboration with it starts (through Kafka)", async () => {
    const dimensions = async () => {
      const { institution } = await system.data<{
        institution: { partnership: { tier: string; dimensions: { dimension: string; covered: boolean }[] } };
      }>(
        analyst,
        `query($id: ID!) { institution(id: $id) { partnership { tier dimensions { dimension covered } } } }`,
        {
          id: ids.tohoku,
        },
      );
      return institution.partnership;
    };
    const before = await dimensions();
    expect(before.tier).toBe("STRATEGIC");
    expect(before.dimensions.find((d) => d.dimension === "RESEARCH")?.covered).toBe(false);

    // The research service learns the institution from the partnerships service's events first.
    await expectEventually(async () =>
      expect(await system.services.research.app.isInstitutionKnown(ids.tohoku!)).toBe(true),
    );
    const { planCollaboration } = await system.data<{ planCollaboration: { id: string } }>(
      office,
      `mutation($institution: ID!, $faculty: ID!) { planCollaboration(input: {
         title: "Flexible electronics", type: JOINT_RESEARCH, institutionIds: [$institution],
         leadFacultyId: $faculty, startDate: "2025-09-01" }) { id } }`,
      { institution: ids.tohoku, faculty: ids.faculty },
    );
    await system.data(office, `mutation($id: ID!) { startCollaboration(id: $id) { status } }`, {
      id: planCollaboration.id,
    });

    await expectEventually(async () =>
      expect((await dimensions()).dimensions.find((d) => d.dimension === "RESEARCH")?.covered).toBe(true),
    );
  });

  it("returns one institution with its agreements, collaborations and faculty exchanges in one request", async () => {
    await expectEventually(async () =>
      expect(await system.services.research.app.isInstitutionKnown(ids.usp!)).toBe(true),
    );
    const { planFacultyMobility } = await system.data<{ planFacultyMobility: { id: string } }>(
      office,
      `mutation($institution: ID!, $faculty: ID!) { planFacultyMobility(input: {
         direction: OUTGOING, facultyId: $faculty, institutionId: $institution,
         purpose: "Teaching week", startDate: "2025-10-06", endDate: "2025-10-10" }) { id } }`,
      { institution: ids.usp, faculty: ids.faculty },
    );
    const { planCollaboration } = await system.data<{ planCollaboration: { id: string } }>(
      office,
      `mutation($institution: ID!, $faculty: ID!) { planCollaboration(input: {
         title: "Bioprocess modelling", type: APPLIED_RESEARCH_FOR_COMPANY, institutionIds: [$institution],
         companies: ["Acme Biotech"], leadFacultyId: $faculty, startDate: "2025-01-15" }) { id } }`,
      { institution: ids.usp, faculty: ids.faculty },
    );

    const { institution } = await system.data<{
      institution: {
        name: string;
        agreements: { type: string; status: string }[];
        collaborations: {
          totalCount: number;
          nodes: { id: string; type: string; leadFaculty: { hdr: boolean } }[];
        };
        facultyExchanges: { totalCount: number; nodes: { id: string; direction: string }[] };
      };
    }>(
      office,
      `query($id: ID!) { institution(id: $id) {
         name
         agreements { type status }
         collaborations(first: 10) { totalCount nodes { id type leadFaculty { hdr } } }
         facultyExchanges(first: 10) { totalCount nodes { id direction } } } }`,
      { id: ids.usp },
    );
    expect(institution.name).toBe("Universidade de São Paulo (e2e)");
    expect(institution.agreements).toEqual([{ type: "EXCHANGE", status: "ACTIVE" }]);
    expect(institution.collaborations.nodes).toEqual([
      { id: planCollaboration.id, type: "APPLIED_RESEARCH_FOR_COMPANY", leadFaculty: { hdr: true } },
    ]);
    expect(institution.facultyExchanges.nodes).toEqual([
      { id: planFacultyMobility.id, direction: "OUTGOING" },
    ]);
  });
});

describe("the system's metrics", () => {
  it("shows on /metrics each consumer's lag, each outbox's pending count and the operations served", async () => {
    // One process here: the gateway's /metrics shows the four services' metrics too.
    const scrape = async () => (await fetch(new URL("/metrics", system.gatewayUrl))).text();
    await expectEventually(async () => {
      const text = await scrape();
      // The research read models consumed the partnerships events of the setup, and nothing waits.
      expect(text).toMatch(
        /^intl_kafka_consumer_lag\{group="[^"]*research\.read-models",topic="[^"]*",partition="\d+"\} 0$/m,
      );
      expect(text).not.toMatch(/^intl_kafka_consumer_lag\{[^}]*\} [1-9]/m);
      expect(text).toMatch(/^intl_outbox_pending\{database="[^"]*partnerships[^"]*",model="[^"]*"\} 0$/m);
      expect(text).not.toMatch(/^intl_outbox_pending\{[^}]*\} [1-9]/m);
    });
    const text = await scrape();
    expect(text).toMatch(
      /^intl_kafka_events_processed_total\{group="[^"]*research\.read-models",outcome="handled"\} [1-9]/m,
    );
    expect(text).toMatch(
      /^intl_subgraph_operation_duration_seconds_count\{subgraph="partnerships",[^}]*outcome="ok"\} [1-9]/m,
    );
    expect(text).toMatch(/^intl_gateway_operation_duration_seconds_count\{[^}]*outcome="ok"\} [1-9]/m);
  });
});
