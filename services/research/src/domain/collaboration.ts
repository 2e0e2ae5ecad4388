import { DomainError, ErrorKind, InputErrors, enumOf, type EnumValue } from "@intl/errors";
import { Role } from "@intl/auth";
import type { AuthenticatedViewer } from "@intl/auth";
import { ResearchReason } from "./errors.ts";
import { illegalTransitionOf } from "./statusTransitions.ts";
import { checkPeriod, checkText, isIsoDate, isoDay } from "./inputChecks.ts";
import { unknownCentre, unknownFaculty, unknownInstitutions } from "./missingReferences.ts";
import { CollaborationDimension, CollaborationType, collaborationDimensions } from "./vocabulary.ts";

export const CollaborationStatus = enumOf("PLANNED", "ONGOING", "ENDED", "CANCELLED");
export type CollaborationStatus = EnumValue<typeof CollaborationStatus>;

export interface Funding {
  amount: number;
  /** ISO 4217. */
  currency: string;
  funder: string;
}

export interface CollaborationState {
  id: string;
  title: string;
  type: CollaborationType;
  status: CollaborationStatus;
  institutionIds: string[];
  companies: string[];
  leadFacultyId: string;
  centreId: string;
  startDate: string;
  endDate: string | null;
  funding: Funding | null;
  dimensions: CollaborationDimension[];
  description: string | null;
  startedAt: Date | null;
  endedAt: Date | null;
  /** Incremented on each change; the `sequence` of the events it publishes. */
  version: number;
  demo: boolean;
}

export interface PlanCollaborationCommand {
  title: string;
  type: CollaborationType;
  institutionIds?: string[] | null;
  companies?: string[] | null;
  leadFacultyId: string;
  centreId?: string | null;
  startDate: string;
  endDate?: string | null;
  funding?: Funding | null;
  dimensions?: CollaborationDimension[] | null;
  description?: string | null;
  demo?: boolean;
}

/** What the caller looked up before planning: which references exist. */
export interface PlanCollaborationFacts {
  /** Of the command's institutions, those the institutions read model does not hold. */
  unknownInstitutionIds: string[];
  leadFaculty: { id: string; centreId: string } | null;
  /** Whether the command's explicit `centreId` (if any) exists. */
  centreExists: boolean;
}

const researchTypes: readonly CollaborationType[] = [
  CollaborationType.JOINT_RESEARCH,
  CollaborationType.JOINT_LAB,
  CollaborationType.COTUTELLE,
  CollaborationType.JOINT_PUBLICATION,
  CollaborationType.APPLIED_RESEARCH_FOR_COMPANY,
];

/**
 * The dimensions a collaboration evidences whatever is asked: research types evidence
 * RESEARCH; applied research for a company, and any collaboration with a company,
 * evidences CORPORATE_RELATIONS.
 */
export function impliedDimensions(
  type: CollaborationType,
  companies: readonly string[],
): CollaborationDimension[] {
  const implied = new Set<CollaborationDimension>();
  if (researchTypes.includes(type)) implied.add(CollaborationDimension.RESEARCH);
  if (type === CollaborationType.APPLIED_RESEARCH_FOR_COMPANY || companies.length > 0) {
    implied.add(CollaborationDimension.CORPORATE_RELATIONS);
  }
  return [...implied];
}

/** Requested plus implied dimensions, in the canonical order. */
export function evidencedDimensions(
  type: CollaborationType,
  companies: readonly string[],
  requested: readonly CollaborationDimension[],
): CollaborationDimension[] {
  const all = new Set([...requested, ...impliedDimensions(type, companies)]);
  return collaborationDimensions.filter((dimension) => all.has(dimension));
}

/** A faculty member manages only the collaborations they lead; the office manages all. */
export function assertMayManageCollaboration(viewer: AuthenticatedViewer, leadFacultyId: string): void {
  if (viewer.role === Role.FACULTY && viewer.facultyId !== leadFacultyId) {
    throw new DomainError(
      ErrorKind.FORBIDDEN,
      ResearchReason.NOT_LEAD_FACULTY,
      "A faculty member may only manage the collaborations they lead.",
    );
  }
}

function checkPlanInput(
  command: PlanCollaborationCommand,
  institutionIds: string[],
  companies: string[],
): void {
  const errors = new InputErrors();
  checkText(errors, command.title, "input.title", "the title");
  errors.check(
    institutionIds.length + companies.length > 0,
    ResearchReason.NO_PARTNER,
    "input.institutionIds",
    "a collaboration needs at least one partner institution or company",
  );
  errors.check(
    command.type !== CollaborationType.APPLIED_RESEARCH_FOR_COMPANY || companies.length > 0,
    ResearchReason.COMPANY_REQUIRED,
    "input.companies",
    "applied research for a company names at least one company",
  );
  errors.check(
    command.type !== CollaborationType.OTHER || (command.dimensions ?? []).length > 0,
    ResearchReason.NO_DIMENSION,
    "input.dimensions",
    "a collaboration of type OTHER must say which dimensions it evidences",
  );
  checkPeriod(errors, command.startDate, command.endDate, { start: "input.startDate", end: "input.endDate" });
  if (command.funding) {
    const { amount, currency, funder } = command.funding;
    errors.check(
      Number.isFinite(amount) && amount > 0,
      ResearchReason.INVALID_AMOUNT,
      "input.funding.amount",
      "the funding amount must be positive",
    );
    errors.check(
      /^[A-Z]{3}$/.test(currency),
      ResearchReason.INVALID_CURRENCY,
      "input.funding.currency",
      "the currency must be an ISO 4217 code such as EUR",
    );
    checkText(errors, funder, "input.funding.funder", "the funder");
  }
  errors.throwIfAny();
}

/**
 * Plans a collaboration: at least one partner, a known lead faculty member, known
 * institutions and centre, a consistent period, valid funding. Nothing is published
 * until it starts.
 */
export function planCollaboration(
  command: PlanCollaborationCommand,
  facts: PlanCollaborationFacts,
  id: string,
): CollaborationState {
  const institutionIds = [...new Set(command.institutionIds ?? [])];
  const companies = [...new Set((command.companies ?? []).map((company) => company.trim()).filter(Boolean))];
  checkPlanInput(command, institutionIds, companies);
  if (!facts.leadFaculty) throw unknownFaculty("input.leadFacultyId", command.leadFacultyId);
  if (command.centreId && !facts.centreExists) throw unknownCentre("input.centreId", command.centreId);
  if (facts.unknownInstitutionIds.length > 0)
    throw unknownInstitutions("input.institutionIds", facts.unknownInstitutionIds);
  return {
    id,
    title: command.title.trim(),
    type: command.type,
    status: CollaborationStatus.PLANNED,
    institutionIds,
    companies,
    leadFacultyId: facts.leadFaculty.id,
    centreId: command.centreId || facts.leadFaculty.centreId,
    startDate: command.startDate,
    endDate: command.endDate ?? null,
    funding: command.funding ? { ...command.funding, funder: command.funding.funder.trim() } : null,
    dimensions: evidencedDimensions(command.type, companies, command.dimensions ?? []),
    description: command.description?.trim() || null,
    startedAt: null,
    endedAt: null,
    version: 1,
    demo: command.demo ?? false,
  };
}

const illegalTransition = illegalTransitionOf(
  ResearchReason.COLLABORATION_ILLEGAL_TRANSITION,
  "collaboration",
);

/** PLANNED → ONGOING: from now on it evidences its dimensions (published as started). */
export function startCollaboration(state: CollaborationState, now: Date): CollaborationState {
  if (state.status !== CollaborationStatus.PLANNED)
    throw illegalTransition(state.status, CollaborationStatus.ONGOING);
  return { ...state, status: CollaborationStatus.ONGOING, startedAt: now, version: state.version + 1 };
}

/**
 * ONGOING → ENDED on `endDate` (default: today), which is neither before the start
 * nor in the future: a collaboration still running is not ended.
 */
export function endCollaboration(
  state: CollaborationState,
  endDate: string | null | undefined,
  now: Date,
): CollaborationState {
  if (state.status !== CollaborationStatus.ONGOING)
    throw illegalTransition(state.status, CollaborationStatus.ENDED);
  const today = isoDay(now);
  const end = endDate ?? today;
  const errors = new InputErrors();
  if (!isIsoDate(end)) {
    errors.add(ResearchReason.INVALID_DATE, "endDate", "endDate must be a date written YYYY-MM-DD");
  } else {
    errors.check(
      end >= state.startDate,
      ResearchReason.END_BEFORE_START,
      "endDate",
      "the end date must not be before the start date",
    );
    errors.check(
      end <= today,
      ResearchReason.END_IN_FUTURE,
      "endDate",
      "a collaboration cannot be ended on a future date",
    );
  }
  errors.throwIfAny();
  return {
    ...state,
    status: CollaborationStatus.ENDED,
    endDate: end,
    endedAt: now,
    version: state.version + 1,
  };
}

/** PLANNED → CANCELLED; an ongoing collaboration is ended instead, so its end is published. */
export function cancelCollaboration(state: CollaborationState): CollaborationState {
  if (state.status !== CollaborationStatus.PLANNED)
    throw illegalTransition(state.status, CollaborationStatus.CANCELLED);
  return { ...state, status: CollaborationStatus.CANCELLED, version: state.version + 1 };
}
