import { academicYearAt, academicYearStartingIn, startingYear } from "../domain/academicYear.ts";
import type { AgreementTermsInput, AgreementType } from "../domain/agreementTerms.ts";
import { rorChecksum } from "../domain/institutionIdentifiers.ts";
import type { InstitutionDetailsInput } from "../domain/institutionRegistration.ts";
import type { OfficeEvidenceInput } from "../domain/partnershipEvidence.ts";
import type { PlannedActionInput } from "../domain/strategicPartnership.ts";
import { pick, seededRandom } from "@intl/subgraph";
import { demoInstitutionNames, erasmusPrefixes, localLanguages } from "./demoInstitutionNames.ts";

/** Every demo id starts with this: the other services' seeds find the demo partners by it. */
export const demoInstitutionPrefix = "inst-demo-";

export interface DemoInstitution {
  id: string;
  input: InstitutionDetailsInput;
}

export type DemoAgreementTarget = "DRAFT" | "ACTIVE" | "EXPIRED" | "TERMINATED";

export interface DemoAgreement {
  id: string;
  institutionId: string;
  terms: Omit<AgreementTermsInput, "signedByPartnerOn" | "signedBySchoolOn">;
  target: DemoAgreementTarget;
  signedByPartnerOn: string;
  signedBySchoolOn: string;
  /** When it was (or will be) activated: the seed replays the lifecycle at that time. */
  activatedAt: Date;
  terminationReason: string | null;
}

export interface DemoEvidence {
  institutionId: string;
  input: OfficeEvidenceInput;
}

export interface DemoPartners {
  institutions: DemoInstitution[];
  agreements: DemoAgreement[];
  evidence: DemoEvidence[];
  /** Institutions the office would designate strategic first (target and IMT countries), in order. */
  strategicCandidates: string[];
}

const pad = (n: number) => String(n).padStart(3, "0");
const rorAlphabet = "0123456789abcdefghjkmnpqrstvwxyz";

function slug(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 50)
    .replace(/-$/, "");
}

function demoRor(random: () => number): string {
  const first = `0${Array.from({ length: 6 }, () => pick(random, [...rorAlphabet])).join("")}`;
  return `${first}${rorChecksum(first)}`;
}

function erasmusCode(countryCode: string, city: string, index: number): string | null {
  const prefix = erasmusPrefixes[countryCode];
  if (!prefix) return null;
  const cityLetters = city
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toUpperCase()
    .replace(/[^A-Z]/g, "")
    .slice(0, 7);
  return `${prefix.padEnd(3, " ")}${cityLetters}${String(90 + (index % 10)).padStart(2, "0")}`;
}

const companies = [
  "Safran",
  "STMicroelectronics",
  "Michelin",
  "Framatome",
  "Orano",
  "Schneider Electric",
  "Saint-Gobain",
  "Thales",
];
const summerSchools = [
  "advanced materials",
  "microelectronics",
  "biomedical engineering",
  "industrial engineering",
  "energy transition",
  "data science",
];
const actionTitles = [
  "Joint summer school",
  "Faculty exchange week",
  "Double degree negotiation",
  "Co-supervised PhD call",
  "Industry day with partner companies",
  "Student exchange information tour",
  "Joint research seminar",
  "Review of the exchange agreement",
];

/**
 * About 130 demo partner institutions across the target countries, their
 * agreements (mostly ACTIVE, a few DRAFT, EXPIRED and TERMINATED) and some
 * office-recorded evidence, generated with a fixed seed relative to the
 * academic year of `now`: the same every run of that year. All marked demo.
 */
export function demoPartners(now: Date): DemoPartners {
  const random = seededRandom(20_250_901);
  const current = startingYear(academicYearAt(now));
  const institutions: DemoInstitution[] = [];
  const agreements: DemoAgreement[] = [];
  const evidence: DemoEvidence[] = [];
  const usedRor = new Set<string>();
  /** The next agreement, numbered in the order they are made. */
  const addAgreement = (
    institutionId: string,
    countryCode: string,
    type: AgreementType,
    target: DemoAgreementTarget,
  ) => {
    const agreementId = `agr-demo-${pad(agreements.length + 1)}`;
    agreements.push(demoAgreement(random, agreementId, institutionId, countryCode, type, target, current));
  };

  for (const [countryCode, names] of Object.entries(demoInstitutionNames)) {
    for (const [name, city] of names) {
      const index = institutions.length + 1;
      const id = `${demoInstitutionPrefix}${pad(index)}`;
      let ror = demoRor(random);
      while (usedRor.has(ror)) ror = demoRor(random);
      usedRor.add(ror);
      const domain = `${slug(name)}.demo.invalid`;
      institutions.push({
        id,
        input: {
          name: `${name} (demo)`,
          countryCode,
          city,
          website: `https://${domain}/`,
          identifiers: {
            schac: domain,
            erasmus: erasmusCode(countryCode, city, index),
            pic: String(990_000_000 + index * 37),
            ror,
          },
        },
      });

      const roll = random();
      const target: DemoAgreementTarget =
        roll < 0.86 ? "ACTIVE" : roll < 0.91 ? "EXPIRED" : roll < 0.95 ? "TERMINATED" : "DRAFT";
      addAgreement(id, countryCode, "EXCHANGE", target);
      if (random() < 0.12) {
        const type = pick<AgreementType>(random, [
          "DOUBLE_DEGREE",
          "DOUBLE_DEGREE",
          "RESEARCH",
          "INTERNSHIP",
          "OFFSHORE_TRAINING",
        ]);
        addAgreement(id, countryCode, type, "ACTIVE");
      }
      if (random() < 0.4) {
        const corporate = random() < 0.5;
        const month = 1 + Math.floor(random() * 6);
        evidence.push({
          institutionId: id,
          input: corporate
            ? {
                dimension: "CORPORATE_RELATIONS",
                description: `Internship programme with ${pick(random, companies)} for students of both schools (demo)`,
                occurredOn: `${current}-0${month}-15`,
              }
            : {
                dimension: "SCIENTIFIC_CULTURE",
                description: `Joint summer school on ${pick(random, summerSchools)} (demo)`,
                occurredOn: `${current}-07-0${month}`,
              },
        });
      }
    }
  }

  const priorityOrder = [
    "BR",
    "CN",
    "IN",
    "DE",
    "IT",
    "ES",
    "CO",
    "CL",
    "AR",
    "JP",
    "KR",
    "VN",
    "MA",
    "LB",
    "ZA",
    "SN",
    "CI",
  ];
  const strategicCandidates = priorityOrder.flatMap((countryCode) =>
    institutions
      .filter((institution) => institution.input.countryCode === countryCode)
      .map((institution) => institution.id),
  );
  return { institutions, agreements, evidence, strategicCandidates };
}

function demoAgreement(
  random: () => number,
  id: string,
  institutionId: string,
  countryCode: string,
  type: AgreementType,
  target: DemoAgreementTarget,
  current: number,
): DemoAgreement {
  const firstYear =
    target === "EXPIRED"
      ? current - 6
      : target === "DRAFT"
        ? current + 1
        : current - Math.floor(random() * 4);
  const length = target === "EXPIRED" ? 3 : 4 + Math.floor(random() * 2);
  const activationYear = target === "DRAFT" ? current : firstYear;
  const activatedAt = new Date(Date.UTC(activationYear, 6, 1, 9));
  const local = localLanguages[countryCode];
  const studentExchange = type === "EXCHANGE" || type === "DOUBLE_DEGREE";
  const programmes =
    type === "EXCHANGE"
      ? ["EXCHANGE", pick(random, ["ICM", "ISMIN"])]
      : type === "DOUBLE_DEGREE"
        ? [
            pick(random, [
              "ICM",
              "ISMIN",
              "MSC-ADVANCED-MATERIALS",
              "MSC-COMPUTER-SCIENCE",
              "MSC-DATA-SCIENCE",
            ]),
          ]
        : type === "RESEARCH"
          ? ["PHD"]
          : [];
  return {
    id,
    institutionId,
    target,
    activatedAt,
    signedByPartnerOn: `${activationYear}-05-${String(10 + Math.floor(random() * 15)).padStart(2, "0")}`,
    signedBySchoolOn: `${activationYear}-06-${String(1 + Math.floor(random() * 25)).padStart(2, "0")}`,
    terminationReason:
      target === "TERMINATED" ? "The partner closed the programme the exchange relied on (demo)" : null,
    terms: {
      type,
      title: `${type.replace("_", " ").toLowerCase()} agreement (demo)`,
      programmeCodes: programmes,
      eqfLevels: type === "RESEARCH" ? [8] : studentExchange ? [7] : [],
      iscedFields: [pick(random, ["0710", "0711", "0713", "0714", "0715", "0688", "0541"])],
      seatsOutgoingPerYear: studentExchange ? 1 + Math.floor(random() * 5) : 0,
      seatsIncomingPerYear: studentExchange ? 1 + Math.floor(random() * 5) : 0,
      languageRequirements: [
        { language: "en", level: "B2" },
        ...(local ? [{ language: local, level: "B1" as const }] : []),
      ],
      firstAcademicYear: academicYearStartingIn(firstYear),
      lastAcademicYear: academicYearStartingIn(firstYear + length - 1),
    },
  };
}

/** A five-year plan from the current academic year, one or two actions a year, the first ones under way. */
export function demoActionPlan(
  institutionIndex: number,
  now: Date,
): { firstAcademicYear: string; actions: PlannedActionInput[] } {
  const random = seededRandom(7_000 + institutionIndex);
  const first = startingYear(academicYearAt(now));
  const actions: PlannedActionInput[] = [];
  for (let offset = 0; offset < 5; offset++) {
    const count = 1 + Math.floor(random() * 2);
    for (let k = 0; k < count; k++) {
      actions.push({
        academicYear: academicYearStartingIn(first + offset),
        title: `${pick(random, actionTitles)} (demo)`,
        status: offset === 0 ? pick(random, ["IN_PROGRESS", "DONE", "PLANNED"] as const) : "PLANNED",
      });
    }
  }
  return { firstAcademicYear: academicYearStartingIn(first), actions };
}
