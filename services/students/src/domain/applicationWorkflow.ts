import { DomainError, ErrorKind, enumOf, type EnumValue } from "@intl/errors";
import { Role, isHdrFaculty, requireRole } from "@intl/auth";
import type { Viewer } from "@intl/auth";
import { StudentsReason } from "./errors.ts";
import { ProgrammeKind } from "./programmes.ts";

export const ApplicationStatus = enumOf(
  "SUBMITTED",
  "UNDER_REVIEW",
  "INTERVIEW",
  "ADMITTED",
  "REJECTED",
  "WAITLISTED",
  "WITHDRAWN",
);
export type ApplicationStatus = EnumValue<typeof ApplicationStatus>;

export const Decision = enumOf("ADMITTED", "REJECTED", "WAITLISTED");
export type Decision = EnumValue<typeof Decision>;

/** SUBMITTED → UNDER_REVIEW → INTERVIEW → ADMITTED | REJECTED | WAITLISTED | WITHDRAWN. */
const allowedTransitions: Record<ApplicationStatus, readonly ApplicationStatus[]> = {
  SUBMITTED: ["UNDER_REVIEW", "INTERVIEW", "WITHDRAWN"],
  UNDER_REVIEW: ["INTERVIEW", "ADMITTED", "REJECTED", "WAITLISTED", "WITHDRAWN"],
  INTERVIEW: ["ADMITTED", "REJECTED", "WAITLISTED", "WITHDRAWN"],
  WAITLISTED: ["ADMITTED", "REJECTED", "WITHDRAWN"],
  ADMITTED: [],
  REJECTED: [],
  WITHDRAWN: [],
};

/** The state of an application the workflow rules look at. */
export interface ApplicationFacts {
  status: ApplicationStatus;
  programmeKind: ProgrammeKind;
  requiresInterview: boolean;
  interviewCompletedAt: Date | null;
}

export function isFinal(status: ApplicationStatus): boolean {
  return allowedTransitions[status].length === 0;
}

export function canMove(from: ApplicationStatus, to: ApplicationStatus): boolean {
  return allowedTransitions[from].includes(to);
}

function assertCanMove(from: ApplicationStatus, to: ApplicationStatus): void {
  if (!canMove(from, to)) {
    throw new DomainError(
      ErrorKind.CONFLICT,
      StudentsReason.ILLEGAL_TRANSITION,
      `An application cannot go from ${from} to ${to}.`,
      {
        details: { from, to },
      },
    );
  }
}

/** The office (and, for a PhD application, faculty) takes a submitted dossier under review. */
export function startReview(application: ApplicationFacts): ApplicationStatus {
  assertCanMove(application.status, ApplicationStatus.UNDER_REVIEW);
  return ApplicationStatus.UNDER_REVIEW;
}

/** A dossier retained after review goes to interview. */
export function sendToInterview(application: ApplicationFacts): ApplicationStatus {
  assertCanMove(application.status, ApplicationStatus.INTERVIEW);
  return ApplicationStatus.INTERVIEW;
}

/** The candidate or the partner withdraws, from any state that is not final. */
export function withdraw(application: ApplicationFacts): ApplicationStatus {
  assertCanMove(application.status, ApplicationStatus.WITHDRAWN);
  return ApplicationStatus.WITHDRAWN;
}

/**
 * Rule: only an HDR faculty member decides a PhD application; the office
 * (ADMIN, INTERNATIONAL_OFFICE) decides the others.
 */
export function assertMayDecide(viewer: Viewer, application: Pick<ApplicationFacts, "programmeKind">): void {
  if (application.programmeKind === ProgrammeKind.PHD) {
    requireRole(viewer, Role.FACULTY, Role.ADMIN, Role.INTERNATIONAL_OFFICE);
    if (!isHdrFaculty(viewer)) {
      throw new DomainError(
        ErrorKind.FORBIDDEN,
        StudentsReason.HDR_REQUIRED,
        "Only a faculty member holding the HDR may decide a PhD application.",
      );
    }
    return;
  }
  requireRole(viewer, Role.ADMIN, Role.INTERNATIONAL_OFFICE);
}

/**
 * Rules for the final decision: a legal transition, taken by someone allowed
 * to, no admission to a degree programme (engineering, MSc) before a completed
 * interview, and no direct admission to a PhD: the research service selects the
 * candidate (supervisor holding the HDR, candidate assessed, subject agreed by
 * both institutions and the candidate) and its selection event admits them
 * (`statusAfterPhdSelection`). An HDR supervisor may still reject or waitlist.
 */
export function decide(viewer: Viewer, application: ApplicationFacts, decision: Decision): ApplicationStatus {
  assertMayDecide(viewer, application);
  assertCanMove(application.status, decision);
  if (decision === Decision.ADMITTED && application.programmeKind === ProgrammeKind.PHD) {
    throw new DomainError(
      ErrorKind.CONFLICT,
      StudentsReason.PHD_SELECTION_REQUIRED,
      "A PhD application is admitted by the research service's selection of the candidate (selectPhdCandidate), not directly.",
    );
  }
  if (
    decision === Decision.ADMITTED &&
    application.requiresInterview &&
    application.interviewCompletedAt === null
  ) {
    throw new DomainError(
      ErrorKind.CONFLICT,
      StudentsReason.INTERVIEW_REQUIRED,
      "A degree application is admitted only after a completed interview.",
    );
  }
  return decision;
}

/**
 * An interview held (learned from the campaigns service) moves a dossier still
 * in review to INTERVIEW; later states keep theirs.
 */
export function statusAfterInterview(status: ApplicationStatus): ApplicationStatus {
  return status === ApplicationStatus.SUBMITTED || status === ApplicationStatus.UNDER_REVIEW
    ? ApplicationStatus.INTERVIEW
    : status;
}

/**
 * An HDR supervisor's selection (learned from the research service) admits a
 * PhD application that is still open; a final state is kept as it is.
 */
export function statusAfterPhdSelection(status: ApplicationStatus): ApplicationStatus {
  return isFinal(status) ? status : ApplicationStatus.ADMITTED;
}
