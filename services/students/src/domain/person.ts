import type { InputErrors } from "@intl/errors";
import { isIsoDate } from "./academicYear.ts";
import type { IsoDate } from "./academicYear.ts";
import { StudentsReason } from "./errors.ts";

/** The personal data of a student or applicant: visible only to the roles that need it, erasable. */
export interface PersonalData {
  firstName: string;
  lastName: string;
  email: string;
  birthDate: IsoDate;
}

export interface PersonInput extends PersonalData {
  /** ISO 3166-1 alpha-2. */
  nationality: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const COUNTRY = /^[A-Z]{2}$/;

/** The school's own country: a student of another nationality counts as international. */
export const HOME_COUNTRY = "FR";

export function checkPerson(person: PersonInput, today: IsoDate, errors: InputErrors, field: string): void {
  errors.check(
    person.firstName.trim() !== "",
    StudentsReason.INVALID_INPUT,
    `${field}.firstName`,
    "A first name is required.",
  );
  errors.check(
    person.lastName.trim() !== "",
    StudentsReason.INVALID_INPUT,
    `${field}.lastName`,
    "A last name is required.",
  );
  errors.check(
    EMAIL.test(person.email),
    StudentsReason.INVALID_INPUT,
    `${field}.email`,
    "The email address is not valid.",
  );
  errors.check(
    isIsoDate(person.birthDate) && person.birthDate < today,
    StudentsReason.INVALID_DATES,
    `${field}.birthDate`,
    "The birth date is a past date written YYYY-MM-DD.",
  );
  errors.check(
    COUNTRY.test(person.nationality),
    StudentsReason.INVALID_INPUT,
    `${field}.nationality`,
    "The nationality is an ISO 3166-1 alpha-2 code such as BR.",
  );
}

export function isInternational(nationality: string): boolean {
  return nationality !== HOME_COUNTRY;
}

export function normalisedPersonalData(person: PersonalData): PersonalData {
  return {
    firstName: person.firstName.trim(),
    lastName: person.lastName.trim(),
    email: person.email.trim().toLowerCase(),
    birthDate: person.birthDate,
  };
}
