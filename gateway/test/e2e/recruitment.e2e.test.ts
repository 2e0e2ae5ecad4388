import { expectEventually } from "@intl/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startSystem, type System } from "./system.ts";

let system: System;
let office: string;
let admin: string;
const ids: Record<string, string> = {};

const dossier = {
  documents: ["PASSPORT", "TRANSCRIPT", "CV", "MOTIVATION_LETTER", "LANGUAGE_CERTIFICATE"].map((kind) => ({
    kind,
    name: `${kind.toLowerCase()}.pdf`,
    uri: `https://files.example.org/${kind.toLowerCase()}.pdf`,
  })),
  grades: [{ subject: "Mathematics", grade: 16.5, scale: 20 }],
  languageCertificate: { language: "en", cefrLevel: "C1", testName: "IELTS" },
};

function nominate(token: string, programmeCode: string, academicYear: string, lastName: string) {
  return system.query<{ submitNomination: { id: string; status: string } }>(
    token,
    `mutation($input: SubmitNominationInput!) { submitNomination(input: $input) { id status } }`,
    {
      input: {
        programmeCode,
        academicYear,
        candidate: {
          firstName: "Li",
          lastName,
          email: `li.${lastName.toLowerCase()}@example.cn`,
          birthDate: "2001-04-12",
          nationality: "CN",
        },
        dossier,
      },
    },
  );
}

beforeAll(async () => {
  system = await startSystem({ kafkaBrokers: inject("kafkaBrokers"), mongoUri: inject("mongoUri") });
  office = await system.token("INTERNATIONAL_OFFICE");
  admin = await system.token("ADMIN");
  ({ institutionId: ids.tsinghua, agreementId: ids.tsinghuaAgreement } =
    await system.registerPartnerWithAgreement(office, "Tsinghua University (e2e)", "CN"));
  ({ institutionId: ids.zju, agreementId: ids.zjuAgreement } = await system.registerPartnerWithAgreement(
    office,
    "Zhejiang University (e2e)",
    "CN",
  ));

  const { createResearchCentre } = await system.data<{ createResearchCentre: { id: string } }>(
    admin,
    `mutation { createResearchCentre(input: { code: "FAYOL", name: "Industrial engineering (e2e)", domains: [COMPUTER_SCIENCE] }) { id } }`,
  );
  const { registerFaculty } = await system.data<{ registerFaculty: { id: string } }>(
    admin,
    `mutation($centre: ID!) { registerFaculty(input: { firstName: "Marie", lastName: "Durand", email: "marie.durand@example.org",
       centreId: $centre, domains: [COMPUTER_SCIENCE], languages: ["fr", "en", "zh"], hdr: false }) { id } }`,
    { centre: createResearchCentre.id },
  );
  ids.faculty = registerFaculty.id;
});
afterAll(async () => system?.stop());

describe("nominations follow the partnerships service's agreements", () => {
  it("refuses a nomination once its agreement is terminated in the partnerships service (through Kafka)", async () => {
    const partner = await system.token("PARTNER", { institutionId: ids.zju! });
    // The students service learns the agreement from Kafka: the nomination is accepted once it has.
    await expectEventually(async () => {
      const accepted = await nominate(partner, "MSC-DATA-SCIENCE", "2026-2027", "Wang");
      expect(accepted.errors).toBeUndefined();
      expect(accepted.data?.submitNomination.status).toBe("SUBMITTED");
    });

    await system.data(
      office,
      `mutation($id: ID!) { terminateAgreement(id: $id, input: { reason: "Partner left the programme" }) { status } }`,
      { id: ids.zjuAgreement },
    );

    await expectEventually(async () => {
      const refused = await nominate(partner, "MSC-DATA-SCIENCE", "2026-2027", "Zhang");
      expect(refused.errors?.[0]?.extensions).toMatchObject({
        code: "CONFLICT",
        reason: "NO_ACTIVE_AGREEMENT",
      });
    });
    const { applications } = await system.data<{ applications: { totalCount: number } }>(
      partner,
      `{ applications { totalCount } }`,
    );
    expect(applications.totalCount).toBe(1);
  });
});

describe("recruitment campaigns and the students service", () => {
  it("puts a nomination in its country's campaign pipeline and makes it decidable once interviewed", async () => {
    const { createCampaign } = await system.data<{ createCampaign: { id: string } }>(
      office,
      `mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { id status } }`,
      {
        input: {
          name: "China mission 2026 (e2e)",
          countryCode: "CN",
          cities: ["Beijing", "Shanghai"],
          academicYear: "2026-2027",
          startDate: "2026-03-02",
          endDate: "2026-03-13",
          mode: "JOINT_WITH_IMT",
          targetInstitutionIds: [],
          programmeCodes: ["MSC-DATA-SCIENCE", "ICM"],
          budget: { amount: 12000, currency: "EUR" },
        },
      },
    );
    ids.campaign = createCampaign.id;
    await system.data(office, `mutation($id: ID!) { openCampaign(id: $id) { status } }`, {
      id: ids.campaign,
    });

    const partner = await system.token("PARTNER", { institutionId: ids.tsinghua! });
    let applicationId = "";
    await expectEventually(async () => {
      const accepted = await nominate(partner, "MSC-DATA-SCIENCE", "2026-2027", "Chen");
      expect(accepted.errors).toBeUndefined();
      applicationId = accepted.data!.submitNomination.id;
    });

    // The campaigns service hears of the nomination through Kafka and adds it to the China pipeline.
    await expectEventually(async () => {
      const { campaign } = await system.data<{
        campaign: { candidates: { nodes: { application: { id: string } }[] } };
      }>(
        office,
        `query($id: ID!) { campaign(id: $id) { candidates(first: 10) { nodes { application { id } } } } }`,
        { id: ids.campaign },
      );
      expect(campaign.candidates.nodes.map((node) => node.application.id)).toContain(applicationId);
    });

    await system.data(office, `mutation($id: ID!) { startApplicationReview(id: $id) { status } }`, {
      id: applicationId,
    });
    await system.data(office, `mutation($id: ID!) { sendApplicationToInterview(id: $id) { status } }`, {
      id: applicationId,
    });
    const tooEarly = await system.query(
      office,
      `mutation($id: ID!) { decideApplication(id: $id, decision: ADMITTED) { status } }`,
      { id: applicationId },
    );
    expect(tooEarly.errors?.[0]?.extensions).toMatchObject({
      code: "CONFLICT",
      reason: "INTERVIEW_REQUIRED",
    });

    const { scheduleInterview } = await system.data<{ scheduleInterview: { id: string } }>(
      office,
      `mutation($input: ScheduleInterviewInput!) { scheduleInterview(input: $input) { id status } }`,
      {
        input: {
          applicationId,
          campaignId: ids.campaign,
          mode: "VIDEO",
          slot: { start: "2025-11-03T08:00:00Z", end: "2025-11-03T08:45:00Z" },
          panelFacultyIds: [ids.faculty],
        },
      },
    );
    await system.data(
      office,
      `mutation($input: CompleteInterviewInput!) { completeInterview(input: $input) { status } }`,
      {
        input: {
          interviewId: scheduleInterview.id,
          recommendation: "ADMIT",
          panelMemberId: ids.faculty,
          scores: [
            { criterion: "ACADEMIC_LEVEL", value: 17 },
            { criterion: "MOTIVATION", value: 16 },
            { criterion: "LANGUAGE", value: 15 },
          ],
        },
      },
    );

    // The students service hears of the completed interview and lets the office decide.
    await expectEventually(async () => {
      const decided = await system.query<{ decideApplication: { status: string } }>(
        office,
        `mutation($id: ID!) { decideApplication(id: $id, decision: ADMITTED) { status } }`,
        { id: applicationId },
      );
      expect(decided.errors).toBeUndefined();
      expect(decided.data?.decideApplication.status).toBe("ADMITTED");
    });

    // One request: the campaign (campaigns), its candidates' dossier status (students), panels (research).
    await expectEventually(async () => {
      const { campaign } = await system.data<{
        campaign: {
          name: string;
          candidates: {
            nodes: {
              stage: string;
              application: { id: string; status: string };
              interviews: { status: string; panel: { id: string; lastName: string; hdr: boolean }[] }[];
            }[];
          };
        };
      }>(
        office,
        `query($id: ID!) { campaign(id: $id) { name candidates(first: 10) { nodes {
           stage application { id status } interviews { status panel { id lastName hdr } } } } } }`,
        { id: ids.campaign },
      );
      expect(campaign.name).toBe("China mission 2026 (e2e)");
      // The other Chinese nomination of this file (Zhejiang) is in the same pipeline, still SUBMITTED.
      expect(campaign.candidates.nodes.filter((node) => node.application.id === applicationId)).toEqual([
        {
          stage: "ADMITTED",
          application: { id: applicationId, status: "ADMITTED" },
          interviews: [{ status: "COMPLETED", panel: [{ id: ids.faculty, lastName: "Durand", hdr: false }] }],
        },
      ]);
    });
  });
});

describe("flows with a partner", () => {
  it("returns one institution's agreements with its incoming and outgoing flows in one request", async () => {
    const { registerStudent } = await system.data<{ registerStudent: { id: string } }>(
      office,
      `mutation($input: RegisterStudentInput!) { registerStudent(input: $input) { id } }`,
      {
        input: {
          firstName: "Jeanne",
          lastName: "Roux",
          email: "jeanne.roux@example.fr",
          birthDate: "2003-06-01",
          nationality: "FR",
          programmeCode: "ICM",
          cohort: 2028,
        },
      },
    );
    await expectEventually(async () => {
      const planned = await system.query(
        office,
        `mutation($input: PlanMobilityInput!) { planMobility(input: $input) { id status } }`,
        {
          input: {
            studentId: registerStudent.id,
            direction: "OUTGOING",
            type: "STUDY",
            institutionId: ids.tsinghua,
            academicYear: "2026-2027",
            startDate: "2026-09-07",
            endDate: "2027-01-29",
          },
        },
      );
      expect(planned.errors).toBeUndefined();
    });

    const { institution } = await system.data<{
      institution: {
        name: string;
        agreements: { status: string; seatsOutgoingPerYear: number }[];
        outgoingMobilities: { totalCount: number };
        incomingMobilities: { totalCount: number };
        flowBalance: { incoming: number; outgoing: number; balance: number };
      };
    }>(
      office,
      `query($id: ID!) { institution(id: $id) {
         name
         agreements { status seatsOutgoingPerYear }
         outgoingMobilities(academicYear: "2026-2027") { totalCount }
         incomingMobilities(academicYear: "2026-2027") { totalCount }
         flowBalance(academicYear: "2026-2027") { incoming outgoing balance } } }`,
      { id: ids.tsinghua },
    );
    expect(institution.name).toBe("Tsinghua University (e2e)");
    expect(institution.agreements).toEqual([{ status: "ACTIVE", seatsOutgoingPerYear: 2 }]);
    expect(institution.outgoingMobilities.totalCount).toBe(1);
    expect(institution.incomingMobilities.totalCount).toBe(0);
    expect(institution.flowBalance).toMatchObject({ incoming: 0, outgoing: 1 });
  });
});

describe("personal data through the gateway", () => {
  it("shows a student's name to the office but not to an analyst, who still gets the facts", async () => {
    const document = `{ students(filter: { programmeCode: "ICM" }) { nodes { nationality cohort lastName } } }`;
    const forOffice = await system.data<{ students: { nodes: { lastName: string | null }[] } }>(
      office,
      document,
    );
    expect(forOffice.students.nodes.map((node) => node.lastName)).toContain("Roux");

    const analyst = await system.token("ANALYST");
    const forAnalyst = await system.query<{
      students: { nodes: { nationality: string; lastName: string | null }[] };
    }>(analyst, document);
    expect(forAnalyst.data?.students.nodes.map((node) => node.nationality)).toContain("FR");
    expect(forAnalyst.data?.students.nodes.every((node) => node.lastName === null)).toBe(true);
    expect(forAnalyst.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(JSON.stringify(forAnalyst)).not.toContain("Roux");
  });
});
