import { DomainError, ErrorKind, InputErrors } from "@intl/errors";
import { Role, requireRole } from "@intl/auth";
import type { Viewer } from "@intl/auth";
import { isAcademicYear } from "./academicYear.ts";
import type { AcademicYear, IsoDate } from "./academicYear.ts";
import { checkDossierIsComplete } from "./dossier.ts";
import type { Dossier } from "./dossier.ts";
import { StudentsReason } from "./errors.ts";
import { checkPerson } from "./person.ts";
import type { PersonInput } from "./person.ts";
import { checkedProgramme } from "./programmes.ts";
import type { Programme } from "./programmes.ts";

export interface NominationInput {
  /** Required when the office submits on behalf of an institution; a partner nominates for its own. */
  institutionId?: string | null;
  programmeCode: string;
  academicYear: AcademicYear;
  candidate: PersonInput;
  dossier: Dossier;
}

export interface CheckedNomination {
  institutionId: string;
  programme: Programme;
  academicYear: AcademicYear;
  candidate: PersonInput;
  dossier: Dossier;
}

/**
 * Who nominates: a partner for its own institution only; the office (ADMIN,
 * INTERNATIONAL_OFFICE) on behalf of the institution it names.
 */
export function nominatingInstitution(viewer: Viewer, requested: string | null | undefined): string {
  requireRole(viewer, Role.PARTNER, Role.ADMIN, Role.INTERNATIONAL_OFFICE);
  if (viewer.role === Role.PARTNER) {
    const own = viewer.institutionId;
    if (!own || (requested && requested !== own)) {
      throw new DomainError(
        ErrorKind.FORBIDDEN,
        StudentsReason.NOT_YOUR_NOMINEE,
        "A partner nominates only for its own institution.",
        {
          field: "input.institutionId",
        },
      );
    }
    return own;
  }
  if (!requested) {
    throw new DomainError(
      ErrorKind.BAD_USER_INPUT,
      StudentsReason.INSTITUTION_REQUIRED,
      "Name the nominating institution when submitting on its behalf.",
      { field: "input.institutionId" },
    );
  }
  return requested;
}

/** Validates a nomination's input (every fault at once); nothing is written when it throws. */
export function checkNomination(viewer: Viewer, input: NominationInput, today: IsoDate): CheckedNomination {
  const institutionId = nominatingInstitution(viewer, input.institutionId);
  const errors = new InputErrors();
  const programme = checkedProgramme(input.programmeCode, errors, "input.programmeCode");
  errors.check(
    isAcademicYear(input.academicYear),
    StudentsReason.INVALID_INPUT,
    "input.academicYear",
    "An academic year looks like 2026-2027.",
  );
  checkPerson(input.candidate, today, errors, "input.candidate");
  if (programme) checkDossierIsComplete(programme, input.dossier, errors, "input.dossier");
  errors.throwIfAny();
  return {
    institutionId,
    programme: programme as Programme,
    academicYear: input.academicYear,
    candidate: input.candidate,
    dossier: input.dossier,
  };
}
