import { InputErrors } from "@intl/errors";
import { calendarDateOf, isCalendarDate, type CalendarDate } from "./academicYear.ts";
import { PartnershipsReason } from "./errors.ts";

/** Quality labels (CeQuint, Bienvenue en France) and rankings (THE) the school holds. */
export const LabelKind = { LABEL: "LABEL", RANKING: "RANKING" } as const;
export type LabelKind = (typeof LabelKind)[keyof typeof LabelKind];

export interface SchoolLabel {
  name: string;
  kind: LabelKind;
  awardedBy: string | null;
  obtainedOn: CalendarDate;
  validUntil: CalendarDate | null;
  /** What the label assesses (CeQuint's five criteria, for instance). */
  criteria: string[];
  /** For a ranking: the position, and among what ("French engineering schools"). */
  rank: number | null;
  rankScope: string | null;
  note: string | null;
}

export interface SchoolLabelInput {
  name: string;
  kind: LabelKind;
  awardedBy?: string | null;
  obtainedOn: string;
  validUntil?: string | null;
  criteria?: string[] | null;
  rank?: number | null;
  rankScope?: string | null;
  note?: string | null;
}

/** A label has a name and a date it was obtained (not in the future); a rank is a positive whole number, for rankings only. */
export function validateSchoolLabel(input: SchoolLabelInput, now: Date): SchoolLabel {
  const errors = new InputErrors();
  const name = input.name.trim();
  errors.check(
    name.length > 0,
    PartnershipsReason.LABEL_NAME_REQUIRED,
    "input.name",
    "input.name is required",
  );
  const obtainedOn = input.obtainedOn.trim();
  if (!isCalendarDate(obtainedOn)) {
    errors.add(
      PartnershipsReason.INVALID_DATE,
      "input.obtainedOn",
      "input.obtainedOn must be a calendar date like 2018-11-01",
    );
  } else {
    errors.check(
      obtainedOn <= calendarDateOf(now),
      PartnershipsReason.DATE_IN_FUTURE,
      "input.obtainedOn",
      "input.obtainedOn cannot be in the future",
    );
  }
  const validUntil = input.validUntil?.trim() || null;
  if (validUntil !== null) {
    if (!isCalendarDate(validUntil)) {
      errors.add(
        PartnershipsReason.INVALID_DATE,
        "input.validUntil",
        "input.validUntil must be a calendar date like 2024-11-01",
      );
    } else if (isCalendarDate(obtainedOn)) {
      errors.check(
        validUntil > obtainedOn,
        PartnershipsReason.INVALID_DATE,
        "input.validUntil",
        "input.validUntil must come after input.obtainedOn",
      );
    }
  }
  const rank = input.rank ?? null;
  if (rank !== null) {
    errors.check(
      input.kind === LabelKind.RANKING && Number.isInteger(rank) && rank >= 1,
      PartnershipsReason.LABEL_RANK_INVALID,
      "input.rank",
      "input.rank must be a position from 1, and only for a RANKING",
    );
  }
  errors.throwIfAny();
  return {
    name,
    kind: input.kind,
    awardedBy: input.awardedBy?.trim() || null,
    obtainedOn,
    validUntil,
    criteria: (input.criteria ?? []).map((criterion) => criterion.trim()).filter(Boolean),
    rank,
    rankScope: input.rankScope?.trim() || null,
    note: input.note?.trim() || null,
  };
}
