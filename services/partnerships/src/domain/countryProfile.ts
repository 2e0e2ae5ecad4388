import { DomainError, ErrorKind, InputErrors, enumOf, type EnumValue } from "@intl/errors";
import { countryName, isIsoCountryCode, zoneOf, type Zone } from "./countryCodes.ts";
import { PartnershipsReason } from "./errors.ts";
import { optionalText } from "./inputChecks.ts";

/**
 * IMT_PRIORITY: the school acts there through the IMT network (China, India, Brazil).
 * SCHOOL_TARGET: one of the school's own target countries. NONE: not targeted,
 * which never forbids a partner there.
 */
export const CountryPriority = enumOf("IMT_PRIORITY", "SCHOOL_TARGET", "NONE");
export type CountryPriority = EnumValue<typeof CountryPriority>;

/** The selection criteria of the seed, each scored 0 (poor) to 5 (excellent); null when not scored yet. */
export interface CountryScores {
  economicPotential: number | null;
  academicLevel: number | null;
  feasibility: {
    priorKnowledge: number | null;
    acceptability: number | null;
    stability: number | null;
    sharedWill: number | null;
    roomForProgress: number | null;
  };
}

export interface CountryProfile {
  code: string;
  name: string;
  zone: Zone;
  imtPriority: boolean;
  schoolTarget: boolean;
  scores: CountryScores;
  note: string | null;
}

export interface CountryProfileInput {
  code: string;
  imtPriority: boolean;
  schoolTarget: boolean;
  scores?:
    | (Partial<Omit<CountryScores, "feasibility">> & {
        feasibility?: Partial<CountryScores["feasibility"]> | null;
      })
    | null;
  note?: string | null;
}

export const maxScore = 5;
const maxNoteLength = 1000;

/** IMT priority outranks the school's own targeting (Brazil is both). */
export function priorityOf(profile: Pick<CountryProfile, "imtPriority" | "schoolTarget">): CountryPriority {
  if (profile.imtPriority) return CountryPriority.IMT_PRIORITY;
  if (profile.schoolTarget) return CountryPriority.SCHOOL_TARGET;
  return CountryPriority.NONE;
}

/** Throws BAD_USER_INPUT naming `field` unless `code` is an assigned ISO 3166-1 alpha-2 code. */
export function requireCountryCode(code: string, field: string): string {
  const normalised = code.trim().toUpperCase();
  if (!isIsoCountryCode(normalised)) {
    throw new DomainError(
      ErrorKind.BAD_USER_INPUT,
      PartnershipsReason.COUNTRY_CODE_UNKNOWN,
      `${field} must be an assigned ISO 3166-1 alpha-2 country code, got "${code}"`,
      { field },
    );
  }
  return normalised;
}

function checkScore(errors: InputErrors, value: number | null | undefined, field: string): number | null {
  if (value === null || value === undefined) return null;
  errors.check(
    Number.isInteger(value) && value >= 0 && value <= maxScore,
    PartnershipsReason.COUNTRY_SCORE_OUT_OF_RANGE,
    field,
    `${field} must be a whole score from 0 to ${maxScore}`,
  );
  return value;
}

/** A country the office has not profiled yet: its zone, no priority, no scores. */
export function unprofiledCountry(code: string): CountryProfile {
  return {
    code,
    name: countryName(code),
    zone: zoneOf(code),
    imtPriority: false,
    schoolTarget: false,
    scores: emptyScores(),
    note: null,
  };
}

export function emptyScores(): CountryScores {
  return {
    economicPotential: null,
    academicLevel: null,
    feasibility: {
      priorKnowledge: null,
      acceptability: null,
      stability: null,
      sharedWill: null,
      roomForProgress: null,
    },
  };
}

/** Validates the office's profile of a country: priority flags, criterion scores and a note. */
export function profileCountry(input: CountryProfileInput): CountryProfile {
  const code = requireCountryCode(input.code, "input.code");
  const errors = new InputErrors();
  const scores = input.scores ?? {};
  const feasibility = scores.feasibility ?? {};
  const note = optionalText(errors, input.note, maxNoteLength, "input.note");
  const profile: CountryProfile = {
    code,
    name: countryName(code),
    zone: zoneOf(code),
    imtPriority: input.imtPriority,
    schoolTarget: input.schoolTarget,
    note,
    scores: {
      economicPotential: checkScore(errors, scores.economicPotential, "input.scores.economicPotential"),
      academicLevel: checkScore(errors, scores.academicLevel, "input.scores.academicLevel"),
      feasibility: {
        priorKnowledge: checkScore(
          errors,
          feasibility.priorKnowledge,
          "input.scores.feasibility.priorKnowledge",
        ),
        acceptability: checkScore(
          errors,
          feasibility.acceptability,
          "input.scores.feasibility.acceptability",
        ),
        stability: checkScore(errors, feasibility.stability, "input.scores.feasibility.stability"),
        sharedWill: checkScore(errors, feasibility.sharedWill, "input.scores.feasibility.sharedWill"),
        roomForProgress: checkScore(
          errors,
          feasibility.roomForProgress,
          "input.scores.feasibility.roomForProgress",
        ),
      },
    },
  };
  errors.throwIfAny();
  return profile;
}

function average(values: (number | null)[]): number | null {
  const scored = values.filter((v): v is number => v !== null);
  if (scored.length === 0) return null;
  return Math.round((scored.reduce((sum, v) => sum + v, 0) / scored.length) * 100) / 100;
}

/** Feasibility is the mean of its five sub-criteria that are scored. */
export function feasibilityScore(scores: CountryScores): number | null {
  return average(Object.values(scores.feasibility));
}

/** The overall score weighs the three criteria equally (feasibility as its mean). */
export function overallScore(scores: CountryScores): number | null {
  return average([scores.economicPotential, scores.academicLevel, feasibilityScore(scores)]);
}
