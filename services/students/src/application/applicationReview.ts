import { DomainError, ErrorKind } from "@intl/errors";
import { createOutboxWriter } from "@intl/kafka";
import type { OutboxEvent } from "@intl/kafka";
import { fieldDecision } from "@intl/mongo";
import type { FieldChange } from "@intl/mongo";
import { Role, requireRole } from "@intl/auth";
import { APPLICATION_REVIEWERS } from "../domain/access.ts";
import type { Viewer } from "@intl/auth";
import {
  decide,
  isFinal,
  sendToInterview,
  startReview,
  withdraw,
  ApplicationStatus,
} from "../domain/applicationWorkflow.ts";
import type { Decision } from "../domain/applicationWorkflow.ts";
import { StudentsReason } from "../domain/errors.ts";
import { findProgramme } from "../domain/programmes.ts";
import { assertMayReview, checkReviewScores, meanScore } from "../domain/reviewScores.ts";
import type { CriterionScore } from "../domain/reviewScores.ts";
import { StudentStatus, assertCanEnrol, cohortStarting } from "../domain/studentRegistration.ts";
import {
  applicationDecidedEvent,
  applicationEnrolledEvent,
  applicationWithdrawnEvent,
} from "../events/publishedEvents.ts";
import type { ApplicationRecord } from "../models/application.ts";
import type { StudentRecord } from "../models/student.ts";
import { existingStudent, visibleApplication } from "./lookups.ts";
import type { ApplicationDeps } from "./applicationDeps.ts";

export function applicationReviewOperations(deps: ApplicationDeps) {
  const { store, clock, newId } = deps;
  const writer = createOutboxWriter(deps);

  /**
   * Loads the application the viewer may see, lets `decideChange` apply the
   * rules, then writes the change (and its events) guarded by the version read.
   */
  async function change(
    viewer: Viewer,
    id: string,
    decideChange: (application: ApplicationRecord) => FieldChange<ApplicationRecord, OutboxEvent> | null,
  ) {
    return writer.update(store.applications, id, {
      load: () => visibleApplication(store, viewer, id),
      decide: (application) => fieldDecision(application, decideChange(application)),
    });
  }

  async function startApplicationReview(viewer: Viewer, id: string) {
    requireRole(viewer, ...APPLICATION_REVIEWERS);
    return change(viewer, id, (application) => {
      assertMayReview(viewer, application.programmeKind);
      return { set: { status: startReview(application) } };
    });
  }

  /** Adds a review scored on named criteria; a submitted dossier is then under review. */
  async function scoreApplication(
    viewer: Viewer,
    id: string,
    input: { scores: CriterionScore[]; comment?: string | null },
  ) {
    requireRole(viewer, ...APPLICATION_REVIEWERS);
    return change(viewer, id, (application) => {
      assertMayReview(viewer, application.programmeKind);
      checkReviewScores(application.programmeKind, input.scores);
      if (isFinal(application.status)) {
        throw new DomainError(
          ErrorKind.CONFLICT,
          StudentsReason.ILLEGAL_TRANSITION,
          `A ${application.status} application is not reviewed any more.`,
        );
      }
      requireRole(viewer, Role.ADMIN, Role.INTERNATIONAL_OFFICE, Role.FACULTY);
      const review = {
        reviewer: viewer.subject,
        scores: input.scores.map(({ criterion, score }) => ({ criterion, score })),
        mean: meanScore(input.scores),
        comment: input.comment ?? null,
        reviewedAt: clock(),
      };
      const status =
        application.status === ApplicationStatus.SUBMITTED ? startReview(application) : application.status;
      return { set: { status }, push: { reviews: review } };
    });
  }

  async function sendApplicationToInterview(viewer: Viewer, id: string) {
    requireRole(viewer, ...APPLICATION_REVIEWERS);
    return change(viewer, id, (application) => {
      assertMayReview(viewer, application.programmeKind);
      return { set: { status: sendToInterview(application) } };
    });
  }

  /** The final decision, under the HDR and interview rules; publishes `students.application.decided.v1`. */
  async function decideApplication(viewer: Viewer, id: string, decision: Decision, comment?: string | null) {
    requireRole(viewer, ...APPLICATION_REVIEWERS);
    return change(viewer, id, (application) => {
      const status = decide(viewer, application, decision);
      requireRole(viewer, Role.ADMIN, Role.INTERNATIONAL_OFFICE, Role.FACULTY);
      const now = clock();
      return {
        set: {
          status,
          decision: { decision, decidedAt: now, decidedBy: viewer.subject, comment: comment ?? null },
        },
        events: (next, sequence) => [
          applicationDecidedEvent(next, decision, { id: newId(), time: now, sequence }),
        ],
      };
    });
  }

  /** The partner (or the office) withdraws a non-final application. */
  async function withdrawApplication(viewer: Viewer, id: string, reason?: string | null) {
    requireRole(viewer, Role.PARTNER, Role.ADMIN, Role.INTERNATIONAL_OFFICE);
    return change(viewer, id, (application) => {
      const status = withdraw(application);
      const now = clock();
      return {
        set: { status, withdrawnAt: now, withdrawalReason: reason ?? null },
        events: (next, sequence) => [applicationWithdrawnEvent(next, { id: newId(), time: now, sequence })],
      };
    });
  }

  /**
   * An admitted candidate enrols: the application records it (and publishes
   * `students.application.enrolled.v1`), then the student becomes ENROLLED in
   * the programme's cohort. Re-running it after a failure between the two
   * writes finishes the second one.
   */
  async function enrolAdmittedCandidate(viewer: Viewer, applicationId: string): Promise<StudentRecord> {
    requireRole(viewer, Role.ADMIN, Role.INTERNATIONAL_OFFICE);
    const application = await change(viewer, applicationId, (current) => {
      assertCanEnrol(current.status);
      if (current.enrolledAt) return null;
      const now = clock();
      return {
        set: { enrolledAt: now },
        events: (next, sequence) => [applicationEnrolledEvent(next, { id: newId(), time: now, sequence })],
      };
    });
    const programme = findProgramme(application.programmeCode);
    if (!programme)
      throw new Error(`application ${applicationId} names unknown programme ${application.programmeCode}`);
    return writer.update(store.students, application.studentId, {
      load: () => existingStudent(store, application.studentId, "applicationId"),
      decide: (student) =>
        student.status === StudentStatus.ENROLLED && student.programmeCode === programme.code
          ? null
          : fieldDecision(student, {
              set: {
                status: StudentStatus.ENROLLED,
                programmeCode: programme.code,
                programmeKind: programme.kind,
                cohort: cohortStarting(programme, application.academicYear),
              },
            }),
    });
  }

  return {
    startApplicationReview,
    scoreApplication,
    sendApplicationToInterview,
    decideApplication,
    withdrawApplication,
    enrolAdmittedCandidate,
  };
}
