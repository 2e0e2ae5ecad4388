import { randomUUID } from "node:crypto";
import { agreementActivated, institutionCreated } from "@intl/events";
import { expectEventually, TestService, testViewer } from "@intl/testing";
import type { GraphQLAnswer, TestClaims } from "@intl/testing";
import type { z } from "zod";
import { buildService } from "../src/subgraph.ts";
import type { ServiceDeps, StudentsService } from "../src/subgraph.ts";

export type { GraphQLAnswer };
export type Claims = TestClaims;
export const viewer = testViewer;
export const admin = viewer({ role: "ADMIN" });
export const office = viewer({ role: "INTERNATIONAL_OFFICE" });

export type AgreementFacts = z.input<typeof agreementActivated.data>;

/** An active exchange agreement, as the partnerships service would describe it. */
export function agreementFacts(overrides: Partial<AgreementFacts> = {}): AgreementFacts {
  return {
    agreementId: `agr-${randomUUID()}`,
    institutionId: "inst-usp",
    countryCode: "BR",
    type: "EXCHANGE",
    status: "ACTIVE",
    programmeCodes: ["ICM", "ISMIN", "MSC", "EXCHANGE"],
    eqfLevels: [8],
    seatsOutgoingPerYear: 2,
    seatsIncomingPerYear: 2,
    firstAcademicYear: "2025-2026",
    lastAcademicYear: "2028-2029",
    ...overrides,
  };
}

/** The students service under test (see `TestService`), with its own scene-setting helpers. */
export class StudentsTestService extends TestService<StudentsService> {
  constructor(
    options: Partial<
      Pick<ServiceDeps, "clock" | "atRiskMonths" | "dossierRetentionMonths" | "retentionIntervalMs">
    > = {},
  ) {
    super({ name: "students", build: (deps) => buildService({ ...deps, ...options }) });
  }

  get app() {
    return this.service.app;
  }

  /** Documents in one of the service's collections (to check that nothing was written). */
  count(
    collection: "students" | "applications" | "mobilities" | "seat_slots",
    filter: Record<string, unknown> = {},
  ): Promise<number> {
    return this.connection.collection(collection).countDocuments(filter);
  }

  /** Makes an institution and an agreement known as partnerships would, and waits until the read models hold them. */
  async knownAgreement(facts: AgreementFacts, sequence = 1): Promise<AgreementFacts> {
    await this.publish(institutionCreated, {
      subject: facts.institutionId,
      sequence: 1,
      data: {
        institutionId: facts.institutionId,
        name: `University ${facts.institutionId}`,
        countryCode: facts.countryCode,
        city: null,
        identifiers: { schac: null, erasmus: null, pic: null, ror: null },
      },
    });
    await this.publish(agreementActivated, { subject: facts.agreementId, sequence, data: facts });
    await expectEventually(async () => {
      const view = await this.app.getAgreementView(facts.agreementId);
      if (!view || view.sequence < sequence)
        throw new Error(`agreement ${facts.agreementId} not projected yet`);
    });
    return facts;
  }
}

/** A complete dossier for `programmeCode` (a PhD one includes the recommendation). */
export function completeDossier(programmeCode = "ICM") {
  const kinds = ["PASSPORT", "TRANSCRIPT", "CV", "MOTIVATION_LETTER", "LANGUAGE_CERTIFICATE"];
  if (programmeCode.startsWith("PHD")) kinds.push("RECOMMENDATION");
  return {
    documents: kinds.map((kind) => ({
      kind,
      name: `${kind.toLowerCase()}.pdf`,
      uri: `https://files.example/${kind.toLowerCase()}.pdf`,
    })),
    grades: [{ subject: "Mathematics", grade: 16, scale: 20 }],
    languageCertificate: { language: "fr", cefrLevel: "B2", testName: "DELF B2" },
  };
}

export function candidate(key: string, nationality = "BR") {
  return {
    firstName: `Ana-${key}`,
    lastName: `Souza-${key}`,
    email: `ana.${key}@partner.example`,
    birthDate: "2003-04-02",
    nationality,
  };
}
