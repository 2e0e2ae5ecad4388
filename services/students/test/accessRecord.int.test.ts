// The record of access (GDPR arts. 30, 32) in the students service, on the real store: what a
// read or a write through the graph leaves, what ADMIN reads of a person's trail, what it never holds.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accessRecordModel } from "@intl/subgraph";
import { expectEventually } from "@intl/testing";
import {
  StudentsTestService,
  agreementFacts,
  candidate,
  completeDossier,
  viewer,
} from "./studentsTestService.ts";

const records = () => service.connection.collection("access_records");
const service = new StudentsTestService();
const usp = `inst-usp-${randomUUID().slice(0, 6)}`;
const nominee = {
  ...candidate("nominee"),
  firstName: "Joana",
  lastName: "Trilha",
  email: "joana.trilha@usp.example",
};
let studentId = "";

const TRAIL = /* GraphQL */ `
  query Trail($person: PersonInput!, $operation: String, $since: String) {
    personalDataAccessTrail(person: $person) {
      id
      studentsAccess(first: 10, operation: $operation, since: $since)
    }
  }
`;

interface Trail {
  service: string;
  totalCount: number;
  nodes: {
    kind: string;
    requestId: string;
    viewer: { subject: string; role: string };
    operation: { name: string; type: string };
    fields: string[];
  }[];
}

async function trailOf(id: string, filter: { operation?: string; since?: string } = {}): Promise<Trail> {
  const answer = await service.graphql<{ personalDataAccessTrail: { studentsAccess: Trail } }>(
    TRAIL,
    { person: { kind: "STUDENT", id }, ...filter },
    "ADMIN",
  );
  expect(answer.errors).toBeUndefined();
  return answer.data!.personalDataAccessTrail.studentsAccess;
}

beforeAll(async () => {
  await service.start();
  await service.knownAgreement(agreementFacts({ institutionId: usp }));
  // Set directly through the application: no GraphQL request, no record.
  const application = await service.app.submitNomination(viewer({ role: "PARTNER", institutionId: usp }), {
    programmeCode: "ICM",
    academicYear: "2026-2027",
    candidate: nominee,
    dossier: completeDossier("ICM") as never,
  });
  studentId = application.studentId;
});
afterAll(() => service.stop());

describe("the record of access of the students service", () => {
  it("records an office user's read of a list as one record naming each student read, and ADMIN reads it in the trail", async () => {
    const roster = await service.graphql(
      `query Roster { students(first: 50) { nodes { id firstName email nationality } } }`,
      {},
      { role: "INTERNATIONAL_OFFICE", subject: "office-ines" },
    );
    expect(roster.errors).toBeUndefined();

    await expectEventually(async () =>
      expect(await records().countDocuments({ operationName: "Roster" })).toBe(1),
    );
    const stored = await records().findOne({ operationName: "Roster" });
    expect(stored).toMatchObject({
      service: "students",
      viewerSubject: "office-ines",
      viewerRole: "INTERNATIONAL_OFFICE",
      operationType: "query",
      kind: "READ",
      subjects: [{ subject: `STUDENT:${studentId}`, fields: ["email", "firstName"] }],
    });

    const trail = await trailOf(studentId);
    expect(trail).toMatchObject({ service: "students", totalCount: 1 });
    expect(trail.nodes[0]).toMatchObject({
      kind: "READ",
      viewer: { subject: "office-ines", role: "INTERNATIONAL_OFFICE" },
      operation: { name: "Roster", type: "query" },
      fields: ["email", "firstName"],
    });
  });

  it("records a write of personal data through the graph as a WRITE, and filters the trail by operation and instant", async () => {
    const registered = await service.graphql<{ registerStudent: { id: string } }>(
      `mutation Register($input: RegisterStudentInput!) { registerStudent(input: $input) { id } }`,
      { input: { ...candidate("registered"), programmeCode: "ICM", cohort: 2028 } },
      "INTERNATIONAL_OFFICE",
    );
    expect(registered.errors).toBeUndefined();
    const id = registered.data!.registerStudent.id;

    await expectEventually(async () => expect((await trailOf(id)).totalCount).toBe(1));
    expect((await trailOf(id)).nodes[0]).toMatchObject({
      kind: "WRITE",
      operation: { name: "Register", type: "mutation" },
      fields: ["birthDate", "email", "firstName", "lastName"],
    });
    expect((await trailOf(id, { operation: "Roster" })).totalCount).toBe(0);
    expect((await trailOf(id, { since: new Date(Date.now() + 60_000).toISOString() })).totalCount).toBe(0);
  });

  it("holds no personal value, is ADMIN's only, and refuses any change", async () => {
    const stored = JSON.stringify(await records().find({}).toArray());
    for (const value of [nominee.firstName, nominee.lastName, nominee.email, nominee.birthDate]) {
      expect(stored).not.toContain(value);
    }
    const refused = await service.graphql(
      TRAIL,
      { person: { kind: "STUDENT", id: studentId } },
      "INTERNATIONAL_OFFICE",
    );
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN" });

    const model = accessRecordModel(service.connection);
    await expect(model.deleteMany({ subjectIds: `STUDENT:${studentId}` }).exec()).rejects.toThrow(
      /append-only/,
    );
    await expect(
      model.updateOne({ subjectIds: `STUDENT:${studentId}` }, { $set: { viewerRole: "ADMIN" } }).exec(),
    ).rejects.toThrow(/append-only/);
    expect(await records().countDocuments({ subjectIds: `STUDENT:${studentId}` })).toBe(1);
  });
});
