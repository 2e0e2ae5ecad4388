import { InputErrors, enumOf, type EnumValue } from "@intl/errors";
import { calendarDateOf, isCalendarDate, type CalendarDate } from "./academicYear.ts";
import { PartnershipsReason } from "./errors.ts";
import { checkLength, optionalText, optionalWebsite } from "./inputChecks.ts";

/** National (IMT), regional (Université de Lyon, the Alliance) or international networks and programmes. */
export const NetworkScope = enumOf("NATIONAL", "REGIONAL", "INTERNATIONAL");
export type NetworkScope = EnumValue<typeof NetworkScope>;

export interface NetworkDetails {
  name: string;
  acronym: string | null;
  scope: NetworkScope;
  website: string | null;
  description: string | null;
  /** Whether the school is a member. */
  schoolMember: boolean;
  /** When the school joined, when known. */
  schoolMemberSince: CalendarDate | null;
}

export interface NetworkInput {
  name: string;
  acronym?: string | null;
  scope: NetworkScope;
  website?: string | null;
  description?: string | null;
  schoolMember?: boolean | null;
  schoolMemberSince?: string | null;
}

const maxNameLength = 200;
const maxDescriptionLength = 2000;

/** A network needs a name; its website is an http(s) URL; the school joined (if it is a member) not in the future. */
export function validateNetwork(input: NetworkInput, now: Date): NetworkDetails {
  const errors = new InputErrors();
  const name = input.name.trim();
  errors.check(
    name.length > 0,
    PartnershipsReason.NETWORK_NAME_REQUIRED,
    "input.name",
    "input.name is required",
  );
  checkLength(errors, name, maxNameLength, "input.name");
  const description = optionalText(errors, input.description, maxDescriptionLength, "input.description");
  const website = optionalWebsite(errors, input.website, "input.website");
  const schoolMember = input.schoolMember ?? false;
  const schoolMemberSince = input.schoolMemberSince?.trim() || null;
  if (schoolMemberSince !== null) {
    errors.check(
      schoolMember,
      PartnershipsReason.NETWORK_MEMBERSHIP_INCONSISTENT,
      "input.schoolMemberSince",
      "input.schoolMemberSince is set but input.schoolMember is false",
    );
    if (!isCalendarDate(schoolMemberSince)) {
      errors.add(
        PartnershipsReason.INVALID_DATE,
        "input.schoolMemberSince",
        "input.schoolMemberSince must be a calendar date like 2012-01-01",
      );
    } else {
      errors.check(
        schoolMemberSince <= calendarDateOf(now),
        PartnershipsReason.DATE_IN_FUTURE,
        "input.schoolMemberSince",
        "input.schoolMemberSince cannot be in the future",
      );
    }
  }
  errors.throwIfAny();
  return {
    name,
    acronym: input.acronym?.trim() || null,
    scope: input.scope,
    website,
    description,
    schoolMember,
    schoolMemberSince,
  };
}
