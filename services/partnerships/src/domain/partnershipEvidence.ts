import { DomainError, ErrorKind, InputErrors } from "@intl/errors";
import { calendarDateOf, isCalendarDate, type CalendarDate } from "./academicYear.ts";
import { PartnershipsReason } from "./errors.ts";
import { checkLength } from "./inputChecks.ts";
import { PartnershipDimension } from "./partnershipCompleteness.ts";

/**
 * A dated fact the office records as evidence of a dimension that no other
 * service reports: an internship programme with companies, a summer school...
 */
export interface OfficeEvidence {
  id: string;
  dimension: PartnershipDimension;
  description: string;
  occurredOn: CalendarDate;
  recordedAt: Date;
}

export interface OfficeEvidenceInput {
  dimension: PartnershipDimension;
  description: string;
  occurredOn: string;
}

/** Teaching comes from agreements and student flows, research from collaborations: the office records only these. */
export const officeRecordableDimensions: readonly PartnershipDimension[] = [
  PartnershipDimension.CORPORATE_RELATIONS,
  PartnershipDimension.SCIENTIFIC_CULTURE,
];
const maxDescriptionLength = 1000;

/** Evidence is a fact that happened: a recordable dimension, a description, a date not in the future. */
export function recordOfficeEvidence(
  input: OfficeEvidenceInput,
  now: Date,
  newId: () => string,
): OfficeEvidence {
  const errors = new InputErrors();
  errors.check(
    officeRecordableDimensions.includes(input.dimension),
    PartnershipsReason.EVIDENCE_DIMENSION_NOT_RECORDABLE,
    "input.dimension",
    `input.dimension must be ${officeRecordableDimensions.join(" or ")}: ${input.dimension} is computed from other facts`,
  );
  const description = input.description.trim();
  errors.check(
    description.length > 0,
    PartnershipsReason.EVIDENCE_DESCRIPTION_REQUIRED,
    "input.description",
    "input.description is required: say what happened",
  );
  checkLength(errors, description, maxDescriptionLength, "input.description");
  const occurredOn = input.occurredOn.trim();
  if (!isCalendarDate(occurredOn)) {
    errors.add(
      PartnershipsReason.INVALID_DATE,
      "input.occurredOn",
      "input.occurredOn must be a calendar date like 2025-09-01",
    );
  } else {
    errors.check(
      occurredOn <= calendarDateOf(now),
      PartnershipsReason.DATE_IN_FUTURE,
      "input.occurredOn",
      `input.occurredOn (${occurredOn}) cannot be in the future: evidence is a fact, not a plan`,
    );
  }
  errors.throwIfAny();
  return { id: newId(), dimension: input.dimension, description, occurredOn, recordedAt: now };
}

export function requireEvidence(evidence: OfficeEvidence[], evidenceId: string): OfficeEvidence {
  const found = evidence.find((item) => item.id === evidenceId);
  if (!found) {
    throw new DomainError(
      ErrorKind.NOT_FOUND,
      PartnershipsReason.EVIDENCE_NOT_FOUND,
      `No evidence ${evidenceId} for this institution`,
      {
        field: "evidenceId",
      },
    );
  }
  return found;
}
