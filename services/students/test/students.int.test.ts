import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EventEnvelope } from "@intl/events";
import { expectEventually } from "@intl/testing";
import type { GraphQLAnswer } from "@intl/testing";
import {
  StudentsTestService,
  admin,
  agreementFacts,
  candidate,
  completeDossier,
  viewer,
} from "./studentsTestService.ts";

const service = new StudentsTestService();
const usp = `inst-usp-${randomUUID().slice(0, 6)}`;
const kaist = `inst-kaist-${randomUUID().slice(0, 6)}`;
let nomineeId = "";
let applicationId = "";
let erasures: EventEnvelope[] = [];

beforeAll(async () => {
  await service.start();
  await service.knownAgreement(agreementFacts({ institutionId: usp }));
  await service.knownAgreement(agreementFacts({ institutionId: kaist, countryCode: "KR" }));
  const application = await service.app.submitNomination(viewer({ role: "PARTNER", institutionId: usp }), {
    programmeCode: "ICM",
    academicYear: "2026-2027",
    candidate: {
      ...candidate("nominee"),
      firstName: "Beatriz",
      lastName: "Lima",
      email: "beatriz.lima@usp.example",
    },
    dossier: completeDossier("ICM") as never,
  });
  nomineeId = application.studentId;
  applicationId = application._id;
  erasures = await service.collect("students.student");
});
afterAll(() => service.stop());

const STUDENT = /* GraphQL */ `
  query Student($id: ID!) {
    student(id: $id) {
      id
      firstName
      lastName
      email
      birthDate
      nationality
      international
      cohort
      programme {
        code
      }
      homeInstitution {
        id
      }
    }
  }
`;
const DOCUMENTS = /* GraphQL */ `
  query Documents($id: ID!) {
    application(id: $id) {
      id
      dossier {
        documents {
          kind
        }
        grades {
          subject
        }
        languageCertificate {
          cefrLevel
        }
      }
    }
  }
`;

describe("rule: personal data is visible only to the roles that need it", () => {
  it("shows names, email and birth date to the office and to the nominating partner", async () => {
    for (const claims of [
      { role: "ADMIN" as const },
      { role: "INTERNATIONAL_OFFICE" as const },
      { role: "PARTNER" as const, institutionId: usp },
    ]) {
      const answer = await service.graphql(STUDENT, { id: nomineeId }, claims);
      expect(answer.errors).toBeUndefined();
      expect(answer.data!.student).toMatchObject({
        firstName: "Beatriz",
        lastName: "Lima",
        email: "beatriz.lima@usp.example",
        birthDate: "2003-04-02",
      });
    }
  });

  it("answers FORBIDDEN on each personal field for an analyst or faculty, and still gives the anonymous facts", async () => {
    for (const claims of [{ role: "ANALYST" as const }, { role: "FACULTY" as const, hdr: true }]) {
      const answer = await service.graphql(STUDENT, { id: nomineeId }, claims);
      expect(answer.data!.student).toMatchObject({
        id: nomineeId,
        firstName: null,
        lastName: null,
        email: null,
        birthDate: null,
        nationality: "BR",
        international: true,
        cohort: 2028,
        programme: { code: "ICM" },
        homeInstitution: { id: usp },
      });
      const hidden = answer.errors!.map((error) => [
        error.path?.at(-1),
        error.extensions?.code,
        error.extensions?.reason,
      ]);
      expect(hidden).toEqual(
        expect.arrayContaining([
          ["firstName", "FORBIDDEN", "PERSONAL_DATA_HIDDEN"],
          ["lastName", "FORBIDDEN", "PERSONAL_DATA_HIDDEN"],
          ["email", "FORBIDDEN", "PERSONAL_DATA_HIDDEN"],
          ["birthDate", "FORBIDDEN", "PERSONAL_DATA_HIDDEN"],
        ]),
      );
    }
  });

  it("shows dossier documents to the office and the nominating partner only", async () => {
    const partner = await service.graphql(
      DOCUMENTS,
      { id: applicationId },
      { role: "PARTNER", institutionId: usp },
    );
    expect(partner.data!.application.dossier.documents).toHaveLength(5);
    const analyst = await service.graphql(DOCUMENTS, { id: applicationId }, { role: "ANALYST" });
    expect(analyst.data!.application.dossier).toMatchObject({
      documents: null,
      grades: [{ subject: "Mathematics" }],
      languageCertificate: { cefrLevel: "B2" },
    });
    expect(analyst.errors?.[0]?.extensions).toMatchObject({
      code: "FORBIDDEN",
      reason: "PERSONAL_DATA_HIDDEN",
    });
  });

  it("hides another institution's nominee from a partner entirely (NOT_FOUND), and from its lists", async () => {
    const answer = await service.graphql(
      STUDENT,
      { id: nomineeId },
      { role: "PARTNER", institutionId: kaist },
    );
    expect(answer.data?.student ?? null).toBeNull();
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: "NOT_FOUND", reason: "STUDENT_NOT_FOUND" });
    const list = await service.graphql(
      `{ students(first: 100) { totalCount nodes { id } } }`,
      {},
      { role: "PARTNER", institutionId: kaist },
    );
    expect(list.data!.students.nodes.map((node: { id: string }) => node.id)).not.toContain(nomineeId);
  });

  it("refuses anonymous readers", async () => {
    const answer = await service.graphql(STUDENT, { id: nomineeId });
    expect(answer.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });
});

describe("students lists", () => {
  it("pages through students with a stable cursor, filtered and sorted", async () => {
    const cohort = 2031;
    for (let index = 0; index < 5; index++) {
      await service.app.registerStudent(admin, {
        firstName: `Paul-${index}`,
        lastName: "Durand",
        email: `paul.${index}.${randomUUID().slice(0, 4)}@emse.example`,
        birthDate: "2005-05-05",
        nationality: index % 2 === 0 ? "FR" : "MA",
        programmeCode: "ISMIN",
        cohort,
      });
    }
    const PAGE = /* GraphQL */ `
      query Page($after: String) {
        students(filter: { cohort: ${cohort} }, sort: { field: CREATED_AT, direction: ASC }, first: 2, after: $after) {
          totalCount pageInfo { hasNextPage endCursor } nodes { id firstName }
        }
      }
    `;
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 3; page++) {
      const answer: GraphQLAnswer = await service.graphql(PAGE, { after }, { role: "INTERNATIONAL_OFFICE" });
      const connection = answer.data!.students;
      expect(connection.totalCount).toBe(5);
      seen.push(...connection.nodes.map((node: { firstName: string }) => node.firstName));
      after = connection.pageInfo.endCursor;
      expect(connection.pageInfo.hasNextPage).toBe(page < 2);
    }
    expect(seen).toEqual(["Paul-0", "Paul-1", "Paul-2", "Paul-3", "Paul-4"]);

    const international = await service.graphql(
      `{ students(filter: { cohort: ${cohort}, international: true }) { totalCount } }`,
      {},
      { role: "ANALYST" },
    );
    expect(international.data!.students.totalCount).toBe(2);
  });

  it("refuses a page size above 100, naming first", async () => {
    const answer = await service.graphql(`{ students(first: 500) { totalCount } }`, {}, { role: "ADMIN" });
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "first" });
  });
});

describe("registering students", () => {
  const REGISTER = /* GraphQL */ `
    mutation R($input: RegisterStudentInput!) {
      registerStudent(input: $input) {
        id
        status
        international
      }
    }
  `;
  const input = {
    firstName: "Jeanne",
    lastName: "Roux",
    email: "jeanne.roux@emse.example",
    birthDate: "2004-01-01",
    nationality: "FR",
    programmeCode: "ICM",
    cohort: 2028,
  };

  it("registers one of the school's students as enrolled and domestic", async () => {
    const answer = await service.graphql(REGISTER, { input }, { role: "INTERNATIONAL_OFFICE" });
    expect(answer.data!.registerStudent).toMatchObject({ status: "ENROLLED", international: false });
  });

  it("names every faulty field and writes nothing", async () => {
    const before = await service.count("students");
    const answer = await service.graphql(
      REGISTER,
      { input: { ...input, programmeCode: "MSC-ALCHEMY", email: "nope", cohort: 3000 } },
      { role: "ADMIN" },
    );
    const fields = (answer.errors?.[0]?.extensions?.details?.errors as { field: string }[]).map(
      (error) => error.field,
    );
    expect(fields).toEqual(expect.arrayContaining(["input.programmeCode", "input.email", "input.cohort"]));
    expect(await service.count("students")).toBe(before);
  });

  it("is for the office only", async () => {
    expect(
      (await service.graphql(REGISTER, { input }, { role: "ANALYST" })).errors?.[0]?.extensions?.code,
    ).toBe("FORBIDDEN");
  });
});

describe("erasure", () => {
  it("removes a student's personal data and dossier documents, keeps the anonymous facts, and tells every service", async () => {
    const application = await service.app.submitNomination(viewer({ role: "PARTNER", institutionId: usp }), {
      programmeCode: "MSC-BIOMEDICAL",
      academicYear: "2026-2027",
      candidate: candidate("to-erase", "CO"),
      dossier: completeDossier("MSC-BIOMEDICAL") as never,
    });
    const ERASE = /* GraphQL */ `
      mutation E($id: ID!) {
        eraseStudent(id: $id) {
          id
          erased
          firstName
          email
          nationality
          programme {
            code
          }
        }
      }
    `;

    expect(
      (await service.graphql(ERASE, { id: application.studentId }, { role: "INTERNATIONAL_OFFICE" }))
        .errors?.[0]?.extensions?.code,
    ).toBe("FORBIDDEN");

    const answer = await service.graphql(ERASE, { id: application.studentId }, { role: "ADMIN" });
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.eraseStudent).toMatchObject({
      erased: true,
      firstName: null,
      email: null,
      nationality: "CO",
      programme: { code: "MSC-BIOMEDICAL" },
    });

    const stored = await service.connection
      .collection("students")
      .findOne({ _id: application.studentId as never });
    expect(stored).toMatchObject({
      firstName: null,
      lastName: null,
      email: null,
      birthDate: null,
      nationality: "CO",
    });
    const dossier = await service.graphql(DOCUMENTS, { id: application._id }, { role: "ADMIN" });
    expect(dossier.data!.application.dossier.documents).toEqual([]);

    await expectEventually(() =>
      expect(erasures.filter((event) => event.subject === application.studentId)).toEqual([
        expect.objectContaining({
          type: "students.student.erased.v1",
          sequence: 2,
          data: expect.objectContaining({ studentId: application.studentId }),
        }),
      ]),
    );
    // Erasing again publishes nothing new.
    await service.graphql(ERASE, { id: application.studentId }, { role: "ADMIN" });
    expect(
      (await service.connection.collection("students").findOne({ _id: application.studentId as never }))!
        .version,
    ).toBe(2);
  });
});

describe("federation", () => {
  it("resolves Student and Application references for the other subgraphs, hiding a partner's non-nominees", async () => {
    const ENTITIES = /* GraphQL */ `
      query E($representations: [_Any!]!) {
        _entities(representations: $representations) {
          ... on Student {
            id
            cohort
          }
          ... on Application {
            id
            status
          }
        }
      }
    `;
    const representations = [
      { __typename: "Student", id: nomineeId },
      { __typename: "Application", id: applicationId },
    ];
    const office = await service.graphql(ENTITIES, { representations }, { role: "INTERNATIONAL_OFFICE" });
    expect(office.data!._entities).toEqual([
      { id: nomineeId, cohort: 2028 },
      { id: applicationId, status: "SUBMITTED" },
    ]);
    const otherPartner = await service.graphql(
      ENTITIES,
      { representations },
      { role: "PARTNER", institutionId: kaist },
    );
    expect(otherPartner.data!._entities).toEqual([null, null]);
  });
});
