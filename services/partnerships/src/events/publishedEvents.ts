import {
  agreementActivated,
  agreementExpired,
  agreementRenewed,
  agreementTerminated,
  createEvent,
  institutionCreated,
  institutionUpdated,
  partnershipTierChanged,
} from "@intl/events";
import type { OutboxEvent } from "@intl/kafka";
import type { PartnershipTier } from "../domain/partnershipCompleteness.ts";
import type { AgreementDocument } from "../models/agreementModel.ts";
import type { InstitutionDocument } from "../models/institutionModel.ts";

/** The `source` of every event this service publishes. */
export const eventSource = "/services/partnerships";

/** What every envelope needs besides its data: a fresh id, the time, the aggregate version after the change. */
export interface EventStamp {
  id: string;
  time: Date;
  sequence: number;
}

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
  const envelope = createEvent(institutionCreated, {
    ...stamp,
    source: eventSource,
    subject: institution._id,
    data: institutionData(institution),
  });
  return { contract: institutionCreated, envelope };
}

export function institutionUpdatedEvent(institution: InstitutionFacts, stamp: EventStamp): OutboxEvent {
  const envelope = createEvent(institutionUpdated, {
    ...stamp,
    source: eventSource,
    subject: institution._id,
    data: institutionData(institution),
  });
  return { contract: institutionUpdated, envelope };
}

export function tierChangedEvent(
  institutionId: string,
  previousTier: PartnershipTier,
  tier: PartnershipTier,
  stamp: EventStamp,
): OutboxEvent {
  const envelope = createEvent(partnershipTierChanged, {
    ...stamp,
    source: eventSource,
    subject: institutionId,
    data: { institutionId, previousTier, tier },
  });
  return { contract: partnershipTierChanged, envelope };
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
  const base = { ...stamp, source: eventSource, subject: agreement._id };
  const snapshot = agreementSnapshot(agreement);
  switch (transition.kind) {
    case "activated":
      return {
        contract: agreementActivated,
        envelope: createEvent(agreementActivated, { ...base, data: snapshot }),
      };
    case "renewed":
      return {
        contract: agreementRenewed,
        envelope: createEvent(agreementRenewed, {
          ...base,
          data: { ...snapshot, previousLastAcademicYear: transition.previousLastAcademicYear },
        }),
      };
    case "expired":
      return {
        contract: agreementExpired,
        envelope: createEvent(agreementExpired, { ...base, data: snapshot }),
      };
    case "terminated":
      return {
        contract: agreementTerminated,
        envelope: createEvent(agreementTerminated, {
          ...base,
          data: { ...snapshot, terminatedOn: transition.terminatedOn, reason: transition.reason },
        }),
      };
  }
}
