/**
 * The input shapes every service checks the same way (the graph writes dates and
 * academic years as strings; the event contracts' `@intl/events` vocabulary
 * holds the same shapes).
 */

const ACADEMIC_YEAR = /^(\d{4})-(\d{4})$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** `2025-2026`: two consecutive calendar years. */
export function isAcademicYear(value: string): boolean {
  const match = ACADEMIC_YEAR.exec(value);
  return match !== null && Number(match[2]) === Number(match[1]) + 1;
}

/** A real calendar date written `YYYY-MM-DD` (no 2026-02-30). */
export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}
