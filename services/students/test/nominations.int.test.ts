import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agreementActivated, agreementRenewed, agreementTerminated } from "@intl/events";
import { expectEventually } from "@intl/testing";
import { StudentsTestService, agreementFacts, candidate, completeDossier } from "./studentsTestService.ts";

const service = new StudentsTestService();
beforeAll(() => service.start());
afterAll(() => service.stop());

const SUBMIT = /* GraphQL */ `
  mutation Submit($input: SubmitNominationInput!) {
    submitNomination(input: $input) {
      id
      status
      academicYear
      countryCode
      agreementId
      requiresInterview
      programme {
        code
        kind
      }
      institution {
        id
      }
      student {
        id
        status
        international
        cohort
        firstName
      }
    }
  }
`;

const institution = () => `inst-${randomUUID().slice(0, 8)}`;

function nomination(
  programmeCode: string,
  academicYear = "2026-2027",
  key: string = randomUUID().slice(0, 8),
) {
  return { programmeCode, academicYear, candidate: candidate(key), dossier: completeDossier(programmeCode) };
}

describe("nominations", () => {
  it("accepts a partner's nomination under an active agreement covering the programme and the year, and publishes it without personal data", async () => {
    const usp = institution();
    const agreement = await service.knownAgreement(
      agreementFacts({ institutionId: usp, programmeCodes: ["ICM"] }),
    );
    const published = await service.collect("students.application");

    const answer = await service.graphql(
      SUBMIT,
      { input: nomination("ICM") },
      { role: "PARTNER", institutionId: usp },
    );

    expect(answer.errors).toBeUndefined();
    const application = answer.data!.submitNomination;
    expect(application).toMatchObject({
      status: "SUBMITTED",
      countryCode: "BR",
      agreementId: agreement.agreementId,
      requiresInterview: true,
      programme: { code: "ICM", kind: "ENGINEERING" },
      institution: { id: usp },
      student: {
        status: "APPLICANT",
        international: true,
        cohort: 2028,
        firstName: expect.stringMatching(/^Ana-/),
      },
    });
    const event = await expectEventually(() => {
      const found = published.find(
        (e) => (e.data as { applicationId: string }).applicationId === application.id,
      );
      expect(found).toBeDefined();
      return found!;
    });
    expect(event).toMatchObject({
      type: "students.application.submitted.v1",
      subject: application.id,
      sequence: 1,
    });
    expect(event.data).toMatchObject({
      institutionId: usp,
      programmeCode: "ICM",
      programmeKind: "ENGINEERING",
      requiresInterview: true,
    });
    expect(JSON.stringify(event)).not.toMatch(/Souza|@partner\.example|2003-04-02/);
  });

  it("lets the office submit on behalf of an institution it names, and asks it to name one", async () => {
    const unicamp = institution();
    await service.knownAgreement(agreementFacts({ institutionId: unicamp, programmeCodes: ["MSC"] }));
    const missing = await service.graphql(
      SUBMIT,
      { input: nomination("MSC-DATA-SCIENCE") },
      { role: "INTERNATIONAL_OFFICE" },
    );
    expect(missing.errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      reason: "INSTITUTION_REQUIRED",
      field: "input.institutionId",
    });

    const answer = await service.graphql(
      SUBMIT,
      { input: { ...nomination("MSC-DATA-SCIENCE"), institutionId: unicamp } },
      { role: "INTERNATIONAL_OFFICE" },
    );
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.submitNomination.institution.id).toBe(unicamp);
  });

  it("refuses a nomination once its agreement is terminated in the partnerships service", async () => {
    const ufrj = institution();
    const agreement = await service.knownAgreement(
      agreementFacts({ institutionId: ufrj, programmeCodes: ["ISMIN"] }),
    );
    const partner = { role: "PARTNER" as const, institutionId: ufrj };
    const before = await service.graphql(SUBMIT, { input: nomination("ISMIN") }, partner);
    expect(before.errors).toBeUndefined();

    await service.publish(agreementTerminated, {
      subject: agreement.agreementId,
      sequence: 2,
      data: {
        ...agreement,
        status: "TERMINATED",
        terminatedOn: "2026-11-20",
        reason: "Partner left the programme",
      },
    });
    await expectEventually(async () =>
      expect((await service.app.getAgreementView(agreement.agreementId))?.status).toBe("TERMINATED"),
    );
    const [students, applications] = [await service.count("students"), await service.count("applications")];

    const after = await service.graphql(SUBMIT, { input: nomination("ISMIN") }, partner);

    expect(after.data).toBeNull();
    expect(after.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", reason: "NO_ACTIVE_AGREEMENT" });
    expect(await service.count("students")).toBe(students);
    expect(await service.count("applications")).toBe(applications);
  });

  it("refuses a nomination for a programme or a year the institution's agreements do not cover", async () => {
    const kaist = institution();
    await service.knownAgreement(
      agreementFacts({
        institutionId: kaist,
        countryCode: "KR",
        programmeCodes: ["ICM"],
        eqfLevels: [],
        lastAcademicYear: "2027-2028",
      }),
    );
    const partner = { role: "PARTNER" as const, institutionId: kaist };
    const otherProgramme = await service.graphql(SUBMIT, { input: nomination("MSC-TRIBOLOGY") }, partner);
    expect(otherProgramme.errors?.[0]?.extensions).toMatchObject({
      code: "CONFLICT",
      reason: "NO_ACTIVE_AGREEMENT",
    });
    const laterYear = await service.graphql(SUBMIT, { input: nomination("ICM", "2028-2029") }, partner);
    expect(laterYear.errors?.[0]?.extensions).toMatchObject({
      code: "CONFLICT",
      reason: "NO_ACTIVE_AGREEMENT",
    });
    const noAgreement = await service.graphql(
      SUBMIT,
      { input: nomination("ICM") },
      { role: "PARTNER", institutionId: institution() },
    );
    expect(noAgreement.errors?.[0]?.extensions).toMatchObject({
      code: "CONFLICT",
      reason: "NO_ACTIVE_AGREEMENT",
    });
  });

  it("refuses an incomplete dossier, naming input.dossier.documents, and writes nothing", async () => {
    const usj = institution();
    await service.knownAgreement(agreementFacts({ institutionId: usj, countryCode: "LB" }));
    const [students, applications] = [await service.count("students"), await service.count("applications")];
    const input = nomination("ICM");
    input.dossier.documents = input.dossier.documents.filter(
      (document) => document.kind !== "MOTIVATION_LETTER",
    );

    const answer = await service.graphql(SUBMIT, { input }, { role: "PARTNER", institutionId: usj });

    expect(answer.errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      reason: "INCOMPLETE_DOSSIER",
      field: "input.dossier.documents",
    });
    expect(await service.count("students")).toBe(students);
    expect(await service.count("applications")).toBe(applications);
  });

  it("refuses nominations from analysts and faculty", async () => {
    for (const role of ["ANALYST", "FACULTY"] as const) {
      const answer = await service.graphql(
        SUBMIT,
        { input: { ...nomination("ICM"), institutionId: "x" } },
        { role },
      );
      expect(answer.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    }
    const anonymous = await service.graphql(SUBMIT, { input: nomination("ICM") });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });
});

describe("the agreement read model", () => {
  it("catches up to the newest state when agreement events arrive out of order and twice", async () => {
    const uba = institution();
    const facts = agreementFacts({ institutionId: uba, countryCode: "AR", lastAcademicYear: "2026-2027" });
    const activated = await service.publish(agreementActivated, {
      subject: facts.agreementId,
      sequence: 1,
      data: facts,
    });
    await service.publish(agreementTerminated, {
      subject: facts.agreementId,
      sequence: 3,
      data: {
        ...facts,
        lastAcademicYear: "2029-2030",
        status: "TERMINATED",
        terminatedOn: "2026-10-01",
        reason: "Ended",
      },
    });
    // Older events arrive late, one of them twice.
    await service.publish(agreementRenewed, {
      subject: facts.agreementId,
      sequence: 2,
      data: { ...facts, lastAcademicYear: "2029-2030", previousLastAcademicYear: "2026-2027" },
    });
    await service.publishEnvelope("partnerships.agreement", activated);

    await expectEventually(async () => {
      const view = await service.app.getAgreementView(facts.agreementId);
      expect(view).toMatchObject({ sequence: 3, status: "TERMINATED", lastAcademicYear: "2029-2030" });
    });
    // The late events were consumed too (a marker published after them is projected) and changed nothing.
    const marker = agreementFacts({ institutionId: uba });
    await service.knownAgreement(marker);
    expect(await service.app.getAgreementView(facts.agreementId)).toMatchObject({
      sequence: 3,
      status: "TERMINATED",
    });
  });

  it("applies a renewal arriving after its activation, extending the years nominations may cover", async () => {
    const unal = institution();
    const facts = agreementFacts({
      institutionId: unal,
      countryCode: "CO",
      programmeCodes: ["ICM"],
      lastAcademicYear: "2026-2027",
    });
    await service.knownAgreement(facts);
    const partner = { role: "PARTNER" as const, institutionId: unal };
    expect(
      (await service.graphql(SUBMIT, { input: nomination("ICM", "2027-2028") }, partner)).errors?.[0]
        ?.extensions?.reason,
    ).toBe("NO_ACTIVE_AGREEMENT");

    await service.publish(agreementRenewed, {
      subject: facts.agreementId,
      sequence: 2,
      data: { ...facts, lastAcademicYear: "2028-2029", previousLastAcademicYear: "2026-2027" },
    });
    await expectEventually(async () =>
      expect((await service.app.getAgreementView(facts.agreementId))?.sequence).toBe(2),
    );

    expect(
      (await service.graphql(SUBMIT, { input: nomination("ICM", "2027-2028") }, partner)).errors,
    ).toBeUndefined();
  });
});
