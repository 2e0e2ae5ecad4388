import { enumOf, type EnumValue, type InputErrors } from "@intl/errors";
import { StudentsReason } from "./errors.ts";
/**
 * The school's programmes open to international students (DOMAIN.md,
 * "Programmes and students"). Codes are shared vocabulary with the partnerships
 * service: an agreement's `programmeCodes` name them, or a whole family.
 */

export const ProgrammeKind = enumOf("ENGINEERING", "MSC", "PHD", "EXCHANGE");
export type ProgrammeKind = EnumValue<typeof ProgrammeKind>;

export interface Programme {
  code: string;
  kind: ProgrammeKind;
  title: string;
  /** European Qualifications Framework level: 7 master / engineering degree, 8 doctorate. */
  eqfLevel: number;
  /** Language of instruction, ISO 639-1. */
  language: "fr" | "en";
  /** ECTS credits of the whole programme at the school (PhD: none). */
  ects: number | null;
  durationSemesters: number;
  /** Engineering programmes admit international students on file into the second year. */
  admissionYear: number;
  awardsDegree: boolean;
  /** True for programmes the seed does not name but which fill its "10 MSc in English". */
  extrapolated: boolean;
  description: string;
}

const engineering = (code: string, title: string, description: string): Programme => ({
  code,
  kind: ProgrammeKind.ENGINEERING,
  title,
  eqfLevel: 7,
  language: "fr",
  ects: 120,
  durationSemesters: 4,
  admissionYear: 2,
  awardsDegree: true,
  extrapolated: false,
  description,
});

const msc = (code: string, title: string, extrapolated = false): Programme => ({
  code,
  kind: ProgrammeKind.MSC,
  title,
  eqfLevel: 7,
  language: "en",
  ects: 120,
  durationSemesters: 4,
  admissionYear: 1,
  awardsDegree: true,
  extrapolated,
  description: `Master of Science taught fully in English: ${title.replace(/^MSc /, "").toLowerCase()}.`,
});

const phd = (code: string, domain: string): Programme => ({
  code,
  kind: ProgrammeKind.PHD,
  title: `PhD in ${domain}`,
  eqfLevel: 8,
  language: "en",
  ects: null,
  durationSemesters: 6,
  admissionYear: 1,
  awardsDegree: true,
  extrapolated: false,
  description: `Doctorate in the domain of excellence "${domain.toLowerCase()}", supervised by HDR faculty.`,
});

const exchange = (code: string, semesters: number): Programme => ({
  code,
  kind: ProgrammeKind.EXCHANGE,
  title: `Exchange study, ${semesters === 1 ? "one semester" : "two semesters"}`,
  eqfLevel: 7,
  language: "fr",
  ects: 30 * semesters,
  durationSemesters: semesters,
  admissionYear: 1,
  awardsDegree: false,
  extrapolated: false,
  description:
    "Non-degree study; the credits earned are recognised by the home university through its equivalence system.",
});

export const programmes: readonly Programme[] = [
  engineering(
    "ICM",
    "Ingénieur civil des mines",
    "General engineering degree; admission on file into the second year, two years.",
  ),
  engineering(
    "ISMIN",
    "Ingénieur spécialisé en microélectronique et informatique",
    "Microelectronics and computer science engineering degree; admission on file into the second year, two years.",
  ),
  msc("MSC-ADVANCED-MATERIALS", "MSc Advanced Materials"),
  msc("MSC-COMPUTER-SCIENCE", "MSc Computer Science"),
  msc("MSC-TRIBOLOGY", "MSc Tribology"),
  msc("MSC-ELECTRONICS", "MSc Electronics"),
  msc("MSC-BIOMEDICAL", "MSc Biomedical Engineering"),
  msc("MSC-PROCESSES-ENERGY", "MSc Processes and Energy"),
  msc("MSC-APPLIED-MATHEMATICS", "MSc Applied Mathematics"),
  msc("MSC-DATA-SCIENCE", "MSc Data Science"),
  // The seed counts ten English-taught MSc but names eight; these two are plausible
  // completions on the school's themes, marked `extrapolated`.
  msc("MSC-CYBER-PHYSICAL-SYSTEMS", "MSc Cyber-Physical Systems", true),
  msc("MSC-INDUSTRIAL-ENVIRONMENTAL", "MSc Industrial and Environmental Engineering", true),
  phd("PHD-MICROELECTRONICS", "Microelectronics"),
  phd("PHD-BIOMEDICAL", "Biomedical Engineering"),
  phd("PHD-INDUSTRIAL-ENVIRONMENTAL", "Industrial and Environmental Engineering"),
  phd("PHD-COMPUTER-SCIENCE", "Computer Science"),
  phd("PHD-MATERIALS", "Materials"),
  phd("PHD-MECHANICS", "Mechanics"),
  phd("PHD-CHEMICAL-PROCESSES", "Chemical Processes"),
  phd("PHD-ENERGY", "Energy"),
  exchange("EXCHANGE-1S", 1),
  exchange("EXCHANGE-2S", 2),
];

const byCode = new Map(programmes.map((programme) => [programme.code, programme]));

export function findProgramme(code: string): Programme | undefined {
  return byCode.get(code);
}

/** The programme `code` names; when there is none, an UNKNOWN_PROGRAMME fault on `field` in `errors`. */
export function checkedProgramme(code: string, errors: InputErrors, field: string): Programme | undefined {
  const programme = findProgramme(code);
  errors.check(
    programme !== undefined,
    StudentsReason.UNKNOWN_PROGRAMME,
    field,
    `Unknown programme ${code}.`,
  );
  return programme;
}

/** Degree applications (engineering double degree, MSc) need a completed interview before admission. */
export function requiresInterview(programme: Programme): boolean {
  return programme.kind === ProgrammeKind.ENGINEERING || programme.kind === ProgrammeKind.MSC;
}

/** Students bound by the 100 % outgoing mobility rule: engineering students and PhD candidates. */
export function isBoundByMobilityRule(programme: Programme): boolean {
  return programme.kind === ProgrammeKind.ENGINEERING || programme.kind === ProgrammeKind.PHD;
}
