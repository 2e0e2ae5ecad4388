// Demo data (clearly marked: `demo: true`, "(demo)" in names): the school's yearly
// recruitment missions, with IMT in China and Brazil, alone in Morocco and Lebanon.
// Places are real; people, budgets and contacts are fictitious.
import type { NewCampaignInput } from "../domain/campaignDetails.ts";
import { MAX_SCORE } from "../domain/interviewScoring.ts";

export interface DemoMission {
  countryCode: string;
  countryName: string;
  mode: "JOINT_WITH_IMT" | "SCHOOL_ONLY";
  cities: string[];
  /** Month and days of the mission, in the spring of the academic year it takes place in. */
  month: number;
  firstDay: number;
  lastDay: number;
  /** First interview of the day, UTC hour (about 9:00 local time). */
  firstInterviewHourUtc: number;
  budgetEur: number;
}

export const demoMissions: DemoMission[] = [
  {
    countryCode: "CN",
    countryName: "China",
    mode: "JOINT_WITH_IMT",
    cities: ["Beijing", "Shanghai", "Wuhan"],
    month: 3,
    firstDay: 9,
    lastDay: 20,
    firstInterviewHourUtc: 1,
    budgetEur: 18000,
  },
  {
    countryCode: "BR",
    countryName: "Brazil",
    mode: "JOINT_WITH_IMT",
    cities: ["São Paulo", "Rio de Janeiro", "Belo Horizonte"],
    month: 5,
    firstDay: 4,
    lastDay: 15,
    firstInterviewHourUtc: 12,
    budgetEur: 15000,
  },
  {
    countryCode: "MA",
    countryName: "Morocco",
    mode: "SCHOOL_ONLY",
    cities: ["Rabat", "Casablanca"],
    month: 2,
    firstDay: 2,
    lastDay: 6,
    firstInterviewHourUtc: 8,
    budgetEur: 6000,
  },
  {
    countryCode: "LB",
    countryName: "Lebanon",
    mode: "SCHOOL_ONLY",
    cities: ["Beirut"],
    month: 4,
    firstDay: 13,
    lastDay: 17,
    firstInterviewHourUtc: 6,
    budgetEur: 5000,
  },
];

export const demoCountryCodes = demoMissions.map((mission) => mission.countryCode);

/** Degree programmes the missions recruit for: those whose admission needs an interview. */
export const demoProgrammeCodes = [
  "ICM",
  "ISMIN",
  "MSC-ADVANCED-MATERIALS",
  "MSC-COMPUTER-SCIENCE",
  "MSC-TRIBOLOGY",
  "MSC-ELECTRONICS",
  "MSC-BIOMEDICAL",
  "MSC-PROCESSES-ENERGY",
  "MSC-APPLIED-MATHEMATICS",
  "MSC-DATA-SCIENCE",
  "MSC-CYBER-PHYSICAL-SYSTEMS",
  "MSC-INDUSTRIAL-ENVIRONMENTAL",
];

/** The first calendar year of the academic year `now` is in (September to August). */
export function academicYearStart(now: Date): number {
  return now.getUTCMonth() >= 8 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
}

export function academicYearOf(start: number): string {
  return `${start}-${start + 1}`;
}

/**
 * The intakes to recruit for: a mission held in the spring of academic year Y
 * recruits for Y+1. The last three academic years' missions and the current one's,
 * plus any intake the demo nominations already ask for.
 */
export function demoIntakes(now: Date, nominationYears: readonly string[] = []): string[] {
  const current = academicYearStart(now);
  const missionYears = [current - 3, current - 2, current - 1, current];
  return [...new Set([...missionYears.map((year) => academicYearOf(year + 1)), ...nominationYears])].sort();
}

const pad = (value: number) => String(value).padStart(2, "0");

export interface KnownPartner {
  id: string;
  name: string;
}

/** The campaign of one mission for one intake, targeting the country's known partners. */
export function demoCampaignInput(
  mission: DemoMission,
  intake: string,
  partners: readonly KnownPartner[],
  facultyIds: readonly string[],
): NewCampaignInput {
  const missionYear = Number(intake.slice(0, 4));
  const targets = partners.slice(0, 6);
  const slug = (name: string) =>
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "partner";
  return {
    name: demoCampaignName(mission, intake),
    countryCode: mission.countryCode,
    academicYear: intake,
    cities: mission.cities,
    startDate: `${missionYear}-${pad(mission.month)}-${pad(mission.firstDay)}`,
    endDate: `${missionYear}-${pad(mission.month)}-${pad(mission.lastDay)}`,
    mode: mission.mode,
    targetInstitutionIds: targets.map((partner) => partner.id),
    programmeCodes: demoProgrammeCodes,
    facultyIds: [...facultyIds],
    staff: [
      { name: "Claire Martin (demo)", position: "international relations officer" },
      ...(mission.mode === "JOINT_WITH_IMT"
        ? [
            {
              name: `IMT representative in ${mission.countryName} (demo)`,
              position: "IMT local representative",
            },
          ]
        : []),
    ],
    budget: { amount: mission.budgetEur, currency: "EUR" },
    followUpContacts: targets.slice(0, 2).flatMap((partner) => [
      {
        name: `Programme officer, ${partner.name} (demo)`,
        role: "PROGRAMME_OFFICER",
        email: `programmes@${slug(partner.name)}.demo.example`,
        institutionId: partner.id,
      },
      {
        name: `International officer, ${partner.name} (demo)`,
        role: "INTERNATIONAL_OFFICER",
        email: `international@${slug(partner.name)}.demo.example`,
        institutionId: partner.id,
      },
    ]),
  };
}

export function demoCampaignName(mission: DemoMission, intake: string): string {
  return `${mission.countryName} recruitment mission for ${intake} (demo)`;
}

/** Three faculty members per mission, taken in turn from those known, so missions share the load. */
export function demoMissionFaculty(knownFacultyIds: readonly string[], missionIndex: number): string[] {
  if (knownFacultyIds.length === 0) return [];
  const count = Math.min(3, knownFacultyIds.length);
  return Array.from(
    { length: count },
    (_, offset) => knownFacultyIds[(missionIndex * 3 + offset) % knownFacultyIds.length] as string,
  );
}

/** The i-th on-site slot of a mission: eight 45-minute interviews a day, from the mission's first day. */
export function demoSlot(
  mission: DemoMission,
  intake: string,
  index: number,
): { start: string; end: string } | null {
  const days = mission.lastDay - mission.firstDay + 1;
  const day = Math.floor(index / 8);
  if (day >= days) return null;
  const start = new Date(
    Date.UTC(
      Number(intake.slice(0, 4)),
      mission.month - 1,
      mission.firstDay + day,
      mission.firstInterviewHourUtc,
      (index % 8) * 45,
    ),
  );
  return { start: start.toISOString(), end: new Date(start.getTime() + 45 * 60_000).toISOString() };
}

function hashOf(text: string): number {
  let hash = 2166136261;
  for (const character of text) hash = Math.imul(hash ^ character.charCodeAt(0), 16777619) >>> 0;
  return hash;
}

/** A panel member's deterministic demo scores for an application, 9 to 19 on each criterion. */
export function demoScores(applicationId: string, panelMemberId: string) {
  const criteria = [
    "ACADEMIC_LEVEL",
    "MOTIVATION",
    "LANGUAGE",
    "COMMUNICATION",
    "PROFESSIONAL_PROJECT",
  ] as const;
  return criteria.map((criterion) => ({
    criterion,
    value: Math.min(MAX_SCORE, 9 + (hashOf(`${applicationId}/${panelMemberId}/${criterion}`) % 11)),
  }));
}

/** The panel's recommendation follows its scores: 14 and above admit, 12 to 14 waitlist, below reject. */
export function demoRecommendation(meanScore: number): "ADMIT" | "WAITLIST" | "REJECT" {
  if (meanScore >= 14) return "ADMIT";
  if (meanScore >= 12) return "WAITLIST";
  return "REJECT";
}
