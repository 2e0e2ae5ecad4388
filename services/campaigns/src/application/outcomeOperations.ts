import { requireRole } from "@intl/auth";
import type { Viewer } from "@intl/auth";
import { InputErrors } from "@intl/errors";
import { OUTCOME_READERS } from "../domain/access.ts";
import type { ApplicationStatus } from "../domain/applicationProgress.ts";
import type { Campaign } from "../domain/campaign.ts";
import { isAcademicYear, isCountryCode } from "../domain/calendar.ts";
import { compareCampaigns, funnelOutcomes } from "../domain/campaignOutcomes.ts";
import type { CampaignFunnel, ComparisonRow, Outcomes } from "../domain/campaignOutcomes.ts";
import { CampaignsReason } from "../domain/errors.ts";
import type { ApplicationDeps } from "./applicationDeps.ts";

/** Outcome figures: never an identity, only counts, rates and costs. */
export function outcomeOperations(deps: ApplicationDeps) {
  const { campaigns, candidates, interviews, readModels } = deps;

  /** Each campaign's candidates and interviewed applications, and every application's status, in three queries. */
  async function funnelsOf(
    list: readonly Campaign[],
  ): Promise<{ funnels: CampaignFunnel[]; statusOf: (id: string) => ApplicationStatus | undefined }> {
    const ids = list.map((campaign) => campaign.id);
    const [pipeline, completed] = await Promise.all([
      candidates.ofCampaigns(ids),
      interviews.completedIn(ids),
    ]);
    const applications = await readModels.findApplications([
      ...new Set(pipeline.map((candidate) => candidate.applicationId)),
    ]);
    const statusById = new Map(applications.map((application) => [application.id, application.status]));
    const funnels = list.map((campaign) => ({
      campaign,
      candidateApplicationIds: pipeline
        .filter((candidate) => candidate.campaignId === campaign.id)
        .map((candidate) => candidate.applicationId),
      interviewedApplicationIds: completed
        .filter((interview) => interview.campaignId === campaign.id)
        .map((interview) => interview.applicationId),
    }));
    return { funnels, statusOf: (id) => statusById.get(id) };
  }

  return {
    async outcomesOf(viewer: Viewer, campaignIds: readonly string[]): Promise<Map<string, Outcomes>> {
      requireRole(viewer, ...OUTCOME_READERS);
      const { funnels, statusOf } = await funnelsOf(await campaigns.findByIds(campaignIds));
      return new Map(
        funnels.map((funnel) => [
          funnel.campaign.id,
          funnelOutcomes({
            candidateApplicationIds: funnel.candidateApplicationIds,
            interviewedApplicationIds: new Set(funnel.interviewedApplicationIds),
            statusOf,
            budgets: [funnel.campaign.budget],
          }),
        ]),
      );
    },

    /** Outcomes per country and academic year (empty lists: all of them), for analysts comparing missions. */
    async campaignComparison(
      viewer: Viewer,
      selection: { academicYears?: readonly string[] | null; countryCodes?: readonly string[] | null },
    ): Promise<ComparisonRow[]> {
      requireRole(viewer, ...OUTCOME_READERS);
      const academicYears = selection.academicYears ?? [];
      const countryCodes = selection.countryCodes ?? [];
      const errors = new InputErrors<CampaignsReason>();
      academicYears.forEach((year, index) =>
        errors.check(
          isAcademicYear(year),
          CampaignsReason.INVALID_ACADEMIC_YEAR,
          `academicYears[${index}]`,
          "must look like 2026-2027",
        ),
      );
      countryCodes.forEach((code, index) =>
        errors.check(
          isCountryCode(code),
          CampaignsReason.INVALID_COUNTRY,
          `countryCodes[${index}]`,
          "must be an ISO 3166-1 alpha-2 code",
        ),
      );
      errors.throwIfAny();
      const { funnels, statusOf } = await funnelsOf(
        await campaigns.findSelection({ academicYears, countryCodes }),
      );
      return compareCampaigns(funnels, statusOf);
    },
  };
}

export type OutcomeOperations = ReturnType<typeof outcomeOperations>;
