import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agreementTerminated } from "@intl/events";
import type { EventEnvelope } from "@intl/events";
import { expectEventually } from "@intl/testing";
import { StudentsTestService, admin, agreementFacts } from "./studentsTestService.ts";
import type { AgreementFacts } from "./studentsTestService.ts";

// Today, for the rules that look at the date.
const service = new StudentsTestService({ clock: () => new Date("2026-11-25T12:00:00.000Z") });
let published: EventEnvelope[] = [];

beforeAll(async () => {
  await service.start();
  published = await service.collect("students.mobility");
});
afterAll(() => service.stop());

const PLAN = /* GraphQL */ `
  mutation Plan($input: PlanMobilityInput!) {
    planMobility(input: $input) {
      id
      status
      direction
      agreementId
      institution {
        id
      }
      student {
        id
      }
      academicYear
      startDate
      endDate
    }
  }
`;
const office = { role: "INTERNATIONAL_OFFICE" as const };

async function engineeringStudent(key = randomUUID().slice(0, 8)) {
  return service.app.registerStudent(admin, {
    firstName: "Louise",
    lastName: `Martin-${key}`,
    email: `louise.${key}@emse.example`,
    birthDate: "2004-03-01",
    nationality: "FR",
    programmeCode: "ICM",
    cohort: 2027,
  });
}

async function hostAgreement(overrides: Partial<AgreementFacts> = {}) {
  return service.knownAgreement(
    agreementFacts({ institutionId: `inst-${randomUUID().slice(0, 8)}`, countryCode: "KR", ...overrides }),
  );
}

function plan(studentId: string, agreement: AgreementFacts, overrides: Record<string, unknown> = {}) {
  return {
    studentId,
    direction: "OUTGOING",
    type: "STUDY",
    institutionId: agreement.institutionId,
    agreementId: agreement.agreementId,
    academicYear: "2026-2027",
    startDate: "2027-01-15",
    endDate: "2027-06-30",
    ...overrides,
  };
}

describe("rule: an outgoing mobility uses an active agreement with a seat left for that year", () => {
  it("plans an outgoing mobility under an active agreement and publishes students.mobility.planned.v1", async () => {
    const agreement = await hostAgreement();
    const student = await engineeringStudent();
    const answer = await service.graphql(PLAN, { input: plan(student._id, agreement) }, office);
    expect(answer.errors).toBeUndefined();
    const mobility = answer.data!.planMobility;
    expect(mobility).toMatchObject({
      status: "PLANNED",
      direction: "OUTGOING",
      agreementId: agreement.agreementId,
      institution: { id: agreement.institutionId },
    });
    await expectEventually(() =>
      expect(published.find((event) => event.subject === mobility.id)).toBeDefined(),
    );
    expect(published.find((event) => event.subject === mobility.id)).toMatchObject({
      type: "students.mobility.planned.v1",
      sequence: 1,
      data: {
        mobilityId: mobility.id,
        studentId: student._id,
        direction: "OUTGOING",
        academicYear: "2026-2027",
        agreementId: agreement.agreementId,
      },
    });
  });

  it("never gives more seats than the agreement has, even to concurrent requests", async () => {
    const agreement = await hostAgreement({ seatsOutgoingPerYear: 2 });
    const students = await Promise.all([1, 2, 3, 4, 5].map(() => engineeringStudent()));
    const answers = await Promise.all(
      students.map((student) => service.graphql(PLAN, { input: plan(student._id, agreement) }, office)),
    );
    const planned = answers.filter((answer) => answer.data?.planMobility);
    const refused = answers.filter((answer) => answer.errors?.[0]?.extensions?.reason === "NO_SEAT_LEFT");
    expect(planned).toHaveLength(2);
    expect(refused).toHaveLength(3);
    expect(refused[0]!.errors![0]!.extensions).toMatchObject({
      code: "CONFLICT",
      field: "input.agreementId",
    });
    expect(await service.count("mobilities", { agreementId: agreement.agreementId })).toBe(2);
  });

  it("counts seats per academic year and per direction", async () => {
    const agreement = await hostAgreement({ seatsOutgoingPerYear: 1, seatsIncomingPerYear: 1 });
    const [a, b, c, d] = await Promise.all([
      engineeringStudent(),
      engineeringStudent(),
      engineeringStudent(),
      engineeringStudent(),
    ]);
    expect((await service.graphql(PLAN, { input: plan(a._id, agreement) }, office)).errors).toBeUndefined();
    expect(
      (await service.graphql(PLAN, { input: plan(d._id, agreement) }, office)).errors?.[0]?.extensions
        ?.reason,
    ).toBe("NO_SEAT_LEFT");
    const nextYear = { academicYear: "2027-2028", startDate: "2027-09-15", endDate: "2028-01-31" };
    expect(
      (await service.graphql(PLAN, { input: plan(b._id, agreement, nextYear) }, office)).errors,
    ).toBeUndefined();
    const incoming = await service.graphql(
      PLAN,
      { input: plan(c._id, agreement, { direction: "INCOMING" }) },
      office,
    );
    expect(incoming.errors).toBeUndefined();
  });

  it("gives the seat back when a planned mobility is cancelled, and publishes the cancellation", async () => {
    const agreement = await hostAgreement({ seatsOutgoingPerYear: 1 });
    const [first, second] = await Promise.all([engineeringStudent(), engineeringStudent()]);
    const planned = (await service.graphql(PLAN, { input: plan(first._id, agreement) }, office)).data!
      .planMobility;
    expect(
      (await service.graphql(PLAN, { input: plan(second._id, agreement) }, office)).errors?.[0]?.extensions
        ?.reason,
    ).toBe("NO_SEAT_LEFT");

    const cancelled = await service.graphql(
      `mutation C($id: ID!) { cancelMobility(id: $id, reason: "Visa refused") { status cancelledAt } }`,
      { id: planned.id },
      office,
    );
    expect(cancelled.data!.cancelMobility.status).toBe("CANCELLED");

    expect(
      (await service.graphql(PLAN, { input: plan(second._id, agreement) }, office)).errors,
    ).toBeUndefined();
    await expectEventually(() =>
      expect(
        published.find(
          (event) => event.subject === planned.id && event.type === "students.mobility.cancelled.v1",
        ),
      ).toMatchObject({ sequence: 2 }),
    );
    const again = await service.graphql(
      `mutation C($id: ID!) { cancelMobility(id: $id) { status } }`,
      { id: planned.id },
      office,
    );
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", reason: "ILLEGAL_TRANSITION" });
  });

  it("chooses an active agreement with a seat left when none is named", async () => {
    const institutionId = `inst-${randomUUID().slice(0, 8)}`;
    const full = await service.knownAgreement(
      agreementFacts({ institutionId, agreementId: `agr-a-${randomUUID()}`, seatsOutgoingPerYear: 0 }),
    );
    const open = await service.knownAgreement(
      agreementFacts({ institutionId, agreementId: `agr-b-${randomUUID()}`, seatsOutgoingPerYear: 3 }),
    );
    const student = await engineeringStudent();
    const answer = await service.graphql(
      PLAN,
      { input: plan(student._id, full, { agreementId: null }) },
      office,
    );
    expect(answer.data!.planMobility.agreementId).toBe(open.agreementId);
  });

  it("refuses a mobility under a terminated agreement, or with no agreement at all", async () => {
    const agreement = await hostAgreement();
    await service.publish(agreementTerminated, {
      subject: agreement.agreementId,
      sequence: 2,
      data: { ...agreement, status: "TERMINATED", terminatedOn: "2026-11-01", reason: "Ended" },
    });
    await expectEventually(async () =>
      expect((await service.app.getAgreementView(agreement.agreementId))?.status).toBe("TERMINATED"),
    );
    const student = await engineeringStudent();
    const named = await service.graphql(PLAN, { input: plan(student._id, agreement) }, office);
    expect(named.errors?.[0]?.extensions).toMatchObject({
      code: "CONFLICT",
      reason: "NO_ACTIVE_AGREEMENT",
      field: "input.agreementId",
    });
    const chosen = await service.graphql(
      PLAN,
      { input: plan(student._id, agreement, { agreementId: null }) },
      office,
    );
    expect(chosen.errors?.[0]?.extensions).toMatchObject({
      code: "CONFLICT",
      reason: "NO_ACTIVE_AGREEMENT",
      field: "input.institutionId",
    });
    expect(await service.count("mobilities", { studentId: student._id })).toBe(0);
  });

  it("refuses a mobility lying outside its agreement's years", async () => {
    const agreement = await hostAgreement({ lastAcademicYear: "2026-2027" });
    const student = await engineeringStudent();
    const answer = await service.graphql(
      PLAN,
      { input: plan(student._id, agreement, { endDate: "2027-09-30" }) },
      office,
    );
    expect(answer.errors?.[0]?.extensions).toMatchObject({
      code: "CONFLICT",
      reason: "MOBILITY_OUTSIDE_AGREEMENT",
      field: "input.endDate",
    });
  });
});

describe("rule: a mobility's dates are consistent", () => {
  it("refuses an end before the start, naming input.endDate, and takes no seat", async () => {
    const agreement = await hostAgreement({ seatsOutgoingPerYear: 1 });
    const student = await engineeringStudent();
    const answer = await service.graphql(
      PLAN,
      { input: plan(student._id, agreement, { endDate: "2027-01-01" }) },
      office,
    );
    expect(answer.errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      reason: "INVALID_DATES",
      field: "input.endDate",
    });
    expect(await service.count("mobilities", { studentId: student._id })).toBe(0);
    expect(await service.count("seat_slots", { agreementId: agreement.agreementId })).toBe(0);
  });

  it("completes a mobility once it has started, never before", async () => {
    const agreement = await hostAgreement({ firstAcademicYear: "2025-2026" });
    const student = await engineeringStudent();
    const past = (
      await service.graphql(
        PLAN,
        {
          input: plan(student._id, agreement, {
            academicYear: "2025-2026",
            startDate: "2026-02-01",
            endDate: "2026-06-30",
          }),
        },
        office,
      )
    ).data!.planMobility;
    const future = (await service.graphql(PLAN, { input: plan(student._id, agreement) }, office)).data!
      .planMobility;
    const COMPLETE = `mutation Complete($id: ID!) { completeMobility(id: $id) { status completedAt } }`;
    expect((await service.graphql(COMPLETE, { id: past.id }, office)).data!.completeMobility.status).toBe(
      "COMPLETED",
    );
    expect(
      (await service.graphql(COMPLETE, { id: future.id }, office)).errors?.[0]?.extensions,
    ).toMatchObject({ reason: "MOBILITY_NOT_STARTED" });
    await expectEventually(() =>
      expect(
        published.find(
          (event) => event.subject === past.id && event.type === "students.mobility.completed.v1",
        ),
      ).toBeDefined(),
    );
  });

  it("is planned only by the office", async () => {
    const agreement = await hostAgreement();
    const student = await engineeringStudent();
    for (const claims of [
      { role: "ANALYST" as const },
      { role: "FACULTY" as const },
      { role: "PARTNER" as const, institutionId: agreement.institutionId },
    ]) {
      expect(
        (await service.graphql(PLAN, { input: plan(student._id, agreement) }, claims)).errors?.[0]?.extensions
          ?.code,
      ).toBe("FORBIDDEN");
    }
  });
});

describe("credit recognition", () => {
  const LEARNING = /* GraphQL */ `
    mutation Set($id: ID!, $input: LearningAgreementInput!) {
      setLearningAgreement(mobilityId: $id, input: $input) {
        learningAgreement {
          totalEcts
          courses {
            code
          }
        }
      }
    }
  `;
  const AMEND = /* GraphQL */ `
    mutation Amend($id: ID!, $input: LearningAgreementAmendmentInput!) {
      amendLearningAgreement(mobilityId: $id, input: $input) {
        learningAgreement {
          courses {
            code
          }
          changes {
            kind
            courseCode
            reason
            at
          }
        }
      }
    }
  `;
  const TRANSCRIPT = /* GraphQL */ `
    mutation Transcript($id: ID!, $input: TranscriptInput!) {
      recordTranscript(mobilityId: $id, input: $input) {
        recognisedEcts
        transcript {
          courseCode
          grade
          ectsObtained
        }
      }
    }
  `;

  it("recognises at home the ECTS obtained in courses of the learning agreement that have an equivalent", async () => {
    const agreement = await hostAgreement();
    const student = await engineeringStudent();
    const mobility = (await service.graphql(PLAN, { input: plan(student._id, agreement) }, office)).data!
      .planMobility;
    const set = await service.graphql(
      LEARNING,
      {
        id: mobility.id,
        input: {
          courses: [
            {
              code: "CS101",
              title: "Algorithms",
              ects: 6,
              homeEquivalent: { code: "ICM-ALGO", title: "Algorithmique" },
            },
            { code: "KR100", title: "Korean", ects: 3 },
          ],
        },
      },
      office,
    );
    expect(set.data!.setLearningAgreement.learningAgreement).toMatchObject({ totalEcts: 9 });

    const amended = await service.graphql(
      AMEND,
      {
        id: mobility.id,
        input: {
          add: [
            {
              code: "EE210",
              title: "Signals",
              ects: 5,
              homeEquivalent: { code: "ICM-SIG", title: "Signaux" },
            },
          ],
          remove: ["KR100"],
          reason: "Timetable clash",
        },
      },
      office,
    );
    expect(amended.data!.amendLearningAgreement.learningAgreement.changes).toEqual([
      { kind: "REMOVED", courseCode: "KR100", reason: "Timetable clash", at: "2026-11-25T12:00:00.000Z" },
      { kind: "ADDED", courseCode: "EE210", reason: "Timetable clash", at: "2026-11-25T12:00:00.000Z" },
    ]);

    const unknown = await service.graphql(
      TRANSCRIPT,
      { id: mobility.id, input: { entries: [{ courseCode: "KR100", grade: "A", ectsObtained: 3 }] } },
      office,
    );
    expect(unknown.errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      reason: "UNKNOWN_COURSE",
      field: "input.entries[0].courseCode",
    });

    const transcript = await service.graphql(
      TRANSCRIPT,
      {
        id: mobility.id,
        input: {
          entries: [
            { courseCode: "CS101", grade: "A", ectsObtained: 6 },
            { courseCode: "EE210", grade: "F", ectsObtained: 0 },
          ],
        },
      },
      office,
    );
    expect(transcript.data!.recordTranscript.recognisedEcts).toBe(6);
  });

  it("has no learning agreement for an internship", async () => {
    const agreement = await hostAgreement();
    const student = await engineeringStudent();
    const internship = (
      await service.graphql(PLAN, { input: plan(student._id, agreement, { type: "INTERNSHIP" }) }, office)
    ).data!.planMobility;
    const answer = await service.graphql(
      LEARNING,
      { id: internship.id, input: { courses: [{ code: "X", title: "X", ects: 3 }] } },
      office,
    );
    expect(answer.errors?.[0]?.extensions).toMatchObject({
      code: "CONFLICT",
      reason: "LEARNING_AGREEMENT_NOT_APPLICABLE",
    });
  });
});
