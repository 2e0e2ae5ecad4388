import { DomainError, ErrorKind } from "@intl/errors";
import { isYearWithin } from "./academicYear.ts";
import type { AcademicYear } from "./academicYear.ts";
import { StudentsReason } from "./errors.ts";
import type { Programme } from "./programmes.ts";

export type Direction = "OUTGOING" | "INCOMING";

/** What this service knows of an agreement, from the partnerships service's events. */
export interface AgreementView {
  agreementId: string;
  institutionId: string;
  countryCode: string;
  type: string;
  status: "DRAFT" | "ACTIVE" | "EXPIRED" | "TERMINATED";
  programmeCodes: string[];
  eqfLevels: number[];
  seatsOutgoingPerYear: number;
  seatsIncomingPerYear: number;
  firstAcademicYear: AcademicYear;
  lastAcademicYear: AcademicYear;
}

/**
 * An agreement covers a programme when it names its code, its family (`MSC`
 * covers every `MSC-...` code, `PHD` every `PHD-...`, `EXCHANGE` both exchange
 * codes; `ENGINEERING` covers ICM and ISMIN, as the kind's name), or its EQF level.
 */
export function agreementCoversProgramme(
  agreement: Pick<AgreementView, "programmeCodes" | "eqfLevels">,
  programme: Programme,
): boolean {
  return (
    agreement.eqfLevels.includes(programme.eqfLevel) ||
    agreement.programmeCodes.some(
      (code) => code === programme.code || code === programme.kind || programme.code.startsWith(`${code}-`),
    )
  );
}

/** Active, and the academic year lies between its first and last academic years. */
export function isAgreementActiveIn(agreement: AgreementView, year: AcademicYear): boolean {
  return (
    agreement.status === "ACTIVE" &&
    isYearWithin(year, agreement.firstAcademicYear, agreement.lastAcademicYear)
  );
}

/**
 * Rule: a nomination comes from an institution with an active agreement that
 * covers the programme and the year. Returns the agreement it relies on.
 */
export function agreementAllowingNomination(
  agreementsOfInstitution: readonly AgreementView[],
  institutionId: string,
  programme: Programme,
  year: AcademicYear,
): AgreementView {
  const allowing = agreementsOfInstitution.find(
    (agreement) =>
      agreement.institutionId === institutionId &&
      isAgreementActiveIn(agreement, year) &&
      agreementCoversProgramme(agreement, programme),
  );
  if (!allowing) {
    throw new DomainError(
      ErrorKind.CONFLICT,
      StudentsReason.NO_ACTIVE_AGREEMENT,
      `Institution ${institutionId} has no active agreement covering ${programme.code} in ${year}.`,
      { details: { institutionId, programmeCode: programme.code, academicYear: year } },
    );
  }
  return allowing;
}

export function seatsPerYear(agreement: AgreementView, direction: Direction): number {
  return direction === "OUTGOING" ? agreement.seatsOutgoingPerYear : agreement.seatsIncomingPerYear;
}
