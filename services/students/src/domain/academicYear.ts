export { isAcademicYear, isIsoDate } from "@intl/errors";
/**
 * Academic years are written "2025-2026" and run from 1 September to 31 August.
 * Dates are ISO calendar dates ("2026-02-01"), which compare correctly as strings.
 */

export type AcademicYear = string;
export type IsoDate = string;

/** First calendar year of an academic year: 2025 for "2025-2026". */
export function startingYearOf(year: AcademicYear): number {
  return Number(year.slice(0, 4));
}

export function academicYearStartingIn(calendarYear: number): AcademicYear {
  return `${calendarYear}-${calendarYear + 1}`;
}

/** The academic year a date falls in. */
export function academicYearOf(date: IsoDate): AcademicYear {
  const calendarYear = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return academicYearStartingIn(month >= 9 ? calendarYear : calendarYear - 1);
}

export function firstDayOf(year: AcademicYear): IsoDate {
  return `${startingYearOf(year)}-09-01`;
}

export function lastDayOf(year: AcademicYear): IsoDate {
  return `${startingYearOf(year) + 1}-08-31`;
}

export function isYearWithin(year: AcademicYear, first: AcademicYear, last: AcademicYear): boolean {
  return first <= year && year <= last;
}

export function toIsoDate(date: Date): IsoDate {
  return date.toISOString().slice(0, 10);
}

/**
 * A cohort is named after its graduation year; its members are expected to
 * graduate at the end of that academic year (31 August).
 */
export function graduationDateOf(cohort: number): IsoDate {
  return `${cohort}-08-31`;
}

/** Whole months from `from` to `to` (negative when `to` is in the past). */
export function monthsBetween(from: IsoDate, to: IsoDate): number {
  const [fy, fm, fd] = from.split("-").map(Number) as [number, number, number];
  const [ty, tm, td] = to.split("-").map(Number) as [number, number, number];
  let months = (ty - fy) * 12 + (tm - fm);
  if (months > 0 && td < fd) months -= 1;
  if (months < 0 && td > fd) months += 1;
  return months;
}
