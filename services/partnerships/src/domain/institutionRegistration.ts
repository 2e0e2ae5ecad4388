import { InputErrors, isDomainError } from "@intl/errors";
import { zoneOf, type Zone } from "./countryCodes.ts";
import { requireCountryCode } from "./countryProfile.ts";
import { PartnershipsReason } from "./errors.ts";
import { checkLength, optionalText, optionalWebsite } from "./inputChecks.ts";
import {
  IdentifierKind,
  identifierField,
  requireIdentifier,
  type InstitutionIdentifiers,
} from "./institutionIdentifiers.ts";

export interface InstitutionDetailsInput {
  name: string;
  countryCode: string;
  city?: string | null;
  website?: string | null;
  identifiers?: Partial<Record<keyof InstitutionIdentifiers, string | null>> | null;
}

/** What the office records about a partner institution, validated and normalised. */
export interface InstitutionDetails {
  name: string;
  /** The name as lists sort it: lower case, without accents ("universidade de sao paulo"). */
  sortName: string;
  countryCode: string;
  zone: Zone;
  city: string | null;
  website: string | null;
  identifiers: InstitutionIdentifiers;
}

const maxNameLength = 300;
const maxCityLength = 120;

/**
 * Validates a registration or a full update of an institution: a name, an
 * assigned ISO country code (any country: targeting never forbids a partner),
 * an http(s) website and well-formed identifiers. Every bad field is reported.
 */
export function validateInstitutionDetails(input: InstitutionDetailsInput): InstitutionDetails {
  const errors = new InputErrors();
  const name = input.name.trim().replace(/\s+/g, " ");
  errors.check(
    name.length > 0,
    PartnershipsReason.INSTITUTION_NAME_REQUIRED,
    "input.name",
    "input.name is required",
  );
  checkLength(errors, name, maxNameLength, "input.name");

  let countryCode = input.countryCode;
  try {
    countryCode = requireCountryCode(input.countryCode, "input.countryCode");
  } catch (error) {
    if (!isDomainError(error)) throw error;
    errors.add(error.reason, "input.countryCode", error.message);
  }

  const city = optionalText(errors, input.city, maxCityLength, "input.city");
  const website = optionalWebsite(errors, input.website, "input.website");

  const identifiers: InstitutionIdentifiers = { schac: null, erasmus: null, pic: null, ror: null };
  for (const kind of Object.values(IdentifierKind)) {
    const key = identifierField[kind];
    const raw = input.identifiers?.[key];
    if (!raw?.trim()) continue;
    try {
      identifiers[key] = requireIdentifier(kind, raw, `input.identifiers.${key}`);
    } catch (error) {
      if (!isDomainError(error)) throw error;
      errors.add(error.reason, error.field ?? `input.identifiers.${key}`, error.message);
    }
  }

  errors.throwIfAny();
  return {
    name,
    sortName: sortableName(name),
    countryCode,
    zone: zoneOf(countryCode),
    city,
    website,
    identifiers,
  };
}

/** Case and accents do not decide the order of names. */
export function sortableName(name: string): string {
  return name
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase();
}
