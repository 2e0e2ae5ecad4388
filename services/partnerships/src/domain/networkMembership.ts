import { InputErrors, enumOf, type EnumValue } from "@intl/errors";
import { calendarDateOf, isCalendarDate, type CalendarDate } from "./academicYear.ts";
import { PartnershipsReason } from "./errors.ts";

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
  errors.check(
    name.length <= maxNameLength,
    PartnershipsReason.TEXT_TOO_LONG,
    "input.name",
    `input.name must be at most ${maxNameLength} characters`,
  );
  const description = input.description?.trim() || null;
  errors.check(
    description === null || description.length <= maxDescriptionLength,
    PartnershipsReason.TEXT_TOO_LONG,
    "input.description",
    `input.description must be at most ${maxDescriptionLength} characters`,
  );
  let website: string | null = null;
  if (input.website?.trim()) {
    try {
      const url = new URL(input.website.trim());
      if (url.protocol === "http:" || url.protocol === "https:") website = url.toString();
    } catch {
      // reported below
    }
    errors.check(
      website !== null,
      PartnershipsReason.INSTITUTION_WEBSITE_INVALID,
      "input.website",
      "input.website must be an http(s) URL",
    );
  }
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
