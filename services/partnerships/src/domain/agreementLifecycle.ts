import { DomainError, ErrorKind, InputErrors, badInput, enumOf, type EnumValue } from "@intl/errors";
import {
  calendarDateOf,
  compareAcademicYears,
  isAcademicYear,
  isCalendarDate,
  isOver,
  lastDayOf,
  type AcademicYear,
  type CalendarDate,
} from "./academicYear.ts";
import { PartnershipsReason } from "./errors.ts";
import { checkLength } from "./inputChecks.ts";

/** DRAFT → ACTIVE → EXPIRED | TERMINATED; ACTIVE or EXPIRED → ACTIVE again by renewal. */
export const AgreementStatus = enumOf("DRAFT", "ACTIVE", "EXPIRED", "TERMINATED");
export type AgreementStatus = EnumValue<typeof AgreementStatus>;

export type AgreementTransition = "activate" | "renew" | "terminate" | "expire";

/** From which statuses each transition may start, and where it leads. */
const transitions: Record<AgreementTransition, { from: readonly AgreementStatus[]; to: AgreementStatus }> = {
  activate: { from: [AgreementStatus.DRAFT], to: AgreementStatus.ACTIVE },
  renew: { from: [AgreementStatus.ACTIVE, AgreementStatus.EXPIRED], to: AgreementStatus.ACTIVE },
  terminate: { from: [AgreementStatus.ACTIVE], to: AgreementStatus.TERMINATED },
  expire: { from: [AgreementStatus.ACTIVE], to: AgreementStatus.EXPIRED },
};

/** The part of an agreement its lifecycle rules look at. */
export interface AgreementLifecycleState {
  status: AgreementStatus;
  firstAcademicYear: AcademicYear;
  lastAcademicYear: AcademicYear;
  signedByPartnerOn: CalendarDate | null;
  signedBySchoolOn: CalendarDate | null;
  activatedOn: CalendarDate | null;
}

/** Throws CONFLICT AGREEMENT_ILLEGAL_TRANSITION naming both statuses unless the move is allowed. */
export function requireTransition(status: AgreementStatus, transition: AgreementTransition): AgreementStatus {
  const { from, to } = transitions[transition];
  if (!from.includes(status)) {
    throw new DomainError(
      ErrorKind.CONFLICT,
      PartnershipsReason.AGREEMENT_ILLEGAL_TRANSITION,
      `An agreement cannot ${transition} from ${status} to ${to} (only from ${from.join(" or ")})`,
      { details: { from: status, to, transition } },
    );
  }
  return to;
}

/** Terms can be amended only while the agreement is a draft. */
export function requireDraft(status: AgreementStatus): void {
  if (status !== AgreementStatus.DRAFT) {
    throw new DomainError(
      ErrorKind.CONFLICT,
      PartnershipsReason.AGREEMENT_TERMS_LOCKED,
      `The terms of a ${status} agreement can no longer be amended; renew or terminate it instead`,
      { details: { status } },
    );
  }
}

export interface ActivationInput {
  signedByPartnerOn?: string | null;
  signedBySchoolOn?: string | null;
}

export interface Activation {
  status: typeof AgreementStatus.ACTIVE;
  activatedOn: CalendarDate;
  signedByPartnerOn: CalendarDate;
  signedBySchoolOn: CalendarDate;
}

/**
 * A draft comes into force once both parties signed, on or before the day of
 * activation, and while its last academic year is not over yet.
 */
export function activateAgreement(
  state: AgreementLifecycleState,
  input: ActivationInput,
  now: Date,
): Activation {
  requireTransition(state.status, "activate");
  const today = calendarDateOf(now);
  const errors = new InputErrors();
  const signatures = {} as Record<"signedByPartnerOn" | "signedBySchoolOn", CalendarDate>;
  for (const key of ["signedByPartnerOn", "signedBySchoolOn"] as const) {
    const field = `input.${key}`;
    const value = input[key]?.trim() || state[key];
    if (!value) {
      errors.add(
        PartnershipsReason.AGREEMENT_NOT_SIGNED,
        field,
        `${field} is required: both parties must have signed`,
      );
    } else if (!isCalendarDate(value)) {
      errors.add(PartnershipsReason.INVALID_DATE, field, `${field} must be a calendar date like 2025-09-01`);
    } else {
      errors.check(
        value <= today,
        PartnershipsReason.DATE_IN_FUTURE,
        field,
        `${field} (${value}) is after the activation day (${today})`,
      );
      signatures[key] = value;
    }
  }
  errors.throwIfAny();
  if (isOver(state.lastAcademicYear, now)) {
    throw new DomainError(
      ErrorKind.CONFLICT,
      PartnershipsReason.AGREEMENT_PERIOD_OVER,
      `The agreement's last academic year (${state.lastAcademicYear}) is already over; amend the draft's years first`,
      { details: { lastAcademicYear: state.lastAcademicYear } },
    );
  }
  return { status: AgreementStatus.ACTIVE, activatedOn: today, ...signatures };
}

export interface Renewal {
  status: typeof AgreementStatus.ACTIVE;
  lastAcademicYear: AcademicYear;
  previousLastAcademicYear: AcademicYear;
  renewedOn: CalendarDate;
}

/** Renewal extends an active or expired agreement to a later last academic year that is not over. */
export function renewAgreement(
  state: AgreementLifecycleState,
  input: { lastAcademicYear: string },
  now: Date,
): Renewal {
  requireTransition(state.status, "renew");
  const field = "input.lastAcademicYear";
  const lastAcademicYear = input.lastAcademicYear.trim();
  if (!isAcademicYear(lastAcademicYear)) {
    throw badInput(
      PartnershipsReason.ACADEMIC_YEAR_INVALID,
      field,
      `${field} must be two consecutive years like 2025-2026`,
    );
  }
  if (compareAcademicYears(lastAcademicYear, state.lastAcademicYear) <= 0) {
    throw badInput(
      PartnershipsReason.AGREEMENT_RENEWAL_NOT_LATER,
      field,
      `${field} (${lastAcademicYear}) must come after the current last academic year (${state.lastAcademicYear})`,
    );
  }
  if (isOver(lastAcademicYear, now)) {
    throw badInput(
      PartnershipsReason.AGREEMENT_PERIOD_OVER,
      field,
      `${field} (${lastAcademicYear}) is already over; a renewal must reach a current or future academic year`,
    );
  }
  return {
    status: AgreementStatus.ACTIVE,
    lastAcademicYear,
    previousLastAcademicYear: state.lastAcademicYear,
    renewedOn: calendarDateOf(now),
  };
}

export interface Termination {
  status: typeof AgreementStatus.TERMINATED;
  terminatedOn: CalendarDate;
  terminationReason: string;
}

const maxReasonLength = 1000;

/** Ending an active agreement early: on a day between its activation and today, for a stated reason. */
export function terminateAgreement(
  state: AgreementLifecycleState,
  input: { terminatedOn?: string | null; reason: string },
  now: Date,
): Termination {
  requireTransition(state.status, "terminate");
  const today = calendarDateOf(now);
  const errors = new InputErrors();
  const reason = input.reason.trim();
  errors.check(
    reason.length > 0,
    PartnershipsReason.AGREEMENT_TERMINATION_REASON_REQUIRED,
    "input.reason",
    "input.reason is required: say why the agreement ends early",
  );
  checkLength(errors, reason, maxReasonLength, "input.reason");
  const terminatedOn = input.terminatedOn?.trim() || today;
  if (!isCalendarDate(terminatedOn)) {
    errors.add(
      PartnershipsReason.INVALID_DATE,
      "input.terminatedOn",
      "input.terminatedOn must be a calendar date like 2025-09-01",
    );
  } else {
    errors.check(
      terminatedOn <= today,
      PartnershipsReason.DATE_IN_FUTURE,
      "input.terminatedOn",
      `input.terminatedOn (${terminatedOn}) cannot be in the future`,
    );
    errors.check(
      state.activatedOn === null || terminatedOn >= state.activatedOn,
      PartnershipsReason.AGREEMENT_TERMINATION_BEFORE_ACTIVATION,
      "input.terminatedOn",
      `input.terminatedOn (${terminatedOn}) is before the activation day (${state.activatedOn})`,
    );
  }
  errors.throwIfAny();
  return { status: AgreementStatus.TERMINATED, terminatedOn, terminationReason: reason };
}

/** An active agreement expires by itself once its last academic year is over. */
export function isDueForExpiry(
  state: Pick<AgreementLifecycleState, "status" | "lastAcademicYear">,
  now: Date,
): boolean {
  return state.status === AgreementStatus.ACTIVE && isOver(state.lastAcademicYear, now);
}

export interface Expiry {
  status: typeof AgreementStatus.EXPIRED;
  /** The last day the agreement was in force: 31 August of its last academic year. */
  expiredOn: CalendarDate;
}

/** Null when the agreement is not due (not active, or its last year is still running). */
export function expireAgreement(state: AgreementLifecycleState, now: Date): Expiry | null {
  if (!isDueForExpiry(state, now)) return null;
  return { status: AgreementStatus.EXPIRED, expiredOn: lastDayOf(state.lastAcademicYear) };
}
