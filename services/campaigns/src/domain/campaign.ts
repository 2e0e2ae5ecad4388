import { enumOf, type EnumValue } from "@intl/errors";
/** A recruitment mission (mission de recrutement), as the rules see it. */

export const CampaignMode = {
  /** With IMT's local representatives: only in IMT's priority countries. */
  JOINT_WITH_IMT: "JOINT_WITH_IMT",
  SCHOOL_ONLY: "SCHOOL_ONLY",
} as const;
export type CampaignMode = (typeof CampaignMode)[keyof typeof CampaignMode];

export const CampaignStatus = enumOf("PLANNED", "OPEN", "CLOSED");
export type CampaignStatus = EnumValue<typeof CampaignStatus>;

export const FollowUpContactRole = enumOf("PROGRAMME_OFFICER", "INTERNATIONAL_OFFICER");
export type FollowUpContactRole = EnumValue<typeof FollowUpContactRole>;

/** IMT-wide priority countries (DOMAIN.md): the only ones where the school recruits through IMT. */
export const IMT_PRIORITY_COUNTRIES: readonly string[] = ["CN", "IN", "BR"];

export interface Budget {
  amount: number;
  /** ISO 4217. */
  currency: string;
}

export interface StaffMember {
  name: string;
  position: string | null;
}

export interface FollowUpContact {
  name: string;
  role: FollowUpContactRole;
  email: string;
  institutionId: string;
}

/** What the office may change while the campaign is not closed. */
export interface CampaignDetails {
  name: string;
  cities: string[];
  /** ISO date. */
  startDate: string;
  /** ISO date, on or after `startDate`. */
  endDate: string;
  mode: CampaignMode;
  targetInstitutionIds: string[];
  programmeCodes: string[];
  facultyIds: string[];
  staff: StaffMember[];
  budget: Budget | null;
  followUpContacts: FollowUpContact[];
}

export interface Campaign extends CampaignDetails {
  id: string;
  /** ISO 3166-1 alpha-2; fixed at creation. */
  countryCode: string;
  /** The intake it recruits for (`2026-2027`); fixed at creation. */
  academicYear: string;
  status: CampaignStatus;
  demo: boolean;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}
