import {
  applicationDecided,
  applicationEnrolled,
  applicationSubmitted,
  applicationWithdrawn,
  collaborationEnded,
  collaborationStarted,
  institutionCreated,
  institutionUpdated,
  studentErased,
} from "@intl/events";

/** The consumer group of this service's read models (its Kafka group id and dead-letter topic derive from it). */
export const CONSUMER_GROUP = "campaigns.read-models";

/**
 * Everything this service consumes: institutions (their country) from
 * partnerships; applications (the pipeline and its outcomes) and erasures from
 * students; collaborations from research (only for the ids of faculty members).
 * Every type published on these topics is listed, so none is dead-lettered as unknown.
 */
export const consumedContracts = [
  institutionCreated,
  institutionUpdated,
  applicationSubmitted,
  applicationDecided,
  applicationWithdrawn,
  applicationEnrolled,
  studentErased,
  collaborationStarted,
  collaborationEnded,
] as const;

export type ConsumedContract = (typeof consumedContracts)[number];
