import type { InputErrors } from "@intl/errors";
import { PartnershipsReason } from "./errors.ts";

/** Reports `value` when it is longer than `max` characters; no text is never too long. */
export function checkLength(errors: InputErrors, value: string | null, max: number, field: string): void {
  errors.check(
    value === null || value.length <= max,
    PartnershipsReason.TEXT_TOO_LONG,
    field,
    `${field} must be at most ${max} characters`,
  );
}

/** Optional free text: trimmed, null when blank, reported when longer than `max`. */
export function optionalText(
  errors: InputErrors,
  raw: string | null | undefined,
  max: number,
  field: string,
): string | null {
  const text = raw?.trim() || null;
  checkLength(errors, text, max, field);
  return text;
}

/** An optional website: null when blank, else the http(s) URL normalised, reported when it is not one. */
export function optionalWebsite(
  errors: InputErrors,
  raw: string | null | undefined,
  field: string,
): string | null {
  if (!raw?.trim()) return null;
  const website = httpUrl(raw.trim());
  errors.check(
    website !== null,
    PartnershipsReason.INSTITUTION_WEBSITE_INVALID,
    field,
    `${field} must be an http(s) URL`,
  );
  return website;
}

function httpUrl(raw: string): string | null {
  try {
    const url = new URL(raw);
    return url.protocol === "https:" || url.protocol === "http:" ? url.toString() : null;
  } catch {
    return null;
  }
}
