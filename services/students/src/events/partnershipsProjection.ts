import type { EventOf, agreementEvents, institutionEvents } from "@intl/events";
import { applyNewerSnapshot } from "../models/partnerViews.ts";
import type { AgreementViewRecord, InstitutionViewRecord } from "../models/partnerViews.ts";
import type { Store } from "../models/store.ts";

export type InstitutionEvent = EventOf<(typeof institutionEvents)[number]>;
export type AgreementEvent = EventOf<(typeof agreementEvents)[number]>;

/**
 * Institutions as the partnerships service last described them. Every event
 * carries the full state, so the newest sequence wins whatever the order of arrival.
 */
export async function projectInstitution(store: Store, event: InstitutionEvent, now: Date): Promise<boolean> {
  const snapshot: Omit<InstitutionViewRecord, "_id" | "sequence"> = {
    name: event.data.name,
    countryCode: event.data.countryCode,
    city: event.data.city,
    updatedAt: now,
  };
  return applyNewerSnapshot(store.institutionViews, event.data.institutionId, event.sequence, snapshot);
}

/**
 * Agreements as the partnerships service last described them: what they
 * cover, their status, seats and years. Terminated or expired agreements stay
 * (with their status) so the rules can say why they refuse.
 */
export async function projectAgreement(store: Store, event: AgreementEvent, now: Date): Promise<boolean> {
  const { data } = event;
  const snapshot: Omit<AgreementViewRecord, "_id" | "sequence"> = {
    agreementId: data.agreementId,
    institutionId: data.institutionId,
    countryCode: data.countryCode,
    type: data.type,
    status: data.status,
    programmeCodes: data.programmeCodes,
    eqfLevels: data.eqfLevels,
    seatsOutgoingPerYear: data.seatsOutgoingPerYear,
    seatsIncomingPerYear: data.seatsIncomingPerYear,
    firstAcademicYear: data.firstAcademicYear,
    lastAcademicYear: data.lastAcademicYear,
    updatedAt: now,
  };
  return applyNewerSnapshot(store.agreementViews, data.agreementId, event.sequence, snapshot);
}
