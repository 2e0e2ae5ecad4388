import {
  collaborationEnded,
  collaborationStarted,
  facultyMobilityCompleted,
  phdCandidateSelected,
} from "@intl/events";
import { eventFactory } from "@intl/kafka";
import type { OutboxEvent } from "@intl/kafka";
import type { CollaborationState } from "../domain/collaboration.ts";
import type { FacultyMobilityState } from "../domain/facultyMobility.ts";
import type { PhdPositionState } from "../domain/phdPosition.ts";

/** The `source` of every event this service publishes. */
export const EVENT_SOURCE = "/services/research";

const outboxEvent = eventFactory(EVENT_SOURCE);

function collaborationData(state: CollaborationState) {
  return {
    collaborationId: state.id,
    type: state.type,
    institutionIds: state.institutionIds,
    companies: state.companies,
    dimensions: state.dimensions,
    centreId: state.centreId,
    leadFacultyId: state.leadFacultyId,
    startDate: state.startDate,
    endDate: state.endDate,
  };
}

/** research.collaboration.started.v1, for a collaboration that just became ONGOING. */
export function collaborationStartedEvent(
  state: CollaborationState,
  eventId: string,
  now: Date,
): OutboxEvent {
  return outboxEvent(
    collaborationStarted,
    state.id,
    { id: eventId, time: now, sequence: state.version },
    collaborationData(state),
  );
}

/** research.collaboration.ended.v1, for a collaboration that just ENDED. */
export function collaborationEndedEvent(state: CollaborationState, eventId: string, now: Date): OutboxEvent {
  return outboxEvent(
    collaborationEnded,
    state.id,
    { id: eventId, time: now, sequence: state.version },
    collaborationData(state),
  );
}

/** research.faculty-mobility.completed.v1. The guest's name (personal data) never travels. */
export function facultyMobilityCompletedEvent(
  state: FacultyMobilityState,
  eventId: string,
  now: Date,
): OutboxEvent {
  return outboxEvent(
    facultyMobilityCompleted,
    state.id,
    { id: eventId, time: now, sequence: state.version },
    {
      mobilityId: state.id,
      facultyId: state.facultyId,
      institutionId: state.institutionId,
      direction: state.direction,
      purpose: state.purpose,
      startDate: state.startDate,
      endDate: state.endDate,
    },
  );
}

/**
 * research.phd.candidate-selected.v1. The institution is the candidate's home
 * institution when known, else the co-supervisor's.
 */
export function phdCandidateSelectedEvent(
  position: PhdPositionState,
  eventId: string,
  now: Date,
): OutboxEvent {
  const candidate = position.candidates.find((c) => c.id === position.selectedCandidateId);
  if (!candidate || !position.selectedAt)
    throw new Error(`position ${position.id} has no selected candidate`);
  return outboxEvent(
    phdCandidateSelected,
    position.id,
    { id: eventId, time: now, sequence: position.version },
    {
      positionId: position.id,
      applicationId: candidate.applicationId,
      studentId: candidate.studentId,
      supervisorFacultyId: position.supervisorId,
      institutionId: candidate.institutionId ?? position.coSupervisor?.institutionId ?? null,
      subject: position.subject,
      selectedAt: position.selectedAt.toISOString(),
    },
  );
}
