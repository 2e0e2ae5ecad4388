/**
 * What an ANALYST sees through the gateway (docs/data-protection.md, GDPR art. 25): pseudonyms
 * instead of person ids, stable across requests, unlike the office's ids, the same for one person
 * whichever subgraph hands out the reference; no lookup by person id; counts of 1 to 4 people by
 * nationality shown "<5".
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { designateStrategicPartner, registerStudent } from "./scenes.ts";
import { startSystem, type System } from "./system.ts";

let system: System;
let office: string;
let analyst: string;
let admin: string;
const ids: Record<string, string> = {};
const cohort = new Date().getUTCFullYear() + 2;

const registerPortugueseOrItalian = (lastName: string, nationality: "PT" | "IT") =>
  registerStudent(system, office, lastName, nationality, "ICM", cohort);

beforeAll(async () => {
  system = await startSystem({ kafkaBrokers: inject("kafkaBrokers"), mongoUri: inject("mongoUri") });
  office = await system.token("INTERNATIONAL_OFFICE");
  analyst = await system.token("ANALYST");
  admin = await system.token("ADMIN");

  for (const name of ["Silva", "Costa", "Santos"]) await registerPortugueseOrItalian(name, "PT");
  for (const name of ["Rossi", "Russo", "Ferrari", "Esposito", "Bianchi"])
    await registerPortugueseOrItalian(name, "IT");

  // A faculty member whom partnerships references (the strategic partnership's lead) and research owns.
  ids.institution = (
    await system.registerPartnerWithAgreement(office, "Tohoku University (e2e)", "JP")
  ).institutionId;
  ({ facultyId: ids.faculty } = await designateStrategicPartner(system, { admin, office }, ids.institution));
});
afterAll(async () => system?.stop());

const PORTUGUESE_STUDENTS = `{ students(filter: { nationality: "PT" }, sort: { field: CREATED_AT }) {
  nodes { id nationality programme { code } } } }`;

async function studentIds(token: string): Promise<string[]> {
  const { students } = await system.data<{ students: { nodes: { id: string }[] } }>(
    token,
    PORTUGUESE_STUDENTS,
  );
  return students.nodes.map((student) => student.id);
}

describe("an analyst's ids (pseudonyms)", () => {
  it("differ from the office's ids for the same students and are stable across requests", async () => {
    const officeIds = await studentIds(office);
    const first = await studentIds(analyst);
    const second = await studentIds(analyst);

    expect(officeIds).toHaveLength(3);
    expect(first).toHaveLength(3);
    for (const id of first) expect(id).toMatch(/^p-[A-Za-z0-9_-]{22}$/);
    expect(first.filter((id) => officeIds.includes(id))).toEqual([]);
    expect(second).toEqual(first);
    expect(await studentIds(admin)).toEqual(officeIds);
  });

  it("are the same for one faculty member whichever subgraph hands out the reference, and the join still works", async () => {
    const LEAD = `query($id: ID!) { institution(id: $id) { partnership { strategic {
      leadFaculty { id hdr centre { code } } } } } }`;
    type Lead = {
      institution: { partnership: { strategic: { leadFaculty: { id: string; hdr: boolean } } } };
    };
    const asAnalyst = await system.data<Lead>(analyst, LEAD, { id: ids.institution });
    const asOffice = await system.data<Lead>(office, LEAD, { id: ids.institution });
    const { faculties } = await system.data<{ faculties: { nodes: { id: string }[] } }>(
      analyst,
      `{ faculties { nodes { id } } }`,
    );

    // partnerships hands the gateway the real key, research resolves hdr and centre from it.
    const lead = asAnalyst.institution.partnership.strategic.leadFaculty;
    expect(lead).toMatchObject({ hdr: true, centre: { code: "CMP" } });
    expect(asOffice.institution.partnership.strategic.leadFaculty.id).toBe(ids.faculty);
    expect(lead.id).not.toBe(ids.faculty);
    expect(faculties.nodes.map((faculty) => faculty.id)).toEqual([lead.id]);
  });

  it("cannot be used to look a person up, nor can a real id", async () => {
    const [pseudonym] = await studentIds(analyst);
    const [realId] = await studentIds(office);
    for (const id of [pseudonym, realId]) {
      const byId = await system.query(analyst, `query($id: ID!) { student(id: $id) { nationality } }`, {
        id,
      });
      const byFilter = await system.query(
        analyst,
        `query($id: ID!) { mobilities(filter: { studentId: $id }) { totalCount } }`,
        { id },
      );
      for (const refused of [byId, byFilter]) {
        expect(refused.status).toBe(403);
        expect(refused.data ?? null).toBeNull();
        expect(refused.errors?.[0]?.extensions).toMatchObject({
          code: "FORBIDDEN",
          reason: "PERSON_LOOKUP_NOT_ALLOWED",
        });
      }
    }
  });
});

describe("small counts of people", () => {
  const ORIGINS = `{ originDiversity(top: 10) { total topCountries { countryCode count countShown share } } }`;
  type Origins = {
    originDiversity: {
      total: number;
      topCountries: { countryCode: string; count: number | null; countShown: string; share: number | null }[];
    };
  };

  it('shows an analyst "<5" for a country with 3 international students, and 5 as 5', async () => {
    const { originDiversity } = await system.data<Origins>(analyst, ORIGINS);

    expect(originDiversity.topCountries).toEqual([
      { countryCode: "IT", count: 5, countShown: "5", share: 0.625 },
      { countryCode: "PT", count: null, countShown: "<5", share: null },
    ]);
  });

  it("shows the office and ADMIN the exact counts", async () => {
    for (const token of [office, admin]) {
      const { originDiversity } = await system.data<Origins>(token, ORIGINS);
      expect(originDiversity.topCountries).toContainEqual({
        countryCode: "PT",
        count: 3,
        countShown: "3",
        share: 0.375,
      });
    }
  });
});
