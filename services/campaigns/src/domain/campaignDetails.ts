import { InputErrors } from "@intl/errors";
import { CampaignMode, FollowUpContactRole, IMT_PRIORITY_COUNTRIES } from "./campaign.ts";
import type { Budget, Campaign, CampaignDetails, FollowUpContact, StaffMember } from "./campaign.ts";
import { isAcademicYear, isCountryCode, isIsoDate } from "./calendar.ts";
import { CampaignsReason } from "./errors.ts";

/** What this service knows of a partner institution (from the partnerships service's events). */
export interface KnownInstitution {
  countryCode: string;
}
export type KnownInstitutions = ReadonlyMap<string, KnownInstitution>;

/** The GraphQL input shapes, before any check. */
export interface CampaignDetailsInput {
  name?: string | null;
  cities?: string[] | null;
  startDate?: string | null;
  endDate?: string | null;
  mode?: string | null;
  targetInstitutionIds?: string[] | null;
  programmeCodes?: string[] | null;
  facultyIds?: string[] | null;
  staff?: { name: string; position?: string | null }[] | null;
  budget?: { amount: number; currency: string } | null;
  followUpContacts?: { name: string; role: string; email: string; institutionId: string }[] | null;
}

export interface NewCampaignInput extends CampaignDetailsInput {
  countryCode: string;
  academicYear: string;
}

export type NewCampaign = CampaignDetails & Pick<Campaign, "countryCode" | "academicYear">;

const PROGRAMME_CODE = /^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$/;
const CURRENCY = /^[A-Z]{3}$/;
// Deliberately loose: one @, a dot in the domain, no spaces. Deliverability is not ours to check.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MAX_TEXT = 200;

const modes: readonly string[] = Object.values(CampaignMode);
const contactRoles: readonly string[] = Object.values(FollowUpContactRole);

/**
 * The rules of a campaign's details, checked together so the office sees every
 * mistake at once (the first one as the error, all in `details.errors`):
 * dates ordered, joint missions only in IMT priority countries, targets known and
 * in the campaign's country, contacts at a target, no duplicates.
 */
export function validateNewCampaign(input: NewCampaignInput, institutions: KnownInstitutions): NewCampaign {
  const errors = new InputErrors<CampaignsReason>();
  const countryCode = input.countryCode.trim();
  const academicYear = input.academicYear.trim();
  errors.check(
    isCountryCode(countryCode),
    CampaignsReason.INVALID_COUNTRY,
    "input.countryCode",
    "must be an ISO 3166-1 alpha-2 code such as CN",
  );
  errors.check(
    isAcademicYear(academicYear),
    CampaignsReason.INVALID_ACADEMIC_YEAR,
    "input.academicYear",
    "must look like 2026-2027",
  );
  const details = checkDetails(input, countryCode, institutions, errors);
  errors.throwIfAny();
  return { ...details, countryCode, academicYear };
}

/** Applies `changes` (omitted fields keep their value) to a campaign's details, under the same rules as creation. */
export function validateCampaignChanges(
  current: CampaignDetails & Pick<Campaign, "countryCode">,
  changes: CampaignDetailsInput,
  institutions: KnownInstitutions,
): CampaignDetails {
  const merged: CampaignDetailsInput = {
    name: changes.name ?? current.name,
    cities: changes.cities ?? current.cities,
    startDate: changes.startDate ?? current.startDate,
    endDate: changes.endDate ?? current.endDate,
    mode: changes.mode ?? current.mode,
    targetInstitutionIds: changes.targetInstitutionIds ?? current.targetInstitutionIds,
    programmeCodes: changes.programmeCodes ?? current.programmeCodes,
    facultyIds: changes.facultyIds ?? current.facultyIds,
    staff: changes.staff ?? current.staff,
    budget: changes.budget === undefined ? current.budget : changes.budget,
    followUpContacts: changes.followUpContacts ?? current.followUpContacts,
  };
  const errors = new InputErrors<CampaignsReason>();
  const details = checkDetails(merged, current.countryCode, institutions, errors);
  errors.throwIfAny();
  return details;
}

function checkDetails(
  input: CampaignDetailsInput,
  countryCode: string,
  institutions: KnownInstitutions,
  errors: InputErrors<CampaignsReason>,
): CampaignDetails {
  const name = (input.name ?? "").trim();
  errors.check(
    name.length > 0 && name.length <= MAX_TEXT,
    CampaignsReason.INVALID_INPUT,
    "input.name",
    `must be 1 to ${MAX_TEXT} characters`,
  );

  const cities = (input.cities ?? []).map((city) => city.trim());
  errors.check(cities.length > 0, CampaignsReason.INVALID_INPUT, "input.cities", "name at least one city");
  cities.forEach((city, index) => {
    errors.check(
      city.length > 0 && city.length <= MAX_TEXT,
      CampaignsReason.INVALID_INPUT,
      `input.cities[${index}]`,
      "must not be blank",
    );
  });
  checkNoDuplicates(cities, "input.cities", errors);

  const startDate = (input.startDate ?? "").trim();
  const endDate = (input.endDate ?? "").trim();
  errors.check(
    isIsoDate(startDate),
    CampaignsReason.INVALID_DATE,
    "input.startDate",
    "must be an ISO date such as 2026-03-14",
  );
  errors.check(
    isIsoDate(endDate),
    CampaignsReason.INVALID_DATE,
    "input.endDate",
    "must be an ISO date such as 2026-03-21",
  );
  if (isIsoDate(startDate) && isIsoDate(endDate)) {
    errors.check(
      endDate >= startDate,
      CampaignsReason.END_BEFORE_START,
      "input.endDate",
      "must be on or after the start date",
    );
  }

  const mode = input.mode ?? "";
  errors.check(
    modes.includes(mode),
    CampaignsReason.INVALID_INPUT,
    "input.mode",
    `must be one of ${modes.join(", ")}`,
  );
  errors.check(
    mode !== CampaignMode.JOINT_WITH_IMT || IMT_PRIORITY_COUNTRIES.includes(countryCode),
    CampaignsReason.JOINT_MODE_OUTSIDE_IMT_PRIORITY_COUNTRY,
    "input.mode",
    `a mission with IMT is only possible in IMT's priority countries (${IMT_PRIORITY_COUNTRIES.join(", ")}); use SCHOOL_ONLY`,
  );

  const targetInstitutionIds = input.targetInstitutionIds ?? [];
  targetInstitutionIds.forEach((id, index) => {
    const field = `input.targetInstitutionIds[${index}]`;
    const institution = institutions.get(id);
    if (!institution) {
      errors.add(
        CampaignsReason.INSTITUTION_NOT_FOUND,
        field,
        `institution ${id} is not known (yet) from the partnerships service`,
      );
    } else if (institution.countryCode !== countryCode) {
      errors.add(
        CampaignsReason.INSTITUTION_OUTSIDE_CAMPAIGN_COUNTRY,
        field,
        `institution ${id} is in ${institution.countryCode}, not in the campaign's country ${countryCode}`,
      );
    }
  });
  checkNoDuplicates(targetInstitutionIds, "input.targetInstitutionIds", errors);

  const programmeCodes = (input.programmeCodes ?? []).map((code) => code.trim());
  errors.check(
    programmeCodes.length > 0,
    CampaignsReason.INVALID_INPUT,
    "input.programmeCodes",
    "name at least one programme",
  );
  programmeCodes.forEach((code, index) => {
    errors.check(
      PROGRAMME_CODE.test(code),
      CampaignsReason.INVALID_PROGRAMME_CODE,
      `input.programmeCodes[${index}]`,
      "must be a programme code such as ICM or MSC-DATA-SCIENCE",
    );
  });
  checkNoDuplicates(programmeCodes, "input.programmeCodes", errors);

  const facultyIds = (input.facultyIds ?? []).map((id) => id.trim());
  facultyIds.forEach((id, index) => {
    errors.check(
      id.length > 0,
      CampaignsReason.INVALID_INPUT,
      `input.facultyIds[${index}]`,
      "must not be blank",
    );
  });
  checkNoDuplicates(facultyIds, "input.facultyIds", errors);

  const staff: StaffMember[] = (input.staff ?? []).map((member, index) => {
    const staffName = member.name.trim();
    errors.check(
      staffName.length > 0 && staffName.length <= MAX_TEXT,
      CampaignsReason.INVALID_INPUT,
      `input.staff[${index}].name`,
      "must not be blank",
    );
    const position = member.position?.trim() || null;
    return { name: staffName, position };
  });

  const budget = checkBudget(input.budget ?? null, errors);

  const followUpContacts: FollowUpContact[] = (input.followUpContacts ?? []).map((contact, index) => {
    const at = `input.followUpContacts[${index}]`;
    const contactName = contact.name.trim();
    const email = contact.email.trim();
    errors.check(
      contactName.length > 0 && contactName.length <= MAX_TEXT,
      CampaignsReason.INVALID_INPUT,
      `${at}.name`,
      "must not be blank",
    );
    errors.check(
      contactRoles.includes(contact.role),
      CampaignsReason.INVALID_INPUT,
      `${at}.role`,
      `must be one of ${contactRoles.join(", ")}`,
    );
    errors.check(EMAIL.test(email), CampaignsReason.INVALID_EMAIL, `${at}.email`, "must be an email address");
    errors.check(
      targetInstitutionIds.includes(contact.institutionId),
      CampaignsReason.CONTACT_OUTSIDE_TARGETS,
      `${at}.institutionId`,
      "a follow-up contact works at one of the campaign's target institutions",
    );
    return {
      name: contactName,
      role: contact.role as FollowUpContact["role"],
      email,
      institutionId: contact.institutionId,
    };
  });

  return {
    name,
    cities,
    startDate,
    endDate,
    mode: mode as CampaignMode,
    targetInstitutionIds: [...targetInstitutionIds],
    programmeCodes,
    facultyIds,
    staff,
    budget,
    followUpContacts,
  };
}

function checkBudget(budget: Budget | null, errors: InputErrors<CampaignsReason>): Budget | null {
  if (budget === null) return null;
  const currency = budget.currency.trim();
  errors.check(
    Number.isFinite(budget.amount) && budget.amount >= 0,
    CampaignsReason.INVALID_BUDGET,
    "input.budget.amount",
    "must be a positive amount or zero",
  );
  errors.check(
    CURRENCY.test(currency),
    CampaignsReason.INVALID_BUDGET,
    "input.budget.currency",
    "must be an ISO 4217 code such as EUR",
  );
  // Cents: a budget is money, not a measurement.
  return { amount: Math.round(budget.amount * 100) / 100, currency };
}

function checkNoDuplicates(
  values: readonly string[],
  field: string,
  errors: InputErrors<CampaignsReason>,
): void {
  const seen = new Set<string>();
  values.forEach((value, index) => {
    if (seen.has(value))
      errors.add(CampaignsReason.DUPLICATE_VALUE, `${field}[${index}]`, `${value} is listed twice`);
    seen.add(value);
  });
}
