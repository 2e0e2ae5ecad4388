import {
  agreementActivated,
  agreementExpired,
  agreementRenewed,
  agreementTerminated,
  institutionCreated,
  institutionUpdated,
  partnershipTierChanged,
} from "@intl/events";
import { eventFactory } from "@intl/kafka";
import type { EventStamp, OutboxEvent } from "@intl/kafka";
import type { PartnershipTier } from "../domain/partnershipCompleteness.ts";
import type { AgreementDocument } from "../models/agreementModel.ts";
import type { InstitutionDocument } from "../models/institutionModel.ts";

/** The `source` of every event this service publishes. */
export const eventSource = "/services/partnerships";

const outboxEvent = eventFactory(eventSource);

type InstitutionFacts = Pick<InstitutionDocument, "_id" | "name" | "countryCode" | "city" | "identifiers">;

function institutionData(institution: InstitutionFacts) {
  return {
    institutionId: institution._id,
    name: institution.name,
    countryCode: institution.countryCode,
    city: institution.city,
    identifiers: {
      schac: institution.identifiers.schac ?? null,
      erasmus: institution.identifiers.erasmus ?? null,
      pic: institution.identifiers.pic ?? null,
      ror: institution.identifiers.ror ?? null,
    },
  };
}

export function institutionCreatedEvent(institution: InstitutionFacts, stamp: EventStamp): OutboxEvent {
  return outboxEvent(institutionCreated, institution._id, stamp, institutionData(institution));
}

export function institutionUpdatedEvent(institution: InstitutionFacts, stamp: EventStamp): OutboxEvent {
  return outboxEvent(institutionUpdated, institution._id, stamp, institutionData(institution));
}

export function tierChangedEvent(
  institutionId: string,
  previousTier: PartnershipTier,
  tier: PartnershipTier,
  stamp: EventStamp,
): OutboxEvent {
  return outboxEvent(partnershipTierChanged, institutionId, stamp, { institutionId, previousTier, tier });
}

type AgreementFacts = Pick<
  AgreementDocument,
  | "_id"
  | "institutionId"
  | "countryCode"
  | "type"
  | "status"
  | "programmeCodes"
  | "eqfLevels"
  | "seatsOutgoingPerYear"
  | "seatsIncomingPerYear"
  | "firstAcademicYear"
  | "lastAcademicYear"
>;

/** What consumers need to know what the agreement allows, as of the event. */
function agreementSnapshot(agreement: AgreementFacts) {
  return {
    agreementId: agreement._id,
    institutionId: agreement.institutionId,
    countryCode: agreement.countryCode,
    type: agreement.type,
    status: agreement.status,
    programmeCodes: [...agreement.programmeCodes],
    eqfLevels: [...agreement.eqfLevels],
    seatsOutgoingPerYear: agreement.seatsOutgoingPerYear,
    seatsIncomingPerYear: agreement.seatsIncomingPerYear,
    firstAcademicYear: agreement.firstAcademicYear,
    lastAcademicYear: agreement.lastAcademicYear,
  };
}

/** The event of a lifecycle transition, built from the agreement as it is after the transition. */
export type AgreementTransitionEvent =
  | { kind: "activated" }
  | { kind: "renewed"; previousLastAcademicYear: string }
  | { kind: "expired" }
  | { kind: "terminated"; terminatedOn: string; reason: string };

export function agreementTransitionEvent(
  agreement: AgreementFacts,
  transition: AgreementTransitionEvent,
  stamp: EventStamp,
): OutboxEvent {
  const snapshot = agreementSnapshot(agreement);
  switch (transition.kind) {
    case "activated":
      return outboxEvent(agreementActivated, agreement._id, stamp, snapshot);
    case "renewed":
      return outboxEvent(agreementRenewed, agreement._id, stamp, {
        ...snapshot,
        previousLastAcademicYear: transition.previousLastAcademicYear,
      });
    case "expired":
      return outboxEvent(agreementExpired, agreement._id, stamp, snapshot);
    case "terminated":
      return outboxEvent(agreementTerminated, agreement._id, stamp, {
        ...snapshot,
        terminatedOn: transition.terminatedOn,
        reason: transition.reason,
      });
  }
}
