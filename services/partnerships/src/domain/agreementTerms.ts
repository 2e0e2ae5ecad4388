import { InputErrors, type EnumValue } from "@intl/errors";
import { agreementType } from "@intl/events";
import {
  compareAcademicYears,
  isAcademicYear,
  isCalendarDate,
  lastDayOf,
  calendarDateOf,
  type AcademicYear,
  type CalendarDate,
} from "./academicYear.ts";
import { PartnershipsReason } from "./errors.ts";
import { optionalText } from "./inputChecks.ts";

/** The agreement types of the published contract. */
export const AgreementType = agreementType.enum;
export type AgreementType = EnumValue<typeof AgreementType>;

export const CefrLevel = { A1: "A1", A2: "A2", B1: "B1", B2: "B2", C1: "C1", C2: "C2" } as const;
export type CefrLevel = (typeof CefrLevel)[keyof typeof CefrLevel];

export interface LanguageRequirement {
  /** ISO 639-1 code, lower case: "en", "fr", "es". */
  language: string;
  level: CefrLevel;
}

/** What an agreement allows: who, at which level, how many, in which years. */
export interface AgreementTerms {
  type: AgreementType;
  title: string | null;
  programmeCodes: string[];
  eqfLevels: number[];
  iscedFields: string[];
  seatsOutgoingPerYear: number;
  seatsIncomingPerYear: number;
  languageRequirements: LanguageRequirement[];
  firstAcademicYear: AcademicYear;
  lastAcademicYear: AcademicYear;
  signedByPartnerOn: CalendarDate | null;
  signedBySchoolOn: CalendarDate | null;
}

export type AgreementTermsInput = Omit<
  AgreementTerms,
  | "title"
  | "programmeCodes"
  | "eqfLevels"
  | "iscedFields"
  | "languageRequirements"
  | "signedByPartnerOn"
  | "signedBySchoolOn"
> & {
  title?: string | null;
  programmeCodes?: string[] | null;
  eqfLevels?: number[] | null;
  iscedFields?: string[] | null;
  languageRequirements?: LanguageRequirement[] | null;
  signedByPartnerOn?: string | null;
  signedBySchoolOn?: string | null;
};

/** Codes of the students service's programmes: ICM, ISMIN, MSC-DATA-SCIENCE, or a family: MSC, PHD, EXCHANGE... */
const programmeCodePattern = /^[A-Z][A-Z0-9-]{1,39}$/;
/** ISCED-F 2013 detailed fields: broad field 00-10 (or 99, unknown), then two digits. */
const iscedFieldPattern = /^(0\d|10|99)\d{2}$/;
const languagePattern = /^[a-z]{2}$/;
const cefrLevels = new Set<string>(Object.values(CefrLevel));
export const maxSeatsPerYear = 500;
const maxTitleLength = 200;

/** Types that move students: they must say whom they cover and offer a seat. */
const studentExchangeTypes = new Set<AgreementType>([AgreementType.EXCHANGE, AgreementType.DOUBLE_DEGREE]);

function duplicates<T>(values: T[]): T[] {
  return values.filter((value, index) => values.indexOf(value) !== index);
}

/**
 * Validates the terms of an agreement being drafted or amended, as of `now`:
 * consistent academic years (first ≤ last), well-formed programme codes, EQF
 * levels, ISCED-F fields, CEFR requirements, seats, and signature dates that
 * are neither in the future nor after the agreement's last day. Reports every
 * bad field at once; nothing is written when it throws.
 */
export function validateAgreementTerms(input: AgreementTermsInput, now: Date): AgreementTerms {
  const errors = new InputErrors();
  const title = optionalText(errors, input.title, maxTitleLength, "input.title");

  const programmeCodes = (input.programmeCodes ?? []).map((code) => code.trim().toUpperCase());
  programmeCodes.forEach((code, index) =>
    errors.check(
      programmeCodePattern.test(code),
      PartnershipsReason.PROGRAMME_CODE_INVALID,
      `input.programmeCodes[${index}]`,
      `input.programmeCodes[${index}] must be a programme code like ICM, ISMIN, MSC-DATA-SCIENCE or PHD`,
    ),
  );
  errors.check(
    duplicates(programmeCodes).length === 0,
    PartnershipsReason.DUPLICATE_VALUE,
    "input.programmeCodes",
    `input.programmeCodes lists ${duplicates(programmeCodes).join(", ")} more than once`,
  );

  const eqfLevels = input.eqfLevels ?? [];
  eqfLevels.forEach((level, index) =>
    errors.check(
      Number.isInteger(level) && level >= 1 && level <= 8,
      PartnershipsReason.EQF_LEVEL_INVALID,
      `input.eqfLevels[${index}]`,
      `input.eqfLevels[${index}] must be an EQF level from 1 to 8`,
    ),
  );
  errors.check(
    duplicates(eqfLevels).length === 0,
    PartnershipsReason.DUPLICATE_VALUE,
    "input.eqfLevels",
    "input.eqfLevels lists a level more than once",
  );

  const iscedFields = (input.iscedFields ?? []).map((field) => field.trim());
  iscedFields.forEach((field, index) =>
    errors.check(
      iscedFieldPattern.test(field),
      PartnershipsReason.ISCED_FIELD_INVALID,
      `input.iscedFields[${index}]`,
      `input.iscedFields[${index}] must be a four-digit ISCED-F 2013 field code like 0714`,
    ),
  );
  errors.check(
    duplicates(iscedFields).length === 0,
    PartnershipsReason.DUPLICATE_VALUE,
    "input.iscedFields",
    "input.iscedFields lists a field more than once",
  );

  if (studentExchangeTypes.has(input.type)) {
    errors.check(
      programmeCodes.length > 0 || eqfLevels.length > 0,
      PartnershipsReason.AGREEMENT_COVERS_NOTHING,
      "input.programmeCodes",
      `a ${input.type} agreement must cover at least one programme code or EQF level`,
    );
  }

  for (const key of ["seatsOutgoingPerYear", "seatsIncomingPerYear"] as const) {
    const seats = input[key];
    errors.check(
      Number.isInteger(seats) && seats >= 0 && seats <= maxSeatsPerYear,
      PartnershipsReason.SEATS_INVALID,
      `input.${key}`,
      `input.${key} must be a whole number from 0 to ${maxSeatsPerYear}`,
    );
  }
  if (studentExchangeTypes.has(input.type)) {
    errors.check(
      input.seatsOutgoingPerYear + input.seatsIncomingPerYear > 0,
      PartnershipsReason.AGREEMENT_NO_SEATS,
      "input.seatsOutgoingPerYear",
      `a ${input.type} agreement must offer at least one seat per year in one direction`,
    );
  }

  const languageRequirements = (input.languageRequirements ?? []).map((requirement) => ({
    language: requirement.language.trim().toLowerCase(),
    level: requirement.level,
  }));
  languageRequirements.forEach((requirement, index) => {
    errors.check(
      languagePattern.test(requirement.language),
      PartnershipsReason.LANGUAGE_REQUIREMENT_INVALID,
      `input.languageRequirements[${index}].language`,
      `input.languageRequirements[${index}].language must be an ISO 639-1 code like en or fr`,
    );
    errors.check(
      cefrLevels.has(requirement.level),
      PartnershipsReason.LANGUAGE_REQUIREMENT_INVALID,
      `input.languageRequirements[${index}].level`,
      `input.languageRequirements[${index}].level must be a CEFR level from A1 to C2`,
    );
  });
  const languages = languageRequirements.map((requirement) => requirement.language);
  errors.check(
    duplicates(languages).length === 0,
    PartnershipsReason.DUPLICATE_VALUE,
    "input.languageRequirements",
    "input.languageRequirements names a language more than once",
  );

  const yearsValid = isAcademicYear(input.firstAcademicYear) && isAcademicYear(input.lastAcademicYear);
  errors.check(
    isAcademicYear(input.firstAcademicYear),
    PartnershipsReason.ACADEMIC_YEAR_INVALID,
    "input.firstAcademicYear",
    "input.firstAcademicYear must be two consecutive years like 2025-2026",
  );
  errors.check(
    isAcademicYear(input.lastAcademicYear),
    PartnershipsReason.ACADEMIC_YEAR_INVALID,
    "input.lastAcademicYear",
    "input.lastAcademicYear must be two consecutive years like 2025-2026",
  );
  if (yearsValid) {
    errors.check(
      compareAcademicYears(input.firstAcademicYear, input.lastAcademicYear) <= 0,
      PartnershipsReason.AGREEMENT_YEARS_INVERTED,
      "input.lastAcademicYear",
      `input.lastAcademicYear (${input.lastAcademicYear}) must not come before input.firstAcademicYear (${input.firstAcademicYear})`,
    );
  }

  const today = calendarDateOf(now);
  const signatures: Record<"signedByPartnerOn" | "signedBySchoolOn", CalendarDate | null> = {
    signedByPartnerOn: null,
    signedBySchoolOn: null,
  };
  for (const key of ["signedByPartnerOn", "signedBySchoolOn"] as const) {
    const raw = input[key]?.trim();
    if (!raw) continue;
    const field = `input.${key}`;
    if (!isCalendarDate(raw)) {
      errors.add(PartnershipsReason.INVALID_DATE, field, `${field} must be a calendar date like 2025-09-01`);
      continue;
    }
    signatures[key] = raw;
    errors.check(
      raw <= today,
      PartnershipsReason.DATE_IN_FUTURE,
      field,
      `${field} (${raw}) cannot be in the future`,
    );
    if (isAcademicYear(input.lastAcademicYear)) {
      errors.check(
        raw <= lastDayOf(input.lastAcademicYear),
        PartnershipsReason.AGREEMENT_SIGNED_AFTER_END,
        field,
        `${field} (${raw}) is after the agreement's last day (${lastDayOf(input.lastAcademicYear)})`,
      );
    }
  }

  errors.throwIfAny();
  return {
    type: input.type,
    title,
    programmeCodes,
    eqfLevels: [...eqfLevels].sort((a, b) => a - b),
    iscedFields,
    seatsOutgoingPerYear: input.seatsOutgoingPerYear,
    seatsIncomingPerYear: input.seatsIncomingPerYear,
    languageRequirements,
    firstAcademicYear: input.firstAcademicYear,
    lastAcademicYear: input.lastAcademicYear,
    ...signatures,
  };
}
