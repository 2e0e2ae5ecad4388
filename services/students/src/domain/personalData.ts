import { DomainError, ErrorKind } from "@intl/errors";
import { Role, requireSignedIn } from "@intl/auth";
import type { Viewer } from "@intl/auth";
import { StudentsReason } from "./errors.ts";

/** What the visibility rules look at on a student or an application. */
export interface NomineeFacts {
  /** The partner institution the person came from (incoming students, nominees). */
  homeInstitutionId: string | null;
}

/**
 * Rule: personal data (names, email, birth date, dossier documents) is visible
 * to ADMIN and INTERNATIONAL_OFFICE, and to a PARTNER for its own nominees;
 * never to ANALYST or FACULTY.
 */
export function canSeePersonalData(viewer: Viewer, person: NomineeFacts): boolean {
  if (!viewer.authenticated) return false;
  if (viewer.role === Role.ADMIN || viewer.role === Role.INTERNATIONAL_OFFICE) return true;
  return (
    viewer.role === Role.PARTNER &&
    viewer.institutionId !== null &&
    viewer.institutionId === person.homeInstitutionId
  );
}

/** Throws FORBIDDEN (PERSONAL_DATA_HIDDEN) on a personal field the viewer may not read. */
export function assertCanSeePersonalData(viewer: Viewer, person: NomineeFacts, field: string): void {
  requireSignedIn(viewer);
  if (!canSeePersonalData(viewer, person)) {
    throw new DomainError(
      ErrorKind.FORBIDDEN,
      StudentsReason.PERSONAL_DATA_HIDDEN,
      `The ${viewer.role} role may not read ${field}.`,
      {
        details: { field },
      },
    );
  }
}

/**
 * Rule: a partner sees only its own nominees. For a partner, whatever belongs
 * to another institution does not exist (NOT_FOUND, so nothing leaks).
 */
export function isVisibleTo(viewer: Viewer, institutionId: string | null): boolean {
  requireSignedIn(viewer);
  if (viewer.role !== Role.PARTNER) return true;
  return viewer.institutionId !== null && viewer.institutionId === institutionId;
}

/** The institution a partner's lists are restricted to; null for everyone else. */
export function partnerScope(viewer: Viewer): string | null {
  requireSignedIn(viewer);
  if (viewer.role !== Role.PARTNER) return null;
  // A partner token always carries its institution; an empty one must match nothing.
  return viewer.institutionId ?? "";
}

/**
 * A list filter narrowed to the partner's own institution through `field`; other
 * viewers' filters pass unchanged. A partner asking for another institution gets nothing.
 */
export function restrictToPartner(
  viewer: Viewer,
  query: Record<string, unknown>,
  field: string,
): Record<string, unknown> {
  const scope = partnerScope(viewer);
  if (scope === null) return query;
  const asked = query[field];
  return { ...query, [field]: asked === undefined || asked === scope ? scope : { $in: [] } };
}
