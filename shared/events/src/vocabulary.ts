import { z } from "zod";

/** `2025-2026`: an academic year, written as its two consecutive calendar years. */
export const academicYear = z
  .string()
  .regex(/^\d{4}-\d{4}$/, "must look like 2025-2026")
  .refine((value) => Number(value.slice(5)) === Number(value.slice(0, 4)) + 1, "years must be consecutive");

/** ISO 3166-1 alpha-2 country code. */
export const countryCode = z.string().regex(/^[A-Z]{2}$/, "must be an ISO 3166-1 alpha-2 code");

export const isoDate = z.iso.date();
export const isoDateTime = z.iso.datetime({ offset: true });
export const id = z.string().min(1);

export const direction = z.enum(["OUTGOING", "INCOMING"]);

/** The partnership dimensions a complete partnership covers. */
export const partnershipDimension = z.enum([
  "TEACHING",
  "RESEARCH",
  "CORPORATE_RELATIONS",
  "SCIENTIFIC_CULTURE",
]);
