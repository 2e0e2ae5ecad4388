import { ApplicationStatus } from "./applicationWorkflow.ts";

/** How long the documents of a non-admitted applicant's dossier are kept after the decision (DOSSIER_RETENTION_MONTHS). */
export const DEFAULT_DOSSIER_RETENTION_MONTHS = 12;

/** What the retention rule looks at on an application. */
export interface RetentionFacts {
  status: string;
  decision: { decidedAt: Date } | null;
  withdrawnAt: Date | null;
}

/** The instant `months` calendar months before `now` (UTC; the 31st falls back to the month's last day). */
export function retentionCutoff(now: Date, months: number): Date {
  const cutoff = new Date(now);
  const day = cutoff.getUTCDate();
  cutoff.setUTCDate(1);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - months);
  const lastDay = new Date(Date.UTC(cutoff.getUTCFullYear(), cutoff.getUTCMonth() + 1, 0)).getUTCDate();
  cutoff.setUTCDate(Math.min(day, lastDay));
  return cutoff;
}

/**
 * When the applicant was finally not admitted: the decision of a REJECTED application, the
 * withdrawal of a WITHDRAWN one. Null while they may still be admitted (pending, WAITLISTED) or
 * once they were (ADMITTED): those dossiers are kept.
 */
export function notAdmittedSince(application: RetentionFacts): Date | null {
  if (application.status === ApplicationStatus.REJECTED) return application.decision?.decidedAt ?? null;
  if (application.status === ApplicationStatus.WITHDRAWN) return application.withdrawnAt;
  return null;
}

/** Rule: a non-admitted applicant's dossier documents go once the retention time after the decision is over. */
export function dossierDocumentsExpired(application: RetentionFacts, cutoff: Date): boolean {
  const since = notAdmittedSince(application);
  return since !== null && since.getTime() <= cutoff.getTime();
}
