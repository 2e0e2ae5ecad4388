import { DomainError, ErrorKind } from "@intl/errors";
import { ResearchReason } from "./errors.ts";

export function unknownCentre(field: string, centreId: string): DomainError {
  return new DomainError(
    ErrorKind.NOT_FOUND,
    ResearchReason.UNKNOWN_CENTRE,
    `No research centre ${centreId}.`,
    { field },
  );
}

export function unknownFaculty(field: string, facultyId: string): DomainError {
  return new DomainError(
    ErrorKind.NOT_FOUND,
    ResearchReason.UNKNOWN_FACULTY,
    `No faculty member ${facultyId}.`,
    { field },
  );
}

/**
 * Institutions are owned by the partnerships service and known here through its
 * events: one registered moments ago may not have arrived yet.
 */
export function unknownInstitutions(field: string, institutionIds: string[]): DomainError {
  return new DomainError(
    ErrorKind.NOT_FOUND,
    ResearchReason.INSTITUTION_NOT_FOUND,
    `Unknown institution(s) ${institutionIds.join(", ")}: the research service has not received them from the partnerships service (an institution registered moments ago may still be on its way; retry shortly).`,
    { field, details: { institutionIds } },
  );
}

/** PhD applications are owned by the students service and known here through its events. */
export function unknownApplication(field: string, applicationId: string): DomainError {
  return new DomainError(
    ErrorKind.NOT_FOUND,
    ResearchReason.UNKNOWN_APPLICATION,
    `Unknown PhD application ${applicationId}: the research service has not received it from the students service (a recent one may still be on its way; retry shortly).`,
    { field },
  );
}

export function notFound(reason: ResearchReason, what: string, id: string): DomainError {
  return new DomainError(ErrorKind.NOT_FOUND, reason, `No ${what} ${id}.`, { details: { id } });
}

/** A new aggregate whose id is taken (the seed's fixed ids). */
export function alreadyExists(what: string, id: string): DomainError {
  return new DomainError(ErrorKind.CONFLICT, ResearchReason.ALREADY_EXISTS, `${what} ${id} already exists.`);
}
