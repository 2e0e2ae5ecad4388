import { Role, requireRole } from "@intl/auth";
import type { Viewer } from "@intl/auth";
import { MANAGERS } from "../domain/access.ts";
import type { KnownApplication } from "../domain/applicationProgress.ts";
import { CampaignStatus } from "../domain/campaign.ts";
import type { Campaign } from "../domain/campaign.ts";
import { assertCampaignNotClosed } from "../domain/campaignLifecycle.ts";
import { candidateStage } from "../domain/candidateStage.ts";
import type { CandidateStage } from "../domain/candidateStage.ts";
import { ApplicationStatus } from "../domain/applicationProgress.ts";
import type { Interview } from "../domain/interview.ts";
import { campaignRecruitsApplication } from "../domain/pipelineMatching.ts";
import { CandidateSource } from "../models/candidateModel.ts";
import type { Candidate } from "../models/candidateModel.ts";
import type { CandidateListFilter } from "../models/candidateRepository.ts";
import { applicationNotFound, campaignNotFound } from "./notFound.ts";
import type { ApplicationDeps } from "./applicationDeps.ts";

/** The candidate pipeline: automatic joins, back-fill, assignment by hand, stages. */
export function pipelineOperations(deps: ApplicationDeps) {
  const { campaigns, candidates, interviews, readModels, clock } = deps;

  const join = (campaign: Campaign, application: KnownApplication, joinedBy: CandidateSource) =>
    candidates.join({
      campaignId: campaign.id,
      applicationId: application.id,
      institutionId: application.institutionId,
      programmeCode: application.programmeCode,
      joinedBy,
      joinedAt: clock(),
    });

  /** Each candidate's interviews in its campaign, earliest first (for resolvers, after their access check). */
  async function interviewsOfCandidates(list: readonly Candidate[]): Promise<Map<string, Interview[]>> {
    const found = await interviews.ofCampaignApplications(
      [...new Set(list.map((candidate) => candidate.campaignId))],
      [...new Set(list.map((candidate) => candidate.applicationId))],
    );
    return new Map(
      list.map((candidate) => [
        candidate.id,
        found.filter(
          (interview) =>
            interview.campaignId === candidate.campaignId &&
            interview.applicationId === candidate.applicationId,
        ),
      ]),
    );
  }

  return {
    interviewsOfCandidates,

    /** A submitted application joins every campaign recruiting it (country, programme, intake; not closed). */
    async joinPipelines(application: KnownApplication): Promise<void> {
      const recruiting = await campaigns.findRecruiting(application.countryCode, application.academicYear);
      for (const campaign of recruiting.filter((candidate) =>
        campaignRecruitsApplication(candidate, application),
      )) {
        const { joined } = await join(campaign, application, CandidateSource.AUTOMATIC);
        if (joined)
          deps.logger.info(
            { campaignId: campaign.id, applicationId: application.id },
            "application joined a campaign's pipeline",
          );
      }
    },

    /** A campaign created or widened after nominations arrived takes those still awaiting a decision. */
    async backfillPipeline(campaign: Campaign): Promise<void> {
      if (campaign.status === CampaignStatus.CLOSED) return;
      const awaiting = await readModels.findAwaiting(
        campaign.countryCode,
        campaign.academicYear,
        campaign.programmeCodes,
      );
      for (const application of awaiting) await join(campaign, application, CandidateSource.AUTOMATIC);
    },

    /** The office adds an application by hand (any country or programme); it must be known from the students service's events. */
    async assignCandidate(
      viewer: Viewer,
      input: { campaignId: string; applicationId: string },
    ): Promise<Candidate> {
      requireRole(viewer, ...MANAGERS);
      const campaign = await campaigns.findById(input.campaignId);
      if (!campaign) throw campaignNotFound("input.campaignId");
      const application = await readModels.findApplication(input.applicationId);
      if (!application) throw applicationNotFound("input.applicationId");
      assertCampaignNotClosed(campaign, "input.campaignId");
      return (await join(campaign, application, CandidateSource.BY_HAND)).candidate;
    },

    async listCandidates(
      viewer: Viewer,
      campaignId: string,
      request: { filter?: CandidateListFilter | null; first?: number | null; after?: string | null },
    ) {
      requireRole(viewer, ...MANAGERS);
      return candidates.page(campaignId, request);
    },

    /** The latest campaign whose pipeline each application joined. */
    async pipelinesOfApplications(
      viewer: Viewer,
      applicationIds: readonly string[],
    ): Promise<Map<string, string>> {
      requireRole(viewer, Role.ADMIN, Role.INTERNATIONAL_OFFICE, Role.FACULTY);
      const latestFirst = await candidates.ofApplications(applicationIds);
      const latest = new Map<string, string>();
      for (const candidate of latestFirst)
        if (!latest.has(candidate.applicationId)) latest.set(candidate.applicationId, candidate.campaignId);
      return latest;
    },

    async stagesOf(list: readonly Candidate[]): Promise<Map<string, CandidateStage>> {
      const [applications, interviewsByCandidate] = await Promise.all([
        readModels.findApplications([...new Set(list.map((candidate) => candidate.applicationId))]),
        interviewsOfCandidates(list),
      ]);
      const statusById = new Map(applications.map((application) => [application.id, application.status]));
      return new Map(
        list.map((candidate) => [
          candidate.id,
          candidateStage(
            statusById.get(candidate.applicationId) ?? ApplicationStatus.SUBMITTED,
            (interviewsByCandidate.get(candidate.id) ?? []).map((interview) => interview.status),
          ),
        ]),
      );
    },
  };
}

export type PipelineOperations = ReturnType<typeof pipelineOperations>;
