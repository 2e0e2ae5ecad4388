import { DomainError, ErrorKind } from "@intl/errors";
import { StudentsReason } from "../domain/errors.ts";
import { findProgramme, type Programme } from "../domain/programmes.ts";

/** Instants travel as ISO date-times (a string for an instant that is always set). */
export function isoInstant(value: Date | string): string;
export function isoInstant(value: Date | string | null | undefined): string | null;
export function isoInstant(value: Date | string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}

/**
 * The programme a stored record names, for a non-null `programme`: the code was checked against the
 * catalogue when the record was written; a code the catalogue no longer has is a coded NOT_FOUND
 * rather than a null the schema forbids.
 */
export function recordedProgramme(code: string): Programme {
  const programme = findProgramme(code);
  if (!programme) {
    throw new DomainError(
      ErrorKind.NOT_FOUND,
      StudentsReason.UNKNOWN_PROGRAMME,
      `Unknown programme ${code}.`,
    );
  }
  return programme;
}

/** A reference to an entity another subgraph owns (the gateway resolves the rest); null when the id is. */
export function reference(id: string | null | undefined): { id: string } | null {
  return id ? { id } : null;
}
