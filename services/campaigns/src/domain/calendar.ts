export { isIsoDate, isAcademicYear } from "@intl/errors";
/** Shapes of the calendar values campaigns handle (same vocabulary as `@intl/events`). */

// An instant needs its offset: a slot in Beijing and one in São Paulo must compare correctly.
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** ISO 3166-1 alpha-2, upper case. */
export function isCountryCode(value: string): boolean {
  return /^[A-Z]{2}$/.test(value);
}

/** An ISO 8601 date-time with its offset, as a Date; null when it is not one. */
export function parseInstant(value: string): Date | null {
  if (!ISO_INSTANT.test(value)) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** The first instant of an ISO date (UTC). */
export function startOfDay(isoDate: string): Date {
  return new Date(`${isoDate}T00:00:00.000Z`);
}

/** The first instant after an ISO date (UTC). */
export function endOfDay(isoDate: string): Date {
  return new Date(startOfDay(isoDate).getTime() + 24 * 60 * 60 * 1000);
}
