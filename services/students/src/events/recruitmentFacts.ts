import type { EventOf, interviewCompleted, phdCandidateSelected } from "@intl/events";
import { createOutboxWriter } from "@intl/kafka";
import {
  ApplicationStatus,
  statusAfterInterview,
  statusAfterPhdSelection,
} from "../domain/applicationWorkflow.ts";
import { ProgrammeKind } from "../domain/programmes.ts";
import type { ApplicationRecord } from "../models/application.ts";
import type { EventsQueued } from "@intl/kafka";
import { fieldDecision } from "@intl/mongo";
import type { WriteQueue } from "@intl/mongo";
import type { Store } from "../models/store.ts";
import { applicationDecidedEvent } from "./publishedEvents.ts";

export interface FactDeps {
  store: Store;
  writeQueue: WriteQueue;
  newId: () => string;
  clock: () => Date;
  eventsQueued: EventsQueued;
}

/** Thrown (and retried, then dead-lettered) when an event names an application this service does not hold. */
export class UnknownApplicationError extends Error {
  constructor(applicationId: string) {
    super(`no application ${applicationId}`);
    this.name = "UnknownApplicationError";
  }
}

async function loadApplication(store: Store, id: string): Promise<ApplicationRecord> {
  const application = await store.applications.findById(id).lean<ApplicationRecord>().exec();
  if (!application) throw new UnknownApplicationError(id);
  return application;
}

/**
 * The campaigns service held a candidate's interview: the application records
 * it (the latest completion wins) and a dossier still in review moves to
 * INTERVIEW. Applying the same event again changes nothing.
 */
export async function recordInterviewCompleted(
  deps: FactDeps,
  event: EventOf<typeof interviewCompleted>,
): Promise<void> {
  const completedAt = new Date(event.data.completedAt);
  await createOutboxWriter(deps).update(deps.store.applications, event.data.applicationId, {
    load: () => loadApplication(deps.store, event.data.applicationId),
    decide: (application) => {
      const known = application.interviewCompletedAt;
      if (application.interview?.interviewId === event.data.interviewId || (known && known >= completedAt))
        return null;
      return fieldDecision(application, {
        set: {
          interview: {
            interviewId: event.data.interviewId,
            campaignId: event.data.campaignId,
            mode: event.data.mode,
            recommendation: event.data.recommendation,
            score: event.data.score,
            completedAt,
          },
          interviewCompletedAt: completedAt,
          status: statusAfterInterview(application.status),
        },
      });
    },
  });
}

/**
 * An HDR supervisor selected the candidate (research service): the selection
 * is recorded and an open PhD application is ADMITTED by that supervisor,
 * published as `students.application.decided.v1`. Idempotent per position.
 */
export async function recordPhdCandidateSelected(
  deps: FactDeps,
  event: EventOf<typeof phdCandidateSelected>,
  log: (message: string) => void,
): Promise<void> {
  const applicationId = event.data.applicationId;
  if (!applicationId) return; // a candidate who did not come through a nomination
  await createOutboxWriter(deps).update(deps.store.applications, applicationId, {
    load: () => loadApplication(deps.store, applicationId),
    decide: (application) => {
      if (application.programmeKind !== ProgrammeKind.PHD) {
        log(`ignoring a PhD selection for ${application.programmeKind} application ${applicationId}`);
        return null;
      }
      if (application.phdSelection?.positionId === event.data.positionId) return null;
      const selectedAt = new Date(event.data.selectedAt);
      const status = statusAfterPhdSelection(application.status);
      const admitsNow =
        status === ApplicationStatus.ADMITTED && application.status !== ApplicationStatus.ADMITTED;
      const set: Partial<ApplicationRecord> = {
        phdSelection: {
          positionId: event.data.positionId,
          supervisorFacultyId: event.data.supervisorFacultyId,
          subject: event.data.subject,
          selectedAt,
        },
        status,
        ...(admitsNow
          ? {
              decision: {
                decision: "ADMITTED",
                decidedAt: selectedAt,
                decidedBy: `faculty:${event.data.supervisorFacultyId}`,
                comment: event.data.subject,
              },
            }
          : {}),
      };
      return fieldDecision(application, {
        set,
        events: (next, sequence) =>
          admitsNow
            ? [applicationDecidedEvent(next, "ADMITTED", { id: deps.newId(), time: selectedAt, sequence })]
            : [],
      });
    },
  });
}
