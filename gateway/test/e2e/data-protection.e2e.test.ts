/**
 * Data protection through the gateway (docs/data-protection.md): one erasure request reaches the
 * four services, each erases what it holds and confirms; the request completes, also when a
 * service was down during the request; the nominating partner gets a notice without the data.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTokenVerifier } from "@intl/auth";
import { buildService as buildResearch } from "@intl/research/subgraph";
import { createLogger } from "@intl/subgraph";
import { expectEventually } from "@intl/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { runExportCommand } from "../../src/personalDataExport/exportCommand.ts";
import { startSystem, type System } from "./system.ts";

let system: System;
let admin: string;
let office: string;
let partner: string;
const ids: Record<string, string> = {};

const candidate = {
  firstName: "Ana",
  lastName: "Quintanilha",
  email: "ana.quintanilha@example.br",
  birthDate: "2000-02-29",
  nationality: "BR",
};
const dossier = {
  documents: [
    "PASSPORT",
    "TRANSCRIPT",
    "CV",
    "MOTIVATION_LETTER",
    "LANGUAGE_CERTIFICATE",
    "RECOMMENDATION",
  ].map((kind) => ({
    kind,
    name: `quintanilha-${kind.toLowerCase()}.pdf`,
    uri: `https://files.example.org/quintanilha-${kind.toLowerCase()}.pdf`,
  })),
  grades: [{ subject: "Mathematics", grade: 16.5, scale: 20 }],
  languageCertificate: { language: "en", cefrLevel: "C1", testName: "IELTS" },
};

const REQUEST_ERASURE = `mutation($person: PersonInput!) {
  requestErasure(person: $person) { id status personKind personId pendingServices }
}`;
const ERASURE_REQUEST = `query($id: ID!) {
  erasureRequest(id: $id) { id status pendingServices completedAt confirmations { service records erasedAt } }
}`;

interface ErasureRequestView {
  id: string;
  status: string;
  pendingServices: string[];
  confirmations: { service: string; records: number }[];
}

async function requestErasure(person: Record<string, string>): Promise<ErasureRequestView> {
  const { requestErasure } = await system.data<{ requestErasure: ErasureRequestView }>(
    admin,
    REQUEST_ERASURE,
    {
      person,
    },
  );
  return requestErasure;
}

async function erasureRequest(id: string): Promise<ErasureRequestView> {
  return (await system.data<{ erasureRequest: ErasureRequestView }>(admin, ERASURE_REQUEST, { id }))
    .erasureRequest;
}

async function expectComplete(id: string): Promise<ErasureRequestView> {
  let request: ErasureRequestView | null = null;
  await expectEventually(async () => {
    request = await erasureRequest(id);
    expect(request.status).toBe("COMPLETE");
  });
  return request!;
}

/** Every string value of every document of every collection of the four databases, with where it was found. */
async function storedStrings(): Promise<{ where: string; value: string }[]> {
  const found: { where: string; value: string }[] = [];
  const walk = (where: string, value: unknown): void => {
    if (typeof value === "string") found.push({ where, value });
    else if (Array.isArray(value)) value.forEach((item, index) => walk(`${where}.${index}`, item));
    else if (value && typeof value === "object" && !(value instanceof Date)) {
      for (const [key, item] of Object.entries(value)) walk(`${where}.${key}`, item);
    }
  };
  for (const [service, connection] of Object.entries(system.databases)) {
    for (const { name } of await connection.db!.listCollections().toArray()) {
      const documents = await connection.db!.collection(name).find({}).toArray();
      for (const document of documents) walk(`${service}.${name}.${String(document._id)}`, document);
    }
  }
  return found;
}

beforeAll(async () => {
  system = await startSystem({ kafkaBrokers: inject("kafkaBrokers"), mongoUri: inject("mongoUri") });
  admin = await system.token("ADMIN");
  office = await system.token("INTERNATIONAL_OFFICE");

  ({ institutionId: ids.usp } = await system.registerPartnerWithAgreement(
    office,
    "Universidade de São Paulo (e2e)",
    "BR",
    ["MSC", "PHD"],
  ));
  partner = await system.token("PARTNER", { institutionId: ids.usp });

  const { createResearchCentre } = await system.data<{ createResearchCentre: { id: string } }>(
    admin,
    `mutation { createResearchCentre(input: { code: "SMS", name: "Microelectronics (e2e)", domains: [MICROELECTRONICS] }) { id } }`,
  );
  ids.centre = createResearchCentre.id;
  ids.supervisor = await registerFaculty("Marie", "Durand", true);
});
afterAll(async () => system?.stop());

async function registerFaculty(firstName: string, lastName: string, hdr: boolean): Promise<string> {
  const { registerFaculty } = await system.data<{ registerFaculty: { id: string } }>(
    admin,
    `mutation($input: RegisterFacultyInput!) { registerFaculty(input: $input) { id } }`,
    {
      input: {
        firstName,
        lastName,
        email: `${firstName}.${lastName}@example.org`.toLowerCase(),
        centreId: ids.centre,
        domains: ["MICROELECTRONICS"],
        languages: ["fr", "en"],
        hdr,
      },
    },
  );
  return registerFaculty.id;
}

async function openPosition(coSupervisor: string): Promise<string> {
  const { openPhdPosition } = await system.data<{ openPhdPosition: { id: string } }>(
    admin,
    `mutation($input: OpenPhdPositionInput!) { openPhdPosition(input: $input) { id } }`,
    {
      input: {
        subject: "Low-power neuromorphic circuits",
        domain: "MICROELECTRONICS",
        supervisorId: ids.supervisor,
        coSupervisor: { fullName: coSupervisor, institutionId: ids.usp },
        academicYear: "2026-2027",
      },
    },
  );
  return openPhdPosition.id;
}

// Before the erasure tests: the last of them leaves the research service stopped.
describe("the record of access (GDPR arts. 30, 32)", () => {
  interface AccessTrail {
    totalCount: number;
    nodes: {
      kind: string;
      service: string;
      viewer: { subject: string; role: string };
      operation: { name: string; type: string };
      fields: string[];
    }[];
  }
  const TRAIL = `query Trail($person: PersonInput!) {
    personalDataAccessTrail(person: $person) { studentsAccess(first: 20) researchAccess campaignsAccess partnershipsAccess }
  }`;

  it("shows ADMIN a partner's read of its nominees and an office user's read of a student, with roles, operations and fields, and no value", async () => {
    const nominee = {
      firstName: "Teresa",
      lastName: "Vasconcelos",
      email: "teresa.vasconcelos@example.br",
      birthDate: "2001-07-14",
      nationality: "BR",
    };
    const ownDocuments = dossier.documents.map((document) => ({
      ...document,
      name: document.name.replace("quintanilha", "vasconcelos"),
      uri: document.uri.replaceAll("quintanilha", "vasconcelos"),
    }));
    let studentId = "";
    await expectEventually(async () => {
      const nominated = await system.query<{ submitNomination: { student: { id: string } } }>(
        partner,
        `mutation($input: SubmitNominationInput!) { submitNomination(input: $input) { student { id } } }`,
        {
          input: {
            programmeCode: "PHD-MICROELECTRONICS",
            academicYear: "2026-2027",
            candidate: nominee,
            dossier: { ...dossier, documents: ownDocuments },
          },
        },
      );
      expect(nominated.errors).toBeUndefined();
      studentId = nominated.data!.submitNomination.student.id;
    });
    const clerk = await system.token("PARTNER", { institutionId: ids.usp, subject: "usp-clerk" });
    const officer = await system.token("INTERNATIONAL_OFFICE", { subject: "office-ines" });

    const { students } = await system.data<{ students: { nodes: { id: string; lastName: string }[] } }>(
      clerk,
      `query OurNominees { students(first: 20) { nodes { id lastName email applications { dossier { documents { kind } } } } } }`,
    );
    expect(students.nodes.map((student) => student.id)).toContain(studentId);
    const { student } = await system.data<{ student: { email: string } }>(
      officer,
      `query OneStudent($id: ID!) { student(id: $id) { firstName email birthDate } }`,
      { id: studentId },
    );
    expect(student.email).toBe(nominee.email);

    let trail: AccessTrail = { totalCount: 0, nodes: [] };
    await expectEventually(async () => {
      const { personalDataAccessTrail } = await system.data<{
        personalDataAccessTrail: { studentsAccess: AccessTrail };
      }>(admin, TRAIL, { person: { kind: "STUDENT", id: studentId } });
      trail = personalDataAccessTrail.studentsAccess;
      expect(trail.nodes.filter((node) => node.kind === "READ")).toHaveLength(2);
    });
    const reads = trail.nodes.filter((node) => node.kind === "READ");
    expect(reads).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          service: "students",
          viewer: { subject: "office-ines", role: "INTERNATIONAL_OFFICE" },
          operation: { name: "OneStudent", type: "query" },
          fields: ["birthDate", "email", "firstName"],
        }),
        expect.objectContaining({
          service: "students",
          viewer: { subject: "usp-clerk", role: "PARTNER" },
          operation: { name: "OurNominees", type: "query" },
          fields: ["documents", "email", "lastName"],
        }),
      ]),
    );
    // The nomination itself wrote the nominee's data: one WRITE, by the partner that nominated.
    expect(trail.nodes.filter((node) => node.kind === "WRITE")).toEqual([
      expect.objectContaining({ viewer: expect.objectContaining({ role: "PARTNER" }) }),
    ]);

    // Only ADMIN reads the trail.
    const refused = await system.query(officer, TRAIL, { person: { kind: "STUDENT", id: studentId } });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN" });

    // No record of any service holds a value of the person.
    const values = [nominee.firstName, nominee.lastName, nominee.email, nominee.birthDate, "vasconcelos-"];
    for (const [service, connection] of Object.entries(system.databases)) {
      const stored = JSON.stringify(await connection.collection("access_records").find({}).toArray());
      for (const value of values) expect(stored, `${service} access_records`).not.toContain(value);
    }
  });

  it("keeps each service's own trail: research records the opening of a co-supervision and a read of the co-supervisor's name", async () => {
    const positionId = await openPosition("Helena Prudente");
    const officer = await system.token("INTERNATIONAL_OFFICE", { subject: "office-ines" });
    await system.data(
      officer,
      `query CoSupervision($id: ID!) { phdPosition(id: $id) { coSupervisor { fullName } } }`,
      {
        id: positionId,
      },
    );

    let trail: AccessTrail = { totalCount: 0, nodes: [] };
    await expectEventually(async () => {
      const { personalDataAccessTrail } = await system.data<{
        personalDataAccessTrail: { researchAccess: AccessTrail; studentsAccess: AccessTrail };
      }>(admin, TRAIL, { person: { kind: "CO_SUPERVISOR", id: positionId } });
      expect(personalDataAccessTrail.studentsAccess.totalCount).toBe(0);
      trail = personalDataAccessTrail.researchAccess;
      expect(trail.totalCount).toBe(2);
    });
    expect(
      trail.nodes.map(({ kind, service, viewer, operation, fields }) => ({
        kind,
        service,
        role: viewer.role,
        operation: operation.type,
        fields,
      })),
    ).toEqual([
      {
        kind: "READ",
        service: "research",
        role: "INTERNATIONAL_OFFICE",
        operation: "query",
        fields: ["fullName"],
      },
      { kind: "WRITE", service: "research", role: "ADMIN", operation: "mutation", fields: ["fullName"] },
    ]);
    const stored = JSON.stringify(
      await system.databases.research.collection("access_records").find({}).toArray(),
    );
    expect(stored).not.toContain("Prudente");
  });
});

describe("erasure of a person everywhere (GDPR art. 17)", () => {
  it("erases a nominee known to the students, campaigns and research services with one request, and tells the partner", async () => {
    // A partner nominates a PhD candidate (students), which campaigns and research both hear of.
    let applicationId = "";
    await expectEventually(async () => {
      const nominated = await system.query<{ submitNomination: { id: string } }>(
        partner,
        `mutation($input: SubmitNominationInput!) { submitNomination(input: $input) { id } }`,
        { input: { programmeCode: "PHD-MICROELECTRONICS", academicYear: "2026-2027", candidate, dossier } },
      );
      expect(nominated.errors).toBeUndefined();
      applicationId = nominated.data!.submitNomination.id;
    });
    const { application } = await system.data<{ application: { student: { id: string } } }>(
      admin,
      `query($id: ID!) { application(id: $id) { student { id } } }`,
      { id: applicationId },
    );
    const studentId = application.student.id;
    const positionId = await openPosition("Paulo Souza");
    await expectEventually(async () => {
      const added = await system.query(
        admin,
        `mutation($input: AddPhdCandidateInput!) { addPhdCandidate(input: $input) { id } }`,
        { input: { positionId, applicationId } },
      );
      expect(added.errors).toBeUndefined();
    });
    await expectEventually(async () => {
      expect(
        await system.databases.campaigns.collection("known_applications").countDocuments({ studentId }),
      ).toBe(1);
    });
    // Access and portability: one document with each service's part, through the gateway and the command.
    const exportFile = join(mkdtempSync(join(tmpdir(), "personal-data-")), "export.json");
    const exported = await runExportCommand(
      [
        "--person",
        `STUDENT:${studentId}`,
        "--out",
        exportFile,
        "--gateway",
        system.gatewayUrl,
        "--token",
        admin,
      ],
      {},
    );
    expect(exported).toMatchObject({ exitCode: 0, stderr: "" });
    const document = JSON.parse(readFileSync(exportFile, "utf8")) as Record<
      string,
      { data: Record<string, unknown> }
    >;
    expect(document.id).toBe(`STUDENT:${studentId}`);
    expect(document.students!.data.student).toMatchObject({
      lastName: candidate.lastName,
      email: candidate.email,
    });
    expect(document.students!.data.applications).toHaveLength(1);
    expect(document.research!.data.phdCandidacies).toMatchObject([{ position: { _id: positionId } }]);
    expect(document.campaigns!.data.applications).toMatchObject([{ _id: applicationId, studentId }]);
    expect(document.partnerships!.data).toEqual({});
    const refused = await system.query(
      office,
      `query($person: PersonInput!) { personalDataExport(person: $person) { id students } }`,
      { person: { kind: "STUDENT", id: studentId } },
    );
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN" });

    const personalValues = [
      candidate.lastName,
      candidate.email,
      candidate.birthDate,
      "quintanilha-passport.pdf",
    ];
    const before = (await storedStrings()).filter(({ value }) =>
      personalValues.some((v) => value.includes(v)),
    );
    expect(before.length).toBeGreaterThan(0);

    expect(
      (await system.query(office, REQUEST_ERASURE, { person: { kind: "STUDENT", id: studentId } }))
        .errors?.[0]?.extensions,
    ).toMatchObject({ code: "FORBIDDEN" });
    const requested = await requestErasure({ kind: "STUDENT", id: studentId });
    expect(requested).toMatchObject({ personKind: "STUDENT", personId: studentId });

    const complete = await expectComplete(requested.id);
    expect(complete.pendingServices).toEqual([]);
    const records = Object.fromEntries(complete.confirmations.map((c) => [c.service, c.records]));
    expect(records).toEqual({ partnerships: 0, students: 2, research: 1, campaigns: 1 });
    // Asking again answers the same request.
    expect((await requestErasure({ kind: "STUDENT", id: studentId })).id).toBe(requested.id);

    // No role reads the person any more, and no store holds their name, email, birth date or documents.
    for (const token of [admin, office, partner]) {
      const { student } = await system.data<{ student: Record<string, unknown> }>(
        token,
        `query($id: ID!) { student(id: $id) { firstName lastName email birthDate erased } }`,
        { id: studentId },
      );
      expect(student).toEqual({
        firstName: null,
        lastName: null,
        email: null,
        birthDate: null,
        erased: true,
      });
    }
    const { phdPosition } = await system.data<{
      phdPosition: { candidates: { fullName: string | null; student: { id: string } | null }[] };
    }>(admin, `query($id: ID!) { phdPosition(id: $id) { candidates { fullName student { id } } } }`, {
      id: positionId,
    });
    expect(phdPosition.candidates).toEqual([{ fullName: null, student: null }]);
    const after = (await storedStrings()).filter(({ value }) =>
      personalValues.some((v) => value.includes(v)),
    );
    expect(after).toEqual([]);
    // The anonymous facts stay: the application is still counted, with its programme.
    expect(await system.databases.students.collection("applications").countDocuments({ studentId })).toBe(1);

    // The nominating partner has a notice, without the data; another partner has none.
    const { erasureNotices } = await system.data<{
      erasureNotices: { totalCount: number; nodes: Record<string, unknown>[] };
    }>(partner, `{ erasureNotices { totalCount nodes { institutionId personKind erasedAt message } } }`);
    expect(erasureNotices.totalCount).toBe(1);
    expect(erasureNotices.nodes[0]).toMatchObject({ institutionId: ids.usp, personKind: "STUDENT" });
    expect(JSON.stringify(erasureNotices)).not.toContain(candidate.lastName);
    const stranger = await system.token("PARTNER", { institutionId: "another-institution" });
    const { erasureNotices: none } = await system.data<{ erasureNotices: { totalCount: number } }>(
      stranger,
      `{ erasureNotices { totalCount } }`,
    );
    expect(none.totalCount).toBe(0);
  });

  it("erases a faculty member, a directly added PhD candidate, a co-supervisor and a campaign contact", async () => {
    const facultyId = await registerFaculty("Jean", "Valjean", false);
    const positionId = await openPosition("Beatriz Nogueira");
    const { addPhdCandidate } = await system.data<{
      addPhdCandidate: { candidates: { id: string; fullName: string }[] };
    }>(
      admin,
      `mutation($input: AddPhdCandidateInput!) { addPhdCandidate(input: $input) { candidates { id fullName } } }`,
      { input: { positionId, fullName: "Carla Direta", institutionId: ids.usp } },
    );
    const candidateId = addPhdCandidate.candidates.find((c) => c.fullName === "Carla Direta")!.id;
    const contactEmail = "Rui.Contato@example.br";
    // The campaigns service must know the target institution (from partnerships' events) first.
    let campaignId = "";
    await expectEventually(async () => {
      const created = await system.query<{ createCampaign: { id: string } }>(
        office,
        `mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { id } }`,
        {
          input: {
            name: "Brazil mission (e2e)",
            countryCode: "BR",
            cities: ["São Paulo"],
            academicYear: "2026-2027",
            startDate: "2026-04-06",
            endDate: "2026-04-10",
            mode: "JOINT_WITH_IMT",
            targetInstitutionIds: [ids.usp],
            programmeCodes: ["MSC-DATA-SCIENCE"],
            followUpContacts: [
              {
                name: "Rui Contato",
                role: "INTERNATIONAL_OFFICER",
                email: contactEmail,
                institutionId: ids.usp,
              },
              {
                name: "Lia Mantida",
                role: "PROGRAMME_OFFICER",
                email: "lia@example.br",
                institutionId: ids.usp,
              },
            ],
          },
        },
      );
      expect(created.errors).toBeUndefined();
      campaignId = created.data!.createCampaign.id;
    });

    const requests = [
      await requestErasure({ kind: "FACULTY", id: facultyId }),
      await requestErasure({ kind: "PHD_CANDIDATE", id: candidateId }),
      await requestErasure({ kind: "CO_SUPERVISOR", id: positionId }),
      await requestErasure({ kind: "CONTACT", email: contactEmail.toLowerCase() }),
    ];
    expect(requests.map((request) => request.id).every((id) => id !== undefined)).toBe(true);
    const records = [];
    for (const request of requests) {
      const complete = await expectComplete(request.id);
      records.push(Object.fromEntries(complete.confirmations.map((c) => [c.service, c.records])));
    }
    expect(records).toEqual([
      { partnerships: 0, students: 0, research: 1, campaigns: 0 },
      { partnerships: 0, students: 0, research: 1, campaigns: 0 },
      { partnerships: 0, students: 0, research: 1, campaigns: 0 },
      { partnerships: 0, students: 0, research: 0, campaigns: 1 },
    ]);

    const { faculty, phdPosition, campaign } = await system.data<{
      faculty: Record<string, unknown>;
      phdPosition: {
        coSupervisor: { fullName: string | null };
        candidates: { id: string; fullName: string | null }[];
      };
      campaign: { followUpContacts: { name: string; email: string }[] };
    }>(
      admin,
      `query($faculty: ID!, $position: ID!, $campaign: ID!) {
        faculty(id: $faculty) { firstName lastName }
        phdPosition(id: $position) { coSupervisor { fullName } candidates { id fullName } }
        campaign(id: $campaign) { followUpContacts { name email } }
      }`,
      { faculty: facultyId, position: positionId, campaign: campaignId },
    );
    expect(faculty).toEqual({ firstName: null, lastName: null });
    expect(phdPosition.coSupervisor.fullName).toBeNull();
    expect(phdPosition.candidates).toEqual([{ id: candidateId, fullName: null }]);
    expect(campaign.followUpContacts).toEqual([{ name: "Lia Mantida", email: "lia@example.br" }]);
    const values = ["Valjean", "Carla Direta", "Beatriz Nogueira", "Rui Contato", contactEmail.toLowerCase()];
    const left = (await storedStrings()).filter(({ value }) =>
      values.some((v) => value.toLowerCase().includes(v.toLowerCase())),
    );
    expect(left).toEqual([]);
  });

  it("completes once a service that was down during the request is back", async () => {
    const facultyId = await registerFaculty("Paul", "Absent", false);
    await system.services.research.stop();

    const requested = await requestErasure({ kind: "FACULTY", id: facultyId });
    await expectEventually(async () => {
      const request = await erasureRequest(requested.id);
      expect(request).toMatchObject({ status: "ERASING", pendingServices: ["research"] });
    });
    expect(
      await system.databases.research.collection("faculty").findOne({ _id: facultyId as never }),
    ).toMatchObject({
      lastName: "Absent",
    });

    // The research service comes back (a new process on the same database and consumer group).
    const research = buildResearch({
      connection: system.databases.research,
      kafka: system.kafka,
      topicPrefix: system.topicPrefix,
      verifyToken: createTokenVerifier({
        secret: "unused-here-0123456789abcdef0123",
        issuer: "x",
        audience: "x",
      }),
      logger: createLogger("e2e", "silent"),
      outboxPollMs: 100,
    });
    await research.start();
    try {
      await expectComplete(requested.id);
      expect(
        await system.databases.research.collection("faculty").findOne({ _id: facultyId as never }),
      ).toMatchObject({
        firstName: null,
        lastName: null,
      });
    } finally {
      await research.stop();
    }
  });
});
