import { ApplicationStatus, wasAdmitted } from "./applicationProgress.ts";
import type { Budget, Campaign } from "./campaign.ts";

/**
 * The recruitment funnel of one campaign (or of several together): seen (in the
 * pipeline) → interviewed (a completed interview in the campaign) → admitted
 * (decided ADMITTED, or enrolled since) → enrolled. No identity ever leaves here.
 */
export interface Outcomes {
  candidatesSeen: number;
  interviewed: number;
  admitted: number;
  enrolled: number;
  /** interviewed / seen; null when nobody was seen. */
  interviewRate: number | null;
  /** admitted / interviewed; null when nobody was interviewed. */
  admissionRate: number | null;
  /** enrolled / admitted; null when nobody was admitted. */
  enrolmentRate: number | null;
  /** budget / admitted; null without budget, without admission, or across currencies. */
  costPerAdmitted: Budget | null;
}

export interface FunnelFacts {
  /** The applications in the pipeline(s); an application in two pipelines counts once. */
  candidateApplicationIds: Iterable<string>;
  /** The students service's word on each application (unknown ones count as awaiting). */
  statusOf: (applicationId: string) => ApplicationStatus | undefined;
  /** Applications with a completed interview in the campaign(s). */
  interviewedApplicationIds: ReadonlySet<string>;
  budgets: readonly (Budget | null)[];
}

function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : Math.round((numerator / denominator) * 10_000) / 10_000;
}

/** The sum of budgets; null when none is recorded or they are in more than one currency. */
export function totalBudget(budgets: readonly (Budget | null)[]): Budget | null {
  const recorded = budgets.filter((budget): budget is Budget => budget !== null);
  const [first] = recorded;
  if (!first || recorded.some((budget) => budget.currency !== first.currency)) return null;
  const amount = recorded.reduce((sum, budget) => sum + budget.amount, 0);
  return { amount: Math.round(amount * 100) / 100, currency: first.currency };
}

export function funnelOutcomes(facts: FunnelFacts): Outcomes {
  const seen = new Set(facts.candidateApplicationIds);
  let interviewed = 0;
  let admitted = 0;
  let enrolled = 0;
  for (const applicationId of seen) {
    const status = facts.statusOf(applicationId) ?? ApplicationStatus.SUBMITTED;
    if (facts.interviewedApplicationIds.has(applicationId)) interviewed += 1;
    if (wasAdmitted(status)) admitted += 1;
    if (status === ApplicationStatus.ENROLLED) enrolled += 1;
  }
  const budget = totalBudget(facts.budgets);
  return {
    candidatesSeen: seen.size,
    interviewed,
    admitted,
    enrolled,
    interviewRate: ratio(interviewed, seen.size),
    admissionRate: ratio(admitted, interviewed),
    enrolmentRate: ratio(enrolled, admitted),
    costPerAdmitted:
      budget && admitted > 0
        ? { amount: Math.round((budget.amount / admitted) * 100) / 100, currency: budget.currency }
        : null,
  };
}

export interface ComparisonRow {
  countryCode: string;
  academicYear: string;
  campaignCount: number;
  budget: Budget | null;
  outcomes: Outcomes;
}

export interface CampaignFunnel {
  campaign: Pick<Campaign, "id" | "countryCode" | "academicYear" | "budget">;
  candidateApplicationIds: readonly string[];
  interviewedApplicationIds: readonly string[];
}

/** Outcomes per country and academic year, sorted by country then year, for analysts comparing missions. */
export function compareCampaigns(
  funnels: readonly CampaignFunnel[],
  statusOf: (applicationId: string) => ApplicationStatus | undefined,
): ComparisonRow[] {
  const groups = new Map<string, CampaignFunnel[]>();
  for (const funnel of funnels) {
    const key = `${funnel.campaign.countryCode} ${funnel.campaign.academicYear}`;
    groups.set(key, [...(groups.get(key) ?? []), funnel]);
  }
  return [...groups.values()]
    .map((group) => {
      const [{ campaign }] = group as [CampaignFunnel];
      const budgets = group.map((funnel) => funnel.campaign.budget);
      return {
        countryCode: campaign.countryCode,
        academicYear: campaign.academicYear,
        campaignCount: group.length,
        budget: totalBudget(budgets),
        outcomes: funnelOutcomes({
          candidateApplicationIds: group.flatMap((funnel) => funnel.candidateApplicationIds),
          interviewedApplicationIds: new Set(group.flatMap((funnel) => funnel.interviewedApplicationIds)),
          statusOf,
          budgets,
        }),
      };
    })
    .sort(
      (a, b) => a.countryCode.localeCompare(b.countryCode) || a.academicYear.localeCompare(b.academicYear),
    );
}
