import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { interviewCompleted, phdCandidateSelected } from "@intl/events";
import type { EventEnvelope } from "@intl/events";
import { expectEventually } from "@intl/testing";
import {
  StudentsTestService,
  agreementFacts,
  candidate,
  completeDossier,
  office,
  viewer,
} from "./studentsTestService.ts";

const service = new StudentsTestService();
const usp = `inst-usp-${randomUUID().slice(0, 6)}`;
const tsinghua = `inst-thu-${randomUUID().slice(0, 6)}`;
const uspPartner = { role: "PARTNER" as const, institutionId: usp };
const tsinghuaPartner = { role: "PARTNER" as const, institutionId: tsinghua };
let decisions: EventEnvelope[] = [];

beforeAll(async () => {
  await service.start();
  await service.knownAgreement(
    agreementFacts({ institutionId: usp, programmeCodes: ["ICM", "MSC", "PHD", "EXCHANGE"] }),
  );
  await service.knownAgreement(
    agreementFacts({ institutionId: tsinghua, countryCode: "CN", programmeCodes: ["MSC"] }),
  );
  decisions = await service.collect("students.application");
});
afterAll(() => service.stop());

async function nominate(programmeCode: string, institutionId = usp) {
  return service.app.submitNomination(viewer({ role: "PARTNER", institutionId }), {
    programmeCode,
    academicYear: "2026-2027",
    candidate: candidate(randomUUID().slice(0, 8), institutionId === tsinghua ? "CN" : "BR"),
    dossier: completeDossier(programmeCode) as never,
  });
}

const APPLICATION = /* GraphQL */ `
  query Application($id: ID!) {
    application(id: $id) {
      id
      status
      meanScore
      interview {
        interviewId
        mode
        score
        completedAt
      }
      decision {
        decision
        decidedBy
      }
      phdSelection {
        positionId
        supervisorFacultyId
        subject
      }
      reviews {
        reviewer
        mean
        scores {
          criterion
          score
        }
      }
    }
  }
`;

/** Waits until the office reads the application as `expected` (a consumed event changed it). */
function eventuallyTheOfficeSees(id: string, expected: Record<string, unknown>) {
  return expectEventually(async () => {
    const answer = await service.graphql(APPLICATION, { id }, { role: "INTERNATIONAL_OFFICE" });
    expect(answer.data!.application).toMatchObject(expected);
  });
}
const SCORE = /* GraphQL */ `
  mutation Score($id: ID!, $input: ScoreApplicationInput!) {
    scoreApplication(id: $id, input: $input) {
      id
      status
      meanScore
    }
  }
`;
const DECIDE = /* GraphQL */ `
  mutation Decide($id: ID!, $decision: ApplicationDecision!) {
    decideApplication(id: $id, decision: $decision) {
      id
      status
      decision {
        decision
        decidedBy
      }
    }
  }
`;
const WITHDRAW = /* GraphQL */ `
  mutation Withdraw($id: ID!) {
    withdrawApplication(id: $id, reason: "Candidate chose another school") {
      id
      status
      withdrawnAt
    }
  }
`;

function eventsOf(applicationId: string, type: string) {
  return decisions.filter((event) => event.subject === applicationId && event.type === type);
}

describe("review and decision of a degree application", () => {
  it("scores a dossier on named criteria, refuses admission before a completed interview, then admits once the campaigns service reports it", async () => {
    const application = await nominate("MSC-COMPUTER-SCIENCE");

    const scored = await service.graphql(
      SCORE,
      {
        id: application._id,
        input: {
          scores: [
            { criterion: "ACADEMIC_RECORD", score: 16 },
            { criterion: "MOTIVATION", score: 13 },
          ],
        },
      },
      { role: "INTERNATIONAL_OFFICE" },
    );
    expect(scored.errors).toBeUndefined();
    expect(scored.data!.scoreApplication).toMatchObject({ status: "UNDER_REVIEW", meanScore: 14.5 });

    const tooEarly = await service.graphql(
      DECIDE,
      { id: application._id, decision: "ADMITTED" },
      { role: "INTERNATIONAL_OFFICE" },
    );
    expect(tooEarly.errors?.[0]?.extensions).toMatchObject({
      code: "CONFLICT",
      reason: "INTERVIEW_REQUIRED",
    });

    const interview = await service.publish(interviewCompleted, {
      subject: `interview-${application._id}`,
      sequence: 2,
      data: {
        interviewId: `interview-${application._id}`,
        applicationId: application._id,
        campaignId: null,
        mode: "VIDEO",
        completedAt: "2026-11-20T10:00:00.000Z",
        recommendation: "ADMIT",
        score: 15.5,
      },
    });
    await eventuallyTheOfficeSees(application._id, {
      status: "INTERVIEW",
      interview: { mode: "VIDEO", score: 15.5 },
    });
    const versionAfterInterview = (await service.connection
      .collection("applications")
      .findOne({ _id: application._id as never }))!.version;
    // The same event delivered again has no second effect; a later event on the same partition proves it was consumed.
    await service.publishEnvelope("campaigns.interview", interview);
    const marker = await service.publish(interviewCompleted, {
      subject: "interview-marker",
      sequence: 1,
      data: {
        ...(interview.data as object),
        interviewId: "interview-marker",
        applicationId: (await nominate("ICM"))._id,
      } as never,
    });
    await service.handled(marker.id);
    expect(
      (await service.connection.collection("applications").findOne({ _id: application._id as never }))!
        .version,
    ).toBe(versionAfterInterview);

    const admitted = await service.graphql(
      DECIDE,
      { id: application._id, decision: "ADMITTED" },
      { role: "INTERNATIONAL_OFFICE" },
    );
    expect(admitted.errors).toBeUndefined();
    expect(admitted.data!.decideApplication).toMatchObject({
      status: "ADMITTED",
      decision: { decision: "ADMITTED", decidedBy: "dev-international_office" },
    });

    await expectEventually(() =>
      expect(eventsOf(application._id, "students.application.decided.v1")).toHaveLength(1),
    );
    const [decided] = eventsOf(application._id, "students.application.decided.v1");
    expect(decided).toMatchObject({
      sequence: versionAfterInterview + 1,
      data: { decision: "ADMITTED", requiresInterview: true },
    });
  });

  it("refuses to decide twice, and lets a waitlisted candidate be admitted later", async () => {
    const application = await nominate("EXCHANGE-1S");
    await service.app.startApplicationReview(office, application._id);
    const waitlisted = await service.graphql(
      DECIDE,
      { id: application._id, decision: "WAITLISTED" },
      { role: "ADMIN" },
    );
    expect(waitlisted.data!.decideApplication.status).toBe("WAITLISTED");
    const admitted = await service.graphql(
      DECIDE,
      { id: application._id, decision: "ADMITTED" },
      { role: "ADMIN" },
    );
    expect(admitted.data!.decideApplication.status).toBe("ADMITTED");
    const again = await service.graphql(
      DECIDE,
      { id: application._id, decision: "REJECTED" },
      { role: "ADMIN" },
    );
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", reason: "ILLEGAL_TRANSITION" });
  });

  it("enrols an admitted candidate as an international student of the programme", async () => {
    const application = await nominate("EXCHANGE-2S");
    await service.app.startApplicationReview(office, application._id);
    await service.app.decideApplication(office, application._id, "ADMITTED");
    const answer = await service.graphql(
      `mutation Enrol($id: ID!) { enrolAdmittedCandidate(applicationId: $id) { id status international cohort programme { code } } }`,
      { id: application._id },
      { role: "INTERNATIONAL_OFFICE" },
    );
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.enrolAdmittedCandidate).toMatchObject({
      status: "ENROLLED",
      international: true,
      cohort: 2027,
      programme: { code: "EXCHANGE-2S" },
    });
    await expectEventually(() =>
      expect(eventsOf(application._id, "students.application.enrolled.v1")).toHaveLength(1),
    );
  });
});

describe("rule: a PhD application is admitted by the research selection; only HDR faculty decline it", () => {
  it("forbids the office and faculty without the HDR, refuses a direct admission, lets HDR faculty reject", async () => {
    const application = await nominate("PHD-MATERIALS");
    const reviewed = await service.graphql(
      SCORE,
      { id: application._id, input: { scores: [{ criterion: "SCIENTIFIC_EXCELLENCE", score: 17 }] } },
      { role: "FACULTY", facultyId: "fac-1" },
    );
    expect(reviewed.data!.scoreApplication.status).toBe("UNDER_REVIEW");

    for (const claims of [
      { role: "INTERNATIONAL_OFFICE" as const },
      { role: "ADMIN" as const },
      { role: "FACULTY" as const, hdr: false },
    ]) {
      const refused = await service.graphql(DECIDE, { id: application._id, decision: "ADMITTED" }, claims);
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN", reason: "HDR_REQUIRED" });
    }
    // Even the HDR supervisor cannot admit directly: the research service's selection does.
    const direct = await service.graphql(
      DECIDE,
      { id: application._id, decision: "ADMITTED" },
      { role: "FACULTY", hdr: true, subject: "prof-hdr" },
    );
    expect(direct.errors?.[0]?.extensions).toMatchObject({
      code: "CONFLICT",
      reason: "PHD_SELECTION_REQUIRED",
    });
    const declined = await service.graphql(
      DECIDE,
      { id: application._id, decision: "REJECTED" },
      { role: "FACULTY", hdr: true, subject: "prof-hdr" },
    );
    expect(declined.data!.decideApplication).toMatchObject({
      status: "REJECTED",
      decision: { decidedBy: "prof-hdr" },
    });
  });

  it("admits a PhD application when the research service reports its HDR supervisor's selection, once", async () => {
    const application = await nominate("PHD-ENERGY");
    await service.app.startApplicationReview(office, application._id);
    const selection = await service.publish(phdCandidateSelected, {
      subject: "position-1",
      sequence: 3,
      data: {
        positionId: `position-${application._id}`,
        applicationId: application._id,
        studentId: application.studentId,
        supervisorFacultyId: "fac-hdr-9",
        institutionId: usp,
        subject: "Hydrogen storage in porous materials",
        selectedAt: "2026-11-21T09:00:00.000Z",
      },
    });
    await eventuallyTheOfficeSees(application._id, {
      status: "ADMITTED",
      decision: { decision: "ADMITTED", decidedBy: "faculty:fac-hdr-9" },
      phdSelection: { supervisorFacultyId: "fac-hdr-9", subject: "Hydrogen storage in porous materials" },
    });
    const replay = { ...selection, id: randomUUID() }; // the same facts under another event id
    await service.publishEnvelope("research.phd", replay);
    await service.handled(replay.id);
    await expectEventually(() =>
      expect(eventsOf(application._id, "students.application.decided.v1")).toHaveLength(1),
    );
    const stored = await service.connection
      .collection("applications")
      .findOne({ _id: application._id as never });
    expect(stored!.version).toBe(3); // submitted 1, under review 2, admitted 3: the replay changed nothing
  });
});

describe("rule: a partner sees and acts only on its own nominees", () => {
  it("answers NOT_FOUND for another institution's application, hides it from lists, and refuses to withdraw it", async () => {
    const own = await nominate("MSC-DATA-SCIENCE", tsinghua);
    const other = await nominate("MSC-DATA-SCIENCE", usp);

    const seen = await service.graphql(APPLICATION, { id: other._id }, tsinghuaPartner);
    expect(seen.data?.application ?? null).toBeNull();
    expect(seen.errors?.[0]?.extensions).toMatchObject({
      code: "NOT_FOUND",
      reason: "APPLICATION_NOT_FOUND",
    });

    const list = await service.graphql(
      `{ applications(first: 100) { totalCount nodes { id institution { id } } } }`,
      {},
      tsinghuaPartner,
    );
    const institutions = new Set(
      list.data!.applications.nodes.map((node: { institution: { id: string } }) => node.institution.id),
    );
    expect([...institutions]).toEqual([tsinghua]);
    expect(list.data!.applications.nodes.map((node: { id: string }) => node.id)).toContain(own._id);

    const forced = await service.graphql(
      `{ applications(filter: { institutionId: "${usp}" }) { totalCount } }`,
      {},
      tsinghuaPartner,
    );
    expect(forced.data!.applications.totalCount).toBe(0);

    const withdrawOther = await service.graphql(WITHDRAW, { id: other._id }, tsinghuaPartner);
    expect(withdrawOther.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");

    const withdrawOwn = await service.graphql(WITHDRAW, { id: own._id }, tsinghuaPartner);
    expect(withdrawOwn.data!.withdrawApplication.status).toBe("WITHDRAWN");
    await expectEventually(() =>
      expect(eventsOf(own._id, "students.application.withdrawn.v1")).toHaveLength(1),
    );
    const twice = await service.graphql(WITHDRAW, { id: own._id }, tsinghuaPartner);
    expect(twice.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", reason: "ILLEGAL_TRANSITION" });
  });

  it("does not let a partner review or decide its own nominees", async () => {
    const own = await nominate("MSC-ELECTRONICS", usp);
    const scored = await service.graphql(
      SCORE,
      { id: own._id, input: { scores: [{ criterion: "LANGUAGE", score: 12 }] } },
      uspPartner,
    );
    expect(scored.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const decided = await service.graphql(DECIDE, { id: own._id, decision: "REJECTED" }, uspPartner);
    expect(decided.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("validates review scores, naming the field and writing nothing", async () => {
    const application = await nominate("ICM");
    const answer = await service.graphql(
      SCORE,
      { id: application._id, input: { scores: [{ criterion: "SCIENTIFIC_EXCELLENCE", score: 25 }] } },
      { role: "INTERNATIONAL_OFFICE" },
    );
    expect(answer.errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "input.scores[0].score",
    });
    const stored = await service.connection
      .collection("applications")
      .findOne({ _id: application._id as never });
    expect(stored).toMatchObject({ status: "SUBMITTED", version: 1, reviews: [] });
  });
});
