import {
  applicationDecided,
  applicationEnrolled,
  applicationSubmitted,
  applicationWithdrawn,
  erasureRequested,
  mobilityCancelled,
  mobilityCompleted,
  mobilityPlanned,
  studentErased,
  studentsEvents,
} from "@intl/events";
import { eventFactory } from "@intl/kafka";
import type { EventStamp, OutboxEvent } from "@intl/kafka";
import type { Decision } from "../domain/applicationWorkflow.ts";
import type { ErasedPerson } from "../domain/erasureRequest.ts";
import type { ApplicationRecord } from "../models/application.ts";
import type { MobilityRecord } from "../models/mobility.ts";

/** The `source` of every event this service publishes. */
export const EVENT_SOURCE = "/services/students";

/** Every contract this service publishes. */
export const publishedContracts = studentsEvents;

type EventMeta = EventStamp;

/** The facts about an application every application event carries: ids, no personal data. */
function applicationFacts(application: ApplicationRecord) {
  return {
    applicationId: application._id,
    studentId: application.studentId,
    institutionId: application.institutionId,
    countryCode: application.countryCode,
    programmeCode: application.programmeCode,
    programmeKind: application.programmeKind,
    academicYear: application.academicYear,
    requiresInterview: application.requiresInterview,
  };
}

const envelope = eventFactory(EVENT_SOURCE);

export function applicationSubmittedEvent(application: ApplicationRecord, meta: EventMeta): OutboxEvent {
  return envelope(applicationSubmitted, application._id, meta, {
    ...applicationFacts(application),
    submittedAt: application.submittedAt.toISOString(),
  });
}

export function applicationDecidedEvent(
  application: ApplicationRecord,
  decision: Decision,
  meta: EventMeta,
): OutboxEvent {
  return envelope(applicationDecided, application._id, meta, {
    ...applicationFacts(application),
    decision,
    decidedAt: meta.time.toISOString(),
  });
}

export function applicationWithdrawnEvent(application: ApplicationRecord, meta: EventMeta): OutboxEvent {
  return envelope(applicationWithdrawn, application._id, meta, {
    ...applicationFacts(application),
    withdrawnAt: meta.time.toISOString(),
  });
}

export function applicationEnrolledEvent(application: ApplicationRecord, meta: EventMeta): OutboxEvent {
  return envelope(applicationEnrolled, application._id, meta, {
    ...applicationFacts(application),
    enrolledAt: meta.time.toISOString(),
  });
}

function mobilityFacts(mobility: MobilityRecord) {
  return {
    mobilityId: mobility._id,
    studentId: mobility.studentId,
    institutionId: mobility.institutionId,
    agreementId: mobility.agreementId,
    direction: mobility.direction,
    type: mobility.type,
    academicYear: mobility.academicYear,
    startDate: mobility.startDate,
    endDate: mobility.endDate,
  };
}

export function mobilityPlannedEvent(mobility: MobilityRecord, meta: EventMeta): OutboxEvent {
  return envelope(mobilityPlanned, mobility._id, meta, mobilityFacts(mobility));
}

export function mobilityCompletedEvent(mobility: MobilityRecord, meta: EventMeta): OutboxEvent {
  return envelope(mobilityCompleted, mobility._id, meta, mobilityFacts(mobility));
}

export function mobilityCancelledEvent(mobility: MobilityRecord, meta: EventMeta): OutboxEvent {
  return envelope(mobilityCancelled, mobility._id, meta, mobilityFacts(mobility));
}

export function studentErasedEvent(studentId: string, meta: EventMeta): OutboxEvent {
  return envelope(studentErased, studentId, meta, { studentId, erasedAt: meta.time.toISOString() });
}

export function erasureRequestedEvent(
  request: { _id: string; person: ErasedPerson },
  meta: EventMeta,
): OutboxEvent {
  return envelope(erasureRequested, request._id, meta, {
    requestId: request._id,
    person: request.person,
    requestedAt: meta.time.toISOString(),
  });
}
