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
  const { INVALID_INPUT, INVALID_DATES } = StudentsReason;
  const rules: [ok: boolean, reason: StudentsReason, name: keyof PersonInput, message: string][] = [
    [person.firstName.trim() !== "", INVALID_INPUT, "firstName", "A first name is required."],
    [person.lastName.trim() !== "", INVALID_INPUT, "lastName", "A last name is required."],
    [EMAIL.test(person.email), INVALID_INPUT, "email", "The email address is not valid."],
    [
      isIsoDate(person.birthDate) && person.birthDate < today,
      INVALID_DATES,
      "birthDate",
      "The birth date is a past date written YYYY-MM-DD.",
    ],
    [
      COUNTRY.test(person.nationality),
      INVALID_INPUT,
      "nationality",
      "The nationality is an ISO 3166-1 alpha-2 code such as BR.",
    ],
  ];
  for (const [ok, reason, name, message] of rules) errors.check(ok, reason, `${field}.${name}`, message);
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
