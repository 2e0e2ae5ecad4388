export { isAcademicYear } from "@intl/errors";
/**
 * Academic years run from 1 September to 31 August and are written as their two
 * calendar years: "2025-2026". Dates are UTC calendar days ("2026-08-31").
 */
export type AcademicYear = string;
export type CalendarDate = string;

/** The calendar year the academic year starts in: 2025 for "2025-2026". */
export function startingYear(year: AcademicYear): number {
  return Number(year.slice(0, 4));
}

export function academicYearStartingIn(calendarYear: number): AcademicYear {
  return `${calendarYear}-${calendarYear + 1}`;
}

/** `offset` academic years later (negative: earlier). */
export function shiftAcademicYear(year: AcademicYear, offset: number): AcademicYear {
  return academicYearStartingIn(startingYear(year) + offset);
}

/** The academic year a moment falls in (September starts a new one). */
export function academicYearAt(moment: Date): AcademicYear {
  const year = moment.getUTCFullYear();
  return academicYearStartingIn(moment.getUTCMonth() >= 8 ? year : year - 1);
}

export function firstDayOf(year: AcademicYear): CalendarDate {
  return `${startingYear(year)}-09-01`;
}

export function lastDayOf(year: AcademicYear): CalendarDate {
  return `${startingYear(year) + 1}-08-31`;
}

/** The first instant no longer inside `year`: 1 September of its second calendar year, UTC. */
export function endOf(year: AcademicYear): Date {
  return new Date(Date.UTC(startingYear(year) + 1, 8, 1));
}

/** True once the whole academic year is behind `now`. */
export function isOver(year: AcademicYear, now: Date): boolean {
  return now.getTime() >= endOf(year).getTime();
}

/** Academic years sort as strings, since both halves have four digits. */
export function compareAcademicYears(a: AcademicYear, b: AcademicYear): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A real calendar date written `YYYY-MM-DD`: one check for every service. */
export { isIsoDate as isCalendarDate } from "@intl/errors";

/** The UTC calendar day of a moment. */
export function calendarDateOf(moment: Date): CalendarDate {
  return moment.toISOString().slice(0, 10);
}

/** The academic year a calendar day falls in. */
export function academicYearOfDate(date: CalendarDate): AcademicYear {
  return academicYearAt(new Date(`${date}T00:00:00Z`));
}
