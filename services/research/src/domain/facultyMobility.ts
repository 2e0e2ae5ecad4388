import { DomainError, ErrorKind, InputErrors, enumOf, type EnumValue } from "@intl/errors";
import { Role } from "@intl/auth";
import type { AuthenticatedViewer } from "@intl/auth";
import { ResearchReason } from "./errors.ts";
import { illegalTransitionOf } from "./statusTransitions.ts";
import { checkPeriod, checkText, isoDay } from "./inputChecks.ts";
import { unknownFaculty, unknownInstitutions } from "./missingReferences.ts";
import { MobilityDirection } from "./vocabulary.ts";

export const FacultyMobilityStatus = enumOf("PLANNED", "COMPLETED", "CANCELLED");
export type FacultyMobilityStatus = EnumValue<typeof FacultyMobilityStatus>;

export interface FacultyMobilityState {
  id: string;
  direction: MobilityDirection;
  status: FacultyMobilityStatus;
  /** OUTGOING: who goes; INCOMING: the host at the school, if any. */
  facultyId: string | null;
  /** The partner visited, or the guest's home institution. */
  institutionId: string;
  /** INCOMING only: the foreign peer hosted (personal data). */
  guestName: string | null;
  purpose: string;
  startDate: string;
  endDate: string;
  completedAt: Date | null;
  version: number;
  demo: boolean;
}

export interface PlanFacultyMobilityCommand {
  direction: MobilityDirection;
  facultyId?: string | null;
  institutionId: string;
  guestName?: string | null;
  purpose: string;
  startDate: string;
  endDate: string;
  demo?: boolean;
}

export interface PlanFacultyMobilityFacts {
  /** Whether the command's faculty member (if any) exists. */
  facultyExists: boolean;
  /** Whether the institutions read model holds the institution. */
  institutionKnown: boolean;
}

/**
 * A faculty member plans only their own stays, and hostings where they are the
 * host; the office plans any.
 */
export function assertMayManageMobility(viewer: AuthenticatedViewer, facultyId: string | null): void {
  if (viewer.role === Role.FACULTY && (facultyId === null || viewer.facultyId !== facultyId)) {
    throw new DomainError(
      ErrorKind.FORBIDDEN,
      ResearchReason.NOT_OWN_MOBILITY,
      "A faculty member may only manage their own mobility (or a hosting they are the host of).",
    );
  }
}

/**
 * An OUTGOING stay names the faculty member who goes; an INCOMING hosting names the
 * foreign guest (and optionally a host). Both have a purpose, a consistent period and
 * a partner institution known to the school.
 */
export function planFacultyMobility(
  command: PlanFacultyMobilityCommand,
  facts: PlanFacultyMobilityFacts,
  id: string,
): FacultyMobilityState {
  const errors = new InputErrors();
  const outgoing = command.direction === MobilityDirection.OUTGOING;
  const guestName = command.guestName?.trim() || null;
  if (outgoing) {
    errors.check(
      Boolean(command.facultyId),
      ResearchReason.FACULTY_REQUIRED,
      "input.facultyId",
      "an outgoing stay names the faculty member who goes",
    );
    errors.check(
      guestName === null,
      ResearchReason.GUEST_NOT_ALLOWED,
      "input.guestName",
      "an outgoing stay has no guest",
    );
  } else {
    errors.check(
      guestName !== null,
      ResearchReason.GUEST_REQUIRED,
      "input.guestName",
      "hosting a foreign peer names the guest",
    );
  }
  checkText(errors, command.purpose, "input.purpose", "the purpose");
  checkPeriod(errors, command.startDate, command.endDate, { start: "input.startDate", end: "input.endDate" });
  errors.throwIfAny();
  if (command.facultyId && !facts.facultyExists) throw unknownFaculty("input.facultyId", command.facultyId);
  if (!facts.institutionKnown) throw unknownInstitutions("input.institutionId", [command.institutionId]);
  return {
    id,
    direction: command.direction,
    status: FacultyMobilityStatus.PLANNED,
    facultyId: command.facultyId || null,
    institutionId: command.institutionId,
    guestName,
    purpose: command.purpose.trim(),
    startDate: command.startDate,
    endDate: command.endDate,
    completedAt: null,
    version: 1,
    demo: command.demo ?? false,
  };
}

const illegalTransition = illegalTransitionOf(ResearchReason.MOBILITY_ILLEGAL_TRANSITION, "faculty mobility");

/** PLANNED → COMPLETED, once the stay is over (its end date is today or past). */
export function completeFacultyMobility(state: FacultyMobilityState, now: Date): FacultyMobilityState {
  if (state.status !== FacultyMobilityStatus.PLANNED)
    throw illegalTransition(state.status, FacultyMobilityStatus.COMPLETED);
  if (state.endDate > isoDay(now)) {
    throw new DomainError(
      ErrorKind.CONFLICT,
      ResearchReason.MOBILITY_NOT_OVER,
      `This stay ends on ${state.endDate}: it can be completed from that day on.`,
      { details: { endDate: state.endDate } },
    );
  }
  return { ...state, status: FacultyMobilityStatus.COMPLETED, completedAt: now, version: state.version + 1 };
}

/** PLANNED → CANCELLED; a completed stay happened and stays so. */
export function cancelFacultyMobility(state: FacultyMobilityState): FacultyMobilityState {
  if (state.status !== FacultyMobilityStatus.PLANNED)
    throw illegalTransition(state.status, FacultyMobilityStatus.CANCELLED);
  return { ...state, status: FacultyMobilityStatus.CANCELLED, version: state.version + 1 };
}
