import { DomainError, ErrorKind, InputErrors, enumOf, type EnumValue } from "@intl/errors";
import { academicYearOf, firstDayOf, isAcademicYear, isIsoDate, lastDayOf } from "./academicYear.ts";
import type { AcademicYear, IsoDate } from "./academicYear.ts";
import { isAgreementActiveIn } from "./agreements.ts";
import type { AgreementView, Direction } from "./agreements.ts";
import { StudentsReason } from "./errors.ts";

export const MobilityType = enumOf("STUDY", "INTERNSHIP", "RESEARCH", "DOUBLE_DEGREE");
export type MobilityType = EnumValue<typeof MobilityType>;

export const MobilityStatus = enumOf("PLANNED", "COMPLETED", "CANCELLED");
export type MobilityStatus = EnumValue<typeof MobilityStatus>;

export interface MobilityPlan {
  studentId: string;
  direction: Direction;
  type: MobilityType;
  /** The host institution (outgoing) or the home institution (incoming). */
  institutionId: string;
  /** The agreement used; for an outgoing mobility, when omitted, an active agreement with a seat left is chosen. */
  agreementId?: string | null;
  academicYear: AcademicYear;
  startDate: IsoDate;
  endDate: IsoDate;
}

/** Rule: dates are consistent (an end after its start, a start inside the academic year). */
export function checkMobilityPlan(plan: MobilityPlan): void {
  const errors = new InputErrors();
  errors.check(
    plan.institutionId.trim() !== "",
    StudentsReason.INVALID_INPUT,
    "input.institutionId",
    "Name the partner institution.",
  );
  const yearOk = isAcademicYear(plan.academicYear);
  errors.check(
    yearOk,
    StudentsReason.INVALID_INPUT,
    "input.academicYear",
    "An academic year looks like 2026-2027.",
  );
  const startOk = isIsoDate(plan.startDate);
  const endOk = isIsoDate(plan.endDate);
  errors.check(startOk, StudentsReason.INVALID_DATES, "input.startDate", "A date is written YYYY-MM-DD.");
  errors.check(endOk, StudentsReason.INVALID_DATES, "input.endDate", "A date is written YYYY-MM-DD.");
  if (startOk && endOk) {
    errors.check(
      plan.endDate > plan.startDate,
      StudentsReason.INVALID_DATES,
      "input.endDate",
      "A mobility ends after it starts.",
    );
  }
  if (startOk && yearOk) {
    errors.check(
      academicYearOf(plan.startDate) === plan.academicYear,
      StudentsReason.ACADEMIC_YEAR_MISMATCH,
      "input.startDate",
      `A mobility of ${plan.academicYear} starts between ${firstDayOf(plan.academicYear)} and ${lastDayOf(plan.academicYear)}.`,
    );
  }
  errors.throwIfAny();
}

function noActiveAgreement(plan: MobilityPlan, message: string): DomainError {
  return new DomainError(ErrorKind.CONFLICT, StudentsReason.NO_ACTIVE_AGREEMENT, message, {
    field: plan.agreementId ? "input.agreementId" : "input.institutionId",
    details: { institutionId: plan.institutionId, academicYear: plan.academicYear },
  });
}

/**
 * Rule: a mobility under an agreement uses an ACTIVE agreement with its
 * partner institution, and lies inside the agreement's academic years.
 */
export function checkAgreementAllowsMobility(
  agreement: AgreementView | null,
  plan: MobilityPlan,
): AgreementView {
  if (!agreement || agreement.institutionId !== plan.institutionId) {
    throw noActiveAgreement(
      plan,
      `No agreement ${plan.agreementId ?? ""} with institution ${plan.institutionId} is known.`,
    );
  }
  if (agreement.status !== "ACTIVE") {
    throw noActiveAgreement(plan, `Agreement ${agreement.agreementId} is ${agreement.status}, not ACTIVE.`);
  }
  if (
    !isAgreementActiveIn(agreement, plan.academicYear) ||
    plan.endDate > lastDayOf(agreement.lastAcademicYear)
  ) {
    throw new DomainError(
      ErrorKind.CONFLICT,
      StudentsReason.MOBILITY_OUTSIDE_AGREEMENT,
      `Agreement ${agreement.agreementId} runs from ${agreement.firstAcademicYear} to ${agreement.lastAcademicYear}; the mobility lies outside it.`,
      {
        field: isAgreementActiveIn(agreement, plan.academicYear) ? "input.endDate" : "input.academicYear",
        details: {
          firstAcademicYear: agreement.firstAcademicYear,
          lastAcademicYear: agreement.lastAcademicYear,
        },
      },
    );
  }
  return agreement;
}

/**
 * The agreements a mobility could use, in order of preference, when none is
 * named: active with that institution in that year, lasting until its end.
 * An outgoing mobility needs one; an incoming one may come without.
 */
export function candidateAgreements(
  agreements: readonly AgreementView[],
  plan: MobilityPlan,
): AgreementView[] {
  const usable = agreements.filter(
    (agreement) =>
      agreement.institutionId === plan.institutionId &&
      isAgreementActiveIn(agreement, plan.academicYear) &&
      plan.endDate <= lastDayOf(agreement.lastAcademicYear),
  );
  if (usable.length === 0 && plan.direction === "OUTGOING") {
    throw noActiveAgreement(
      plan,
      `No active agreement with institution ${plan.institutionId} covers ${plan.academicYear}.`,
    );
  }
  return usable.sort((a, b) => a.agreementId.localeCompare(b.agreementId));
}

export function noSeatLeft(agreementIds: readonly string[], plan: MobilityPlan): DomainError {
  return new DomainError(
    ErrorKind.CONFLICT,
    StudentsReason.NO_SEAT_LEFT,
    `No ${plan.direction.toLowerCase()} seat is left for ${plan.academicYear} under agreement ${agreementIds.join(", ")}.`,
    {
      field: plan.agreementId ? "input.agreementId" : "input.institutionId",
      details: { agreementIds, academicYear: plan.academicYear, direction: plan.direction },
    },
  );
}

function assertStatus(actual: MobilityStatus, expected: MobilityStatus, to: MobilityStatus): void {
  if (actual !== expected) {
    throw new DomainError(
      ErrorKind.CONFLICT,
      StudentsReason.ILLEGAL_TRANSITION,
      `A ${actual} mobility cannot become ${to}.`,
      {
        details: { from: actual, to },
      },
    );
  }
}

/** A planned mobility is completed once it has started (it took place). */
export function complete(
  mobility: { status: MobilityStatus; startDate: IsoDate },
  today: IsoDate,
): MobilityStatus {
  assertStatus(mobility.status, MobilityStatus.PLANNED, MobilityStatus.COMPLETED);
  if (today < mobility.startDate) {
    throw new DomainError(
      ErrorKind.CONFLICT,
      StudentsReason.MOBILITY_NOT_STARTED,
      `The mobility starts on ${mobility.startDate}; it cannot be completed before.`,
    );
  }
  return MobilityStatus.COMPLETED;
}

/** Only a planned mobility is cancelled; its seat is released. */
export function cancel(mobility: { status: MobilityStatus }): MobilityStatus {
  assertStatus(mobility.status, MobilityStatus.PLANNED, MobilityStatus.CANCELLED);
  return MobilityStatus.CANCELLED;
}
