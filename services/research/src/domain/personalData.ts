import { DomainError, ErrorKind } from "@intl/errors";
import { Role, hasRole } from "@intl/auth";
import type { Viewer } from "@intl/auth";
import { ResearchReason } from "./errors.ts";

/** Who may read names, emails and candidates' files: the people who work with them. */
export const personalDataRoles = [Role.ADMIN, Role.INTERNATIONAL_OFFICE, Role.FACULTY];

export function mayReadPersonalData(viewer: Viewer): boolean {
  return hasRole(viewer, ...personalDataRoles);
}

/** Personal data of faculty, guests and candidates: FORBIDDEN for analysts, partners and anonymous viewers. */
export function assertMayReadPersonalData(viewer: Viewer, what: string): void {
  if (!mayReadPersonalData(viewer)) {
    throw new DomainError(
      ErrorKind.FORBIDDEN,
      ResearchReason.PERSONAL_DATA_RESTRICTED,
      `${what} is personal data, visible to ${personalDataRoles.join(", ")} only.`,
    );
  }
}
