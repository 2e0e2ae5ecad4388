import { z } from "zod";
import { defineEvent } from "../envelope.ts";
import { partnershipsErasureConfirmed } from "./erasure.ts";
import { academicYear, countryCode, id, isoDate } from "../vocabulary.ts";

const institution = z.object({
  institutionId: id,
  name: z.string().min(1),
  countryCode,
  city: z.string().nullable(),
  identifiers: z.object({
    schac: z.string().nullable(),
    erasmus: z.string().nullable(),
    pic: z.string().nullable(),
    ror: z.string().nullable(),
  }),
});

export const institutionCreated = defineEvent({
  type: "partnerships.institution.created.v1",
  topic: "partnerships.institution",
  description: "A partner institution was registered.",
  data: institution,
});

export const institutionUpdated = defineEvent({
  type: "partnerships.institution.updated.v1",
  topic: "partnerships.institution",
  description: "A partner institution's name, place or identifiers changed; carries the full new state.",
  data: institution,
});

export const agreementType = z.enum([
  "EXCHANGE",
  "DOUBLE_DEGREE",
  "RESEARCH",
  "INTERNSHIP",
  "OFFSHORE_TRAINING",
  "OTHER",
]);
export const agreementStatus = z.enum(["DRAFT", "ACTIVE", "EXPIRED", "TERMINATED"]);

/** Everything a consumer needs to know what an agreement allows, as of this event. */
const agreementSnapshot = z.object({
  agreementId: id,
  institutionId: id,
  countryCode,
  type: agreementType,
  status: agreementStatus,
  /** Programme codes of the students service the agreement covers (ICM, ISMIN, MSC-DS, PHD, EXCHANGE...). */
  programmeCodes: z.array(z.string()),
  /** EQF levels covered (6 bachelor, 7 master, 8 doctorate); a programme at a covered level is covered. */
  eqfLevels: z.array(z.number().int().min(1).max(8)),
  seatsOutgoingPerYear: z.number().int().min(0),
  seatsIncomingPerYear: z.number().int().min(0),
  firstAcademicYear: academicYear,
  lastAcademicYear: academicYear,
});

export const agreementActivated = defineEvent({
  type: "partnerships.agreement.activated.v1",
  topic: "partnerships.agreement",
  description: "An agreement came into force (DRAFT → ACTIVE).",
  data: agreementSnapshot,
});

export const agreementRenewed = defineEvent({
  type: "partnerships.agreement.renewed.v1",
  topic: "partnerships.agreement",
  description: "An active or expired agreement was extended to a later last academic year.",
  data: agreementSnapshot.extend({ previousLastAcademicYear: academicYear }),
});

export const agreementExpired = defineEvent({
  type: "partnerships.agreement.expired.v1",
  topic: "partnerships.agreement",
  description: "An agreement's last academic year is over; it no longer allows nominations or mobilities.",
  data: agreementSnapshot,
});

export const agreementTerminated = defineEvent({
  type: "partnerships.agreement.terminated.v1",
  topic: "partnerships.agreement",
  description: "An agreement was ended early; it no longer allows nominations or mobilities.",
  data: agreementSnapshot.extend({ terminatedOn: isoDate, reason: z.string() }),
});

export const partnershipTier = z.enum(["STANDARD", "STRATEGIC", "COMPLETE"]);

export const partnershipTierChanged = defineEvent({
  type: "partnerships.partnership.tier-changed.v1",
  topic: "partnerships.partnership",
  description: "An institution's partnership tier changed (STANDARD, STRATEGIC, COMPLETE).",
  data: z.object({ institutionId: id, previousTier: partnershipTier, tier: partnershipTier }),
});

/** Every type published on `partnerships.institution`: a consumer of the topic lists them all. */
export const institutionEvents = [institutionCreated, institutionUpdated] as const;

/** Every type published on `partnerships.agreement`. */
export const agreementEvents = [
  agreementActivated,
  agreementRenewed,
  agreementExpired,
  agreementTerminated,
] as const;

export const partnershipsEvents = [
  ...institutionEvents,
  ...agreementEvents,
  partnershipTierChanged,
  partnershipsErasureConfirmed,
] as const;
