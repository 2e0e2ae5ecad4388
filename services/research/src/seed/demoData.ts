// Demo data (clearly marked: `demo: true`, "(demo)" in names): fictitious people and
// companies, generated deterministically so that re-running the seed converges on the
// same records instead of duplicating them.
import { demoSurnames, pick, seededRandom } from "@intl/subgraph";
import type { FacultyDetails } from "../domain/faculty.ts";
import type { FacultyMobilityState } from "../domain/facultyMobility.ts";
import type { CollaborationDimension, CollaborationType, ResearchDomain } from "../domain/vocabulary.ts";

function pad(n: number): string {
  return String(n).padStart(3, "0");
}

export interface DemoCentre {
  id: string;
  code: string;
  name: string;
  domains: ResearchDomain[];
}

/** The school's research centres (demo names), their domains the seed's PhD domains of excellence. */
export const demoCentres: DemoCentre[] = [
  {
    id: "centre-demo-cmp",
    code: "CMP",
    name: "Centre for Microelectronics in Provence (demo)",
    domains: ["MICROELECTRONICS", "COMPUTER_SCIENCE"],
  },
  {
    id: "centre-demo-cis",
    code: "CIS",
    name: "Centre for Biomedical and Healthcare Engineering (demo)",
    domains: ["BIOMEDICAL", "MATERIALS"],
  },
  {
    id: "centre-demo-sms",
    code: "SMS",
    name: "Materials and Structures Science Centre (demo)",
    domains: ["MATERIALS", "MECHANICS"],
  },
  {
    id: "centre-demo-spin",
    code: "SPIN",
    name: "Centre for Processes, Industry and Natural Environment (demo)",
    domains: ["CHEMICAL_PROCESSES", "ENERGY", "INDUSTRIAL_AND_ENVIRONMENTAL_ENGINEERING"],
  },
  {
    id: "centre-demo-fayol",
    code: "FAYOL",
    name: "Henri Fayol Institute: industrial engineering and computer science (demo)",
    domains: ["INDUSTRIAL_AND_ENVIRONMENTAL_ENGINEERING", "COMPUTER_SCIENCE"],
  },
];

const firstNames = [
  "Camille",
  "Julien",
  "Sophie",
  "Nicolas",
  "Claire",
  "Thomas",
  "Amélie",
  "Antoine",
  "Léa",
  "Mathieu",
  "Chloé",
  "Pierre",
  "Inès",
  "Hugo",
  "Manon",
  "Karim",
  "Yasmine",
  "Olivier",
  "Élise",
  "Vincent",
  "Lucía",
  "Marco",
  "Anna",
  "Wei",
  "Priya",
  "Rafael",
  "Nadia",
  "David",
  "Hélène",
  "Sébastien",
];
const extraLanguages = ["es", "de", "it", "pt", "zh", "ar", "ja"];

export interface DemoFaculty extends FacultyDetails {
  id: string;
  hdr: boolean;
}

// Three in eight faculty members hold the HDR (37.5 %), spread evenly over the centres.
const HDR_PATTERN = [1, 4, 6];
const HDR_PATTERN_LENGTH = 8;

/** `count` faculty members spread over the centres; 37.5 % hold the HDR. */
export function demoFaculty(count: number): DemoFaculty[] {
  const random = seededRandom(2026);
  return Array.from({ length: count }, (_, index) => {
    const centre = demoCentres[index % demoCentres.length] as DemoCentre;
    const firstName = pick(random, firstNames);
    const lastName = pick(random, demoSurnames);
    const domains = random() < 0.4 ? centre.domains.slice(0, 2) : [pick(random, centre.domains)];
    const languages = random() < 0.45 ? ["fr", "en", pick(random, extraLanguages)] : ["fr", "en"];
    const number = pad(index + 1);
    return {
      id: `fac-demo-${number}`,
      firstName,
      lastName: `${lastName} (demo)`,
      email: `${firstName}.${lastName}.${number}@demo.emse.example`
        .normalize("NFD")
        .replace(/[\u0300-\u036f]/g, "")
        .toLowerCase(),
      centreId: centre.id,
      domains: [...new Set(domains)],
      languages: [...new Set(languages)],
      hdr: HDR_PATTERN.includes(index % HDR_PATTERN_LENGTH),
    };
  });
}

const demoCompanies = [
  "Demo Microsystems SA",
  "Demo Aerostructures SAS",
  "Demo MedTech GmbH",
  "Demo Energy Storage Ltd",
  "Demo Process Engineering SpA",
  "Demo Industrial Software Inc",
];

const topicsByDomain: Record<ResearchDomain, string[]> = {
  MICROELECTRONICS: ["Secure embedded systems", "Flexible electronics", "Hardware security of IoT chips"],
  BIOMEDICAL: ["Bioresorbable implants", "Tissue engineering scaffolds", "Wearable health sensors"],
  INDUSTRIAL_AND_ENVIRONMENTAL_ENGINEERING: [
    "Circular supply chains",
    "Industrial ecology",
    "Lean and green production",
  ],
  COMPUTER_SCIENCE: ["Process mining", "Trustworthy machine learning", "Optimisation for logistics"],
  MATERIALS: ["Additive manufacturing of alloys", "Ceramic composites", "Corrosion of light alloys"],
  MECHANICS: ["Fatigue of welded structures", "Tribology of coatings", "Multiscale modelling of metals"],
  CHEMICAL_PROCESSES: ["Catalysis for e-fuels", "Granular process engineering", "CO2 capture"],
  ENERGY: ["Hydrogen storage", "Geothermal energy", "Energy efficiency of buildings"],
};

export interface DemoInstitution {
  id: string;
  countryCode: string;
}

export type DemoCollaborationTarget = "PLANNED" | "ONGOING" | "ENDED";

export interface DemoCollaboration {
  id: string;
  title: string;
  type: CollaborationType;
  institutionIds: string[];
  companies: string[];
  leadFacultyId: string;
  startDate: string;
  endDate: string | null;
  funding: { amount: number; currency: string; funder: string } | null;
  dimensions: CollaborationDimension[];
  description: string;
  target: DemoCollaborationTarget;
  /** For ENDED: the day it ended (always past). */
  endedOn: string | null;
}

const collaborationTypes: CollaborationType[] = [
  "JOINT_RESEARCH",
  "JOINT_RESEARCH",
  "JOINT_RESEARCH",
  "COTUTELLE",
  "COTUTELLE",
  "APPLIED_RESEARCH_FOR_COMPANY",
  "JOINT_PUBLICATION",
  "JOINT_LAB",
  "OTHER",
];

/**
 * Up to three collaborations per demo institution (every institution gets at least
 * one, so strategic partners gain research evidence), led by demo faculty.
 * `currentYear` is the first calendar year of the current academic year.
 */
export function demoCollaborations(
  institutions: DemoInstitution[],
  faculty: DemoFaculty[],
  currentYear: number,
): DemoCollaboration[] {
  const random = seededRandom(130);
  const collaborations: DemoCollaboration[] = [];
  institutions.forEach((institution, index) => {
    const count = 1 + Math.floor(random() * 3);
    for (let k = 0; k < count; k++) {
      const lead = pick(random, faculty);
      const domain = pick(random, lead.domains);
      const type = pick(random, collaborationTypes);
      const companies =
        type === "APPLIED_RESEARCH_FOR_COMPANY" || random() < 0.15 ? [pick(random, demoCompanies)] : [];
      const startYear = currentYear - 1 - Math.floor(random() * 5);
      const roll = random();
      const target: DemoCollaborationTarget = roll < 0.7 ? "ONGOING" : roll < 0.85 ? "ENDED" : "PLANNED";
      const startDate =
        target === "PLANNED" ? `${currentYear + 1}-01-15` : `${startYear}-${random() < 0.5 ? "01" : "09"}-15`;
      const plannedEnd = target === "PLANNED" ? `${currentYear + 4}-01-14` : `${startYear + 4}-12-31`;
      const endedOn = target === "ENDED" ? `${Math.min(startYear + 2, currentYear - 1)}-12-31` : null;
      collaborations.push({
        id: `col-demo-${pad(collaborations.length + 1)}`,
        title: `${pick(random, topicsByDomain[domain])} (demo ${index + 1}.${k + 1})`,
        type,
        institutionIds: [institution.id],
        companies,
        leadFacultyId: lead.id,
        startDate,
        endDate: plannedEnd,
        funding:
          random() < 0.6
            ? {
                amount: 50_000 + Math.round(random() * 45) * 10_000,
                currency: "EUR",
                funder: pick(random, ["ANR", "Horizon Europe", "Région AURA", "Company contract"]),
              }
            : null,
        dimensions: type === "OTHER" ? ["SCIENTIFIC_CULTURE"] : random() < 0.2 ? ["SCIENTIFIC_CULTURE"] : [],
        description: "Demo collaboration generated by the research seed.",
        target,
        endedOn,
      });
    }
  });
  return collaborations;
}

/** A mobility as planned (what the service adds itself left out), and whether it took place. */
export interface DemoFacultyMobility extends Omit<
  FacultyMobilityState,
  "status" | "completedAt" | "version" | "demo"
> {
  complete: boolean;
}

const purposes = [
  "Teaching a short course",
  "Joint research stay",
  "Conference and lab visit",
  "Thesis defence jury",
  "Co-supervision meeting",
];

/** Outgoing stays (mostly in the two past academic years, some planned) and hostings of foreign peers. */
export function demoFacultyMobilities(
  institutions: DemoInstitution[],
  faculty: DemoFaculty[],
  currentYear: number,
): DemoFacultyMobility[] {
  const random = seededRandom(42);
  const mobilities: DemoFacultyMobility[] = [];
  const outgoing = Math.min(80, Math.round(faculty.length * 0.3));
  for (let i = 0; i < outgoing; i++) {
    const past = random() < 0.8;
    const year = past ? currentYear - Math.floor(random() * 2) : currentYear + 1;
    const month = 1 + Math.floor(random() * 5); // January to May of the academic year's second calendar year
    mobilities.push({
      id: `fmob-demo-${pad(mobilities.length + 1)}`,
      direction: "OUTGOING",
      facultyId: pick(random, faculty).id,
      institutionId: pick(random, institutions).id,
      guestName: null,
      purpose: pick(random, purposes),
      startDate: `${year}-0${month}-05`,
      endDate: `${year}-0${month}-19`,
      complete: past,
    });
  }
  const incoming = Math.round(outgoing / 2);
  for (let i = 0; i < incoming; i++) {
    const year = currentYear - Math.floor(random() * 2);
    mobilities.push({
      id: `fmob-demo-${pad(mobilities.length + 1)}`,
      direction: "INCOMING",
      facultyId: random() < 0.8 ? pick(random, faculty).id : null,
      institutionId: pick(random, institutions).id,
      guestName: `Dr. ${pick(random, firstNames)} ${pick(random, demoSurnames)} (demo guest)`,
      purpose: pick(random, purposes),
      startDate: `${year}-03-02`,
      endDate: `${year}-03-27`,
      complete: true,
    });
  }
  return mobilities;
}

export interface DemoPhdPosition {
  id: string;
  subject: string;
  domain: ResearchDomain;
  supervisorId: string;
  coSupervisor: { fullName: string; institutionId: string } | null;
  academicYear: string;
  /** Candidates added directly (fictitious names). */
  candidates: {
    fullName: string;
    institutionId: string | null;
    scores: { scientificExcellence: number; motivation: number; professionalProject: number };
  }[];
  /** Whether the supervisor selects the first candidate. */
  select: boolean;
}

/** A few PhD positions supervised by HDR faculty, some co-supervised at a partner, two already filled. */
export function demoPhdPositions(
  institutions: DemoInstitution[],
  faculty: DemoFaculty[],
  currentYear: number,
): DemoPhdPosition[] {
  const random = seededRandom(8);
  const supervisors = faculty.filter((member) => member.hdr);
  return Array.from({ length: Math.min(8, supervisors.length) }, (_, index) => {
    const supervisor = supervisors[(index * 7) % supervisors.length] as DemoFaculty;
    const domain = supervisor.domains[0] as ResearchDomain;
    const partner = institutions.length > 0 && index % 2 === 0 ? pick(random, institutions) : null;
    const candidateCount = index < 4 ? 2 : 0;
    return {
      id: `phd-demo-${pad(index + 1)}`,
      subject: `${pick(random, topicsByDomain[domain])}: doctoral project (demo)`,
      domain,
      supervisorId: supervisor.id,
      coSupervisor: partner
        ? {
            fullName: `Prof. ${pick(random, firstNames)} ${pick(random, demoSurnames)} (demo)`,
            institutionId: partner.id,
          }
        : null,
      academicYear: `${currentYear + 1}-${currentYear + 2}`,
      candidates: Array.from({ length: candidateCount }, () => ({
        fullName: `${pick(random, firstNames)} ${pick(random, demoSurnames)} (demo candidate)`,
        institutionId: partner?.id ?? null,
        scores: {
          scientificExcellence: 10 + Math.round(random() * 10),
          motivation: 10 + Math.round(random() * 10),
          professionalProject: 10 + Math.round(random() * 10),
        },
      })),
      select: index < 2,
    };
  });
}
