import { enumOf, type EnumValue } from "@intl/errors";
import { graduationDateOf, monthsBetween } from "./academicYear.ts";
import type { IsoDate } from "./academicYear.ts";

/**
 * The 100 % rule: every engineering student and PhD candidate goes abroad
 * before graduating. A member of a cohort has a mobility DONE (a completed
 * outgoing mobility), PLANNED (a planned one, none completed) or NONE yet.
 */
export const ComplianceStatus = enumOf("DONE", "PLANNED", "NONE");
export type ComplianceStatus = EnumValue<typeof ComplianceStatus>;

export const MOBILITY_TARGET_SHARE = 1;
export const DEFAULT_AT_RISK_MONTHS = 12;

export interface OutgoingMobilityFact {
  studentId: string;
  status: "PLANNED" | "COMPLETED" | "CANCELLED";
}

export function complianceStatusOf(
  mobilities: readonly Pick<OutgoingMobilityFact, "status">[],
): ComplianceStatus {
  if (mobilities.some((mobility) => mobility.status === "COMPLETED")) return ComplianceStatus.DONE;
  if (mobilities.some((mobility) => mobility.status === "PLANNED")) return ComplianceStatus.PLANNED;
  return ComplianceStatus.NONE;
}

/**
 * Early warning: a student with no mobility done or planned and less than
 * `warningMonths` months before graduation (or already past it) is at risk.
 */
export function isAtRisk(
  status: ComplianceStatus,
  cohort: number,
  today: IsoDate,
  warningMonths: number,
): boolean {
  return status === ComplianceStatus.NONE && monthsBetween(today, graduationDateOf(cohort)) < warningMonths;
}

export interface CohortCompliance {
  cohort: number;
  total: number;
  done: number;
  planned: number;
  none: number;
  /** Share with a mobility done; null for an empty cohort. */
  share: number | null;
  /** Share with a mobility done or planned; null for an empty cohort. */
  projectedShare: number | null;
  target: number;
  monthsToGraduation: number;
  statusOf: Map<string, ComplianceStatus>;
  atRisk: string[];
}

/** Classifies every member of a cohort and lists those at risk of missing the rule. */
export function cohortCompliance(
  cohort: number,
  memberIds: readonly string[],
  outgoingMobilities: readonly OutgoingMobilityFact[],
  today: IsoDate,
  warningMonths: number = DEFAULT_AT_RISK_MONTHS,
): CohortCompliance {
  const byStudent = new Map<string, OutgoingMobilityFact[]>();
  for (const mobility of outgoingMobilities) {
    const list = byStudent.get(mobility.studentId) ?? [];
    list.push(mobility);
    byStudent.set(mobility.studentId, list);
  }
  const statusOf = new Map<string, ComplianceStatus>();
  const counts = { DONE: 0, PLANNED: 0, NONE: 0 };
  const atRisk: string[] = [];
  for (const id of memberIds) {
    const status = complianceStatusOf(byStudent.get(id) ?? []);
    statusOf.set(id, status);
    counts[status] += 1;
    if (isAtRisk(status, cohort, today, warningMonths)) atRisk.push(id);
  }
  const total = memberIds.length;
  const ratio = (value: number) => (total === 0 ? null : Math.round((value / total) * 10_000) / 10_000);
  return {
    cohort,
    total,
    done: counts.DONE,
    planned: counts.PLANNED,
    none: counts.NONE,
    share: ratio(counts.DONE),
    projectedShare: ratio(counts.DONE + counts.PLANNED),
    target: MOBILITY_TARGET_SHARE,
    monthsToGraduation: monthsBetween(today, graduationDateOf(cohort)),
    statusOf,
    atRisk,
  };
}
