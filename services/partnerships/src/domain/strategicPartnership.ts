import { DomainError, ErrorKind, InputErrors, enumOf, type EnumValue } from "@intl/errors";
import {
  calendarDateOf,
  compareAcademicYears,
  isAcademicYear,
  shiftAcademicYear,
  type AcademicYear,
  type CalendarDate,
} from "./academicYear.ts";
import { PartnershipsReason } from "./errors.ts";
import { checkLength, optionalText } from "./inputChecks.ts";

export const ActionStatus = enumOf("PLANNED", "IN_PROGRESS", "DONE", "CANCELLED");
export type ActionStatus = EnumValue<typeof ActionStatus>;

/** Done and cancelled actions are history: they do not move any more. */
const finalActionStatuses = new Set<ActionStatus>([ActionStatus.DONE, ActionStatus.CANCELLED]);

export interface PlannedAction {
  id: string;
  academicYear: AcademicYear;
  title: string;
  description: string | null;
  status: ActionStatus;
}

/** Five academic years, detailed year by year. */
export interface ActionPlan {
  firstAcademicYear: AcademicYear;
  lastAcademicYear: AcademicYear;
  actions: PlannedAction[];
}

/** The office's designation: carried by a research centre, led by a faculty member (research service ids). */
export interface StrategicDesignation {
  designatedOn: CalendarDate;
  carryingCentreId: string;
  leadFacultyId: string;
  rationale: string | null;
  actionPlan: ActionPlan;
}

export interface PlannedActionInput {
  academicYear: string;
  title: string;
  description?: string | null;
  status?: ActionStatus | null;
}

export interface StrategicDesignationInput {
  carryingCentreId: string;
  leadFacultyId: string;
  rationale?: string | null;
  actionPlan: { firstAcademicYear: string; actions: PlannedActionInput[] };
}

export const actionPlanYears = 5;
const referenceIdPattern = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;
const maxTitleLength = 200;
const maxTextLength = 2000;

/** The five academic years of a plan starting in `first`. */
export function planYears(first: AcademicYear): AcademicYear[] {
  return Array.from({ length: actionPlanYears }, (_, offset) => shiftAcademicYear(first, offset));
}

function checkAction(
  errors: InputErrors,
  input: PlannedActionInput,
  years: AcademicYear[],
  field: string,
): { academicYear: string; title: string; description: string | null } {
  const academicYear = input.academicYear.trim();
  const title = input.title.trim();
  const description = input.description?.trim() || null;
  if (!isAcademicYear(academicYear)) {
    errors.add(
      PartnershipsReason.ACADEMIC_YEAR_INVALID,
      `${field}.academicYear`,
      `${field}.academicYear must be like 2025-2026`,
    );
  } else {
    errors.check(
      years.includes(academicYear),
      PartnershipsReason.ACTION_PLAN_YEAR_OUTSIDE_PLAN,
      `${field}.academicYear`,
      `${field}.academicYear (${academicYear}) is outside the plan (${years[0]} to ${years[years.length - 1]})`,
    );
  }
  errors.check(
    title.length > 0,
    PartnershipsReason.ACTION_TITLE_REQUIRED,
    `${field}.title`,
    `${field}.title is required`,
  );
  checkLength(errors, title, maxTitleLength, `${field}.title`);
  checkLength(errors, description, maxTextLength, `${field}.description`);
  return { academicYear, title, description };
}

function checkReference(errors: InputErrors, value: string, field: string, what: string): string {
  const id = value.trim();
  errors.check(
    referenceIdPattern.test(id),
    PartnershipsReason.REFERENCE_ID_INVALID,
    field,
    `${field} must be the id of ${what}`,
  );
  return id;
}

/**
 * Designating a strategic partnership: a carrying research centre, a lead faculty
 * member and a five-year action plan with at least one action in each year.
 * An institution already designated cannot be designated again.
 */
export function designateStrategicPartnership(
  current: StrategicDesignation | null,
  input: StrategicDesignationInput,
  now: Date,
  newId: () => string,
): StrategicDesignation {
  if (current !== null) {
    throw new DomainError(
      ErrorKind.CONFLICT,
      PartnershipsReason.PARTNERSHIP_ALREADY_STRATEGIC,
      `This institution is already a strategic partner (since ${current.designatedOn})`,
    );
  }
  const errors = new InputErrors();
  const carryingCentreId = checkReference(
    errors,
    input.carryingCentreId,
    "input.carryingCentreId",
    "a research centre",
  );
  const leadFacultyId = checkReference(
    errors,
    input.leadFacultyId,
    "input.leadFacultyId",
    "a faculty member",
  );
  const rationale = optionalText(errors, input.rationale, maxTextLength, "input.rationale");
  const firstAcademicYear = input.actionPlan.firstAcademicYear.trim();
  if (!isAcademicYear(firstAcademicYear)) {
    errors.add(
      PartnershipsReason.ACADEMIC_YEAR_INVALID,
      "input.actionPlan.firstAcademicYear",
      "input.actionPlan.firstAcademicYear must be like 2025-2026",
    );
    errors.throwIfAny();
  }
  const years = planYears(firstAcademicYear);
  const actions = input.actionPlan.actions.map((action, index) => ({
    ...checkAction(errors, action, years, `input.actionPlan.actions[${index}]`),
    status: action.status ?? ActionStatus.PLANNED,
  }));
  const yearsWithoutAction = years.filter((year) => !actions.some((action) => action.academicYear === year));
  if (yearsWithoutAction.length > 0) {
    errors.add(
      PartnershipsReason.ACTION_PLAN_YEAR_WITHOUT_ACTION,
      "input.actionPlan.actions",
      `the five-year action plan must detail every year; nothing planned for ${yearsWithoutAction.join(", ")}`,
    );
  }
  errors.throwIfAny();
  return {
    designatedOn: calendarDateOf(now),
    carryingCentreId,
    leadFacultyId,
    rationale,
    actionPlan: {
      firstAcademicYear,
      lastAcademicYear: years[years.length - 1]!,
      actions: actions
        .map((action) => ({ id: newId(), ...action }))
        .sort((a, b) => compareAcademicYears(a.academicYear, b.academicYear)),
    },
  };
}

export function requireStrategic(current: StrategicDesignation | null): StrategicDesignation {
  if (current === null) {
    throw new DomainError(
      ErrorKind.CONFLICT,
      PartnershipsReason.PARTNERSHIP_NOT_STRATEGIC,
      "This institution is not a strategic partner: designate it first",
    );
  }
  return current;
}

/** Adds an action to a year of the plan. */
export function addPlannedAction(
  current: StrategicDesignation | null,
  input: PlannedActionInput,
  newId: () => string,
): StrategicDesignation {
  const designation = requireStrategic(current);
  const errors = new InputErrors();
  const action = checkAction(errors, input, planYears(designation.actionPlan.firstAcademicYear), "input");
  errors.throwIfAny();
  const actions = [
    ...designation.actionPlan.actions,
    { id: newId(), ...action, status: input.status ?? ActionStatus.PLANNED },
  ];
  actions.sort((a, b) => compareAcademicYears(a.academicYear, b.academicYear));
  return { ...designation, actionPlan: { ...designation.actionPlan, actions } };
}

/** Moves an action along; DONE and CANCELLED are final. */
export function changeActionStatus(
  current: StrategicDesignation | null,
  actionId: string,
  status: ActionStatus,
): StrategicDesignation {
  const designation = requireStrategic(current);
  const action = designation.actionPlan.actions.find((candidate) => candidate.id === actionId);
  if (!action) {
    throw new DomainError(
      ErrorKind.NOT_FOUND,
      PartnershipsReason.ACTION_NOT_FOUND,
      `No action ${actionId} in this plan`,
      {
        field: "actionId",
      },
    );
  }
  if (action.status !== status && finalActionStatuses.has(action.status)) {
    throw new DomainError(
      ErrorKind.CONFLICT,
      PartnershipsReason.ACTION_STATUS_FINAL,
      `The action is ${action.status}; it cannot become ${status}`,
      { details: { from: action.status, to: status } },
    );
  }
  const actions = designation.actionPlan.actions.map((candidate) =>
    candidate.id === actionId ? { ...candidate, status } : candidate,
  );
  return { ...designation, actionPlan: { ...designation.actionPlan, actions } };
}
