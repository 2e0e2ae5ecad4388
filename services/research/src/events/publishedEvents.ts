import {
  collaborationEnded,
  collaborationStarted,
  createEvent,
  facultyMobilityCompleted,
  phdCandidateSelected,
} from "@intl/events";
import type { OutboxEvent } from "@intl/kafka";
import type { CollaborationState } from "../domain/collaboration.ts";
import type { FacultyMobilityState } from "../domain/facultyMobility.ts";
import type { PhdPositionState } from "../domain/phdPosition.ts";

/** The `source` of every event this service publishes. */
export const EVENT_SOURCE = "/services/research";

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
  const envelope = createEvent(collaborationStarted, {
    id: eventId,
    source: EVENT_SOURCE,
    subject: state.id,
    time: now,
    sequence: state.version,
    data: collaborationData(state),
  });
  return { contract: collaborationStarted, envelope };
}

/** research.collaboration.ended.v1, for a collaboration that just ENDED. */
export function collaborationEndedEvent(state: CollaborationState, eventId: string, now: Date): OutboxEvent {
  const envelope = createEvent(collaborationEnded, {
    id: eventId,
    source: EVENT_SOURCE,
    subject: state.id,
    time: now,
    sequence: state.version,
    data: collaborationData(state),
  });
  return { contract: collaborationEnded, envelope };
}

/** research.faculty-mobility.completed.v1. The guest's name (personal data) never travels. */
export function facultyMobilityCompletedEvent(
  state: FacultyMobilityState,
  eventId: string,
  now: Date,
): OutboxEvent {
  const envelope = createEvent(facultyMobilityCompleted, {
    id: eventId,
    source: EVENT_SOURCE,
    subject: state.id,
    time: now,
    sequence: state.version,
    data: {
      mobilityId: state.id,
      facultyId: state.facultyId,
      institutionId: state.institutionId,
      direction: state.direction,
      purpose: state.purpose,
      startDate: state.startDate,
      endDate: state.endDate,
    },
  });
  return { contract: facultyMobilityCompleted, envelope };
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
  const envelope = createEvent(phdCandidateSelected, {
    id: eventId,
    source: EVENT_SOURCE,
    subject: position.id,
    time: now,
    sequence: position.version,
    data: {
      positionId: position.id,
      applicationId: candidate.applicationId,
      studentId: candidate.studentId,
      supervisorFacultyId: position.supervisorId,
      institutionId: candidate.institutionId ?? position.coSupervisor?.institutionId ?? null,
      subject: position.subject,
      selectedAt: position.selectedAt.toISOString(),
    },
  });
  return { contract: phdCandidateSelected, envelope };
}
