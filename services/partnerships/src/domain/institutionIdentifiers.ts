import { badInput } from "@intl/errors";
import { PartnershipsReason } from "./errors.ts";

/** The identifiers partner institutions are known by in the field. */
export const IdentifierKind = { SCHAC: "SCHAC", ERASMUS: "ERASMUS", PIC: "PIC", ROR: "ROR" } as const;
export type IdentifierKind = (typeof IdentifierKind)[keyof typeof IdentifierKind];

export interface InstitutionIdentifiers {
  /** SCHAC home organisation: the institution's domain name, e.g. `uni-stuttgart.de`. */
  schac: string | null;
  /** Erasmus institutional code, e.g. `D  STUTTGA01` (country prefix padded to three characters). */
  erasmus: string | null;
  /** Participant Identification Code of the EU funding portal: nine digits. */
  pic: string | null;
  /** Research Organization Registry id, bare form `04fa4r544`. */
  ror: string | null;
}

export const identifierField: Record<IdentifierKind, keyof InstitutionIdentifiers> = {
  SCHAC: "schac",
  ERASMUS: "erasmus",
  PIC: "pic",
  ROR: "ror",
};

const schacPattern = /^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const picPattern = /^\d{9}$/;
const rorAlphabet = "0123456789abcdefghjkmnpqrstvwxyz";
const rorPattern = /^0[0-9a-hjkmnp-tv-z]{6}\d{2}$/;

/** ISO 7064 Mod 97-10 over the Crockford base32 value of the first seven characters. */
export function rorChecksum(firstSeven: string): string {
  let value = 0n;
  for (const character of firstSeven) value = value * 32n + BigInt(rorAlphabet.indexOf(character));
  return String(98n - ((value * 100n) % 97n)).padStart(2, "0");
}

function normaliseSchac(raw: string): string | null {
  const value = raw.trim().toLowerCase();
  return schacPattern.test(value) ? value : null;
}

function normaliseErasmus(raw: string): string | null {
  const value = raw.trim().toUpperCase();
  // The country prefix is padded to three characters; a three-letter prefix (IRL) needs no space.
  const match =
    /^([A-Z]{1,3})\s+([A-Z][A-Z-]{0,7})(\d{2,3})$/.exec(value) ??
    /^([A-Z]{3})([A-Z][A-Z-]{0,7})(\d{2,3})$/.exec(value);
  if (!match) return null;
  const [, prefix, city, digits] = match;
  return `${prefix!.padEnd(3, " ")}${city!}${digits!}`;
}

function normalisePic(raw: string): string | null {
  const value = raw.replace(/\s+/g, "");
  return picPattern.test(value) ? value : null;
}

function normaliseRor(raw: string): string | null {
  const value = raw
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, "")
    .replace(/^ror\.org\//, "");
  if (!rorPattern.test(value)) return null;
  return rorChecksum(value.slice(0, 7)) === value.slice(7) ? value : null;
}

const normalisers: Record<IdentifierKind, (raw: string) => string | null> = {
  SCHAC: normaliseSchac,
  ERASMUS: normaliseErasmus,
  PIC: normalisePic,
  ROR: normaliseRor,
};

const expectedFormat: Record<IdentifierKind, string> = {
  SCHAC: "a domain name like uni-stuttgart.de",
  ERASMUS: "an Erasmus code like 'D  STUTTGA01' (country prefix, city letters, two or three digits)",
  PIC: "nine digits",
  ROR: "a ROR id like 04fa4r544 or https://ror.org/04fa4r544, with a valid checksum",
};

/** The canonical form of an identifier, or null when it is malformed. */
export function normaliseIdentifier(kind: IdentifierKind, raw: string): string | null {
  return normalisers[kind](raw);
}

/** Canonical form, or BAD_USER_INPUT naming `field` with the expected format. */
export function requireIdentifier(kind: IdentifierKind, raw: string, field: string): string {
  const value = normaliseIdentifier(kind, raw);
  if (value === null) {
    throw badInput(PartnershipsReason.IDENTIFIER_INVALID, field, `${field} must be ${expectedFormat[kind]}`, {
      kind,
    });
  }
  return value;
}

export function rorUrl(ror: string | null): string | null {
  return ror === null ? null : `https://ror.org/${ror}`;
}
