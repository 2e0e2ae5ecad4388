import { campaignsErasureConfirmed, interviewCompleted } from "@intl/events";
import { eventFactory } from "@intl/kafka";
import type { OutboxEvent } from "@intl/kafka";
import type { Interview } from "../domain/interview.ts";

/** The `source` of every event this service publishes. */
export const EVENT_SOURCE = "/services/campaigns";

const outboxEvent = eventFactory(EVENT_SOURCE);

/**
 * `campaigns.interview.completed.v1`: the students service makes the
 * application decidable on it. Its sequence is the interview's version.
 */
export function interviewCompletedEvent(interview: Interview, eventId: string): OutboxEvent {
  if (interview.completedAt === null || interview.recommendation === null || interview.score === null) {
    throw new Error(`interview ${interview.id} is not completed`);
  }
  const stamp = { id: eventId, time: interview.completedAt, sequence: interview.version };
  return outboxEvent(interviewCompleted, interview.id, stamp, {
    interviewId: interview.id,
    applicationId: interview.applicationId,
    campaignId: interview.campaignId,
    mode: interview.mode,
    completedAt: interview.completedAt.toISOString(),
    recommendation: interview.recommendation,
    score: interview.score,
  });
}

/** The contracts of every event this service publishes. */
export const publishedContracts = [interviewCompleted, campaignsErasureConfirmed];
