import type { InputErrors } from "@intl/errors";
import { ResearchReason } from "./errors.ts";
import { isAcademicYear, isIsoDate } from "@intl/errors";

export { isAcademicYear, isIsoDate };

/** The calendar day of `instant` in UTC, `YYYY-MM-DD`. */
export function isoDay(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

export function checkText(
  errors: InputErrors,
  value: string | null | undefined,
  field: string,
  label: string,
): void {
  errors.check(
    typeof value === "string" && value.trim().length > 0,
    ResearchReason.BLANK_TEXT,
    field,
    `${label} must not be blank`,
  );
}

export function checkDate(errors: InputErrors, value: string | null | undefined, field: string): boolean {
  const ok = typeof value === "string" && isIsoDate(value);
  errors.check(ok, ResearchReason.INVALID_DATE, field, `${field} must be a date written YYYY-MM-DD`);
  return ok;
}

/** Checks both dates and that the end comes after the start (a one-day period ends on its start). */
export function checkPeriod(
  errors: InputErrors,
  startDate: string,
  endDate: string | null | undefined,
  fields: { start: string; end: string },
): void {
  const startOk = checkDate(errors, startDate, fields.start);
  if (endDate === null || endDate === undefined) return;
  const endOk = checkDate(errors, endDate, fields.end);
  if (startOk && endOk) {
    errors.check(
      endDate >= startDate,
      ResearchReason.END_BEFORE_START,
      fields.end,
      "the end date must not be before the start date",
    );
  }
}

export function checkAcademicYear(errors: InputErrors, value: string, field: string): void {
  errors.check(
    isAcademicYear(value),
    ResearchReason.INVALID_ACADEMIC_YEAR,
    field,
    "the academic year must look like 2025-2026",
  );
}
