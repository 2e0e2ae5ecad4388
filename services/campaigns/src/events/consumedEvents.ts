import {
  applicationDecided,
  applicationEnrolled,
  applicationEvents,
  applicationSubmitted,
  applicationWithdrawn,
  collaborationEnded,
  collaborationStarted,
  institutionCreated,
  institutionEvents,
  institutionUpdated,
  studentErased,
} from "@intl/events";
import type { EventContract, EventOf } from "@intl/events";
import type { HandlerContext } from "@intl/kafka";
import { applicationStatusAfter, ApplicationStatus } from "../domain/applicationProgress.ts";
import type { ApplicationFact, KnownApplication } from "../domain/applicationProgress.ts";
import type { ReadModelRepository } from "../models/readModelRepository.ts";

/** The consumer group of this service's read models (its Kafka group id and dead-letter topic derive from it). */
export const CONSUMER_GROUP = "campaigns.read-models";

/**
 * Everything this service consumes: institutions (their country) from
 * partnerships; applications (the pipeline and its outcomes) and erasures from
 * students; collaborations from research (only for the ids of faculty members).
 * Every type published on these topics is listed, so none is dead-lettered as unknown.
 */
export const consumedContracts = [
  ...institutionEvents,
  ...applicationEvents,
  studentErased,
  collaborationStarted,
  collaborationEnded,
] as const;

export type ConsumedContract = (typeof consumedContracts)[number];

/** What handling an event may do besides updating the read models. */
export interface ReadModelEffects {
  readModels: ReadModelRepository;
  /** Adds a submitted application to the pipelines of the campaigns recruiting it (idempotent). */
  joinPipelines(application: KnownApplication): Promise<void>;
  /** Frees the slots of a withdrawn application's scheduled interviews. */
  cancelScheduledInterviews(applicationId: string): Promise<void>;
  clock: () => Date;
}

function is<C extends EventContract>(
  contract: C,
  event: EventOf<ConsumedContract>,
): event is EventOf<ConsumedContract> & EventOf<C> {
  return event.type === contract.type;
}

type ApplicationEvent = EventOf<typeof applicationSubmitted>;

function applicationFact(event: EventOf<ConsumedContract>): ApplicationFact | null {
  if (is(applicationSubmitted, event)) return { type: "submitted" };
  if (is(applicationDecided, event)) return { type: "decided", decision: event.data.decision };
  if (is(applicationWithdrawn, event)) return { type: "withdrawn" };
  if (is(applicationEnrolled, event)) return { type: "enrolled" };
  return null;
}

/**
 * Applies one consumed event. Every write is idempotent and ordered by the
 * event's sequence (an older event never overwrites a newer state), so the
 * consumer's redeliveries and out-of-order arrivals are harmless:
 * - institutions: their country, for targeting;
 * - applications: their status, for stages and outcomes; a submission joins the
 *   pipelines recruiting it whenever it arrives (even after a later event);
 *   a withdrawal frees the slots of its scheduled interviews;
 * - erasure: the student id, the only link to the person held here, is dropped;
 * - collaborations: the id of their lead faculty member (a directory of ids for the seed).
 */
export function consumedEventHandler(effects: ReadModelEffects) {
  return async (event: EventOf<ConsumedContract>, context: Pick<HandlerContext, "logger">): Promise<void> => {
    const now = effects.clock();
    if (is(institutionCreated, event) || is(institutionUpdated, event)) {
      const { institutionId, name, countryCode } = event.data;
      await effects.readModels.recordInstitution(
        { id: institutionId, name, countryCode },
        event.sequence,
        now,
      );
      return;
    }
    if (is(collaborationStarted, event) || is(collaborationEnded, event)) {
      await effects.readModels.recordFaculty(event.data.leadFacultyId, now);
      return;
    }
    if (is(studentErased, event)) {
      const forgotten = await effects.readModels.forgetStudent(
        event.data.studentId,
        new Date(event.data.erasedAt),
      );
      context.logger.info(
        { applications: forgotten },
        "student erased: student id dropped from the applications held",
      );
      return;
    }
    const fact = applicationFact(event);
    if (!fact) return;
    // Every application event carries the whole application.
    const data = event.data as ApplicationEvent["data"];
    const application: KnownApplication = {
      id: data.applicationId,
      institutionId: data.institutionId,
      countryCode: data.countryCode,
      programmeCode: data.programmeCode,
      academicYear: data.academicYear,
      requiresInterview: data.requiresInterview,
      status: applicationStatusAfter(fact),
    };
    const applied = await effects.readModels.recordApplication(
      { ...application, studentId: data.studentId, programmeKind: data.programmeKind },
      event.sequence,
      now,
    );
    if (fact.type === "submitted") await effects.joinPipelines(application);
    if (applied && application.status === ApplicationStatus.WITHDRAWN)
      await effects.cancelScheduledInterviews(application.id);
  };
}
