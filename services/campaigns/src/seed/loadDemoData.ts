import type { AuthenticatedViewer } from "@intl/auth";
import { isDomainError } from "@intl/errors";
import type { Campaign } from "../domain/campaign.ts";
import { CampaignStatus } from "../domain/campaign.ts";
import { meanScore } from "../domain/interviewScoring.ts";
import type { Candidate } from "../models/candidateModel.ts";
import type { CampaignsApp } from "../application/campaignsApp.ts";
import {
  demoCampaignInput,
  demoCampaignName,
  demoCountryCodes,
  demoIntakes,
  demoMissionFaculty,
  demoMissions,
  demoRecommendation,
  demoScores,
  demoSlot,
} from "./demoCampaigns.ts";
import type { DemoMission } from "./demoCampaigns.ts";

/** The seed acts as an administrator: it goes through the same rules as the office. */
const seedAdmin: AuthenticatedViewer = {
  authenticated: true,
  subject: "seed-campaigns-demo",
  role: "ADMIN",
  hdr: false,
  institutionId: null,
  facultyId: null,
};

export type Progress = (message: string) => void;

export interface ReadModelCounts {
  institutions: number;
  applications: number;
  faculty: number;
}

/** What the read models hold of the other services' demo data, for the seed's wait. */
export async function readModelCounts(app: CampaignsApp): Promise<ReadModelCounts> {
  const [institutions, applications, faculty] = await Promise.all([
    app.readModels.institutionsIn(demoCountryCodes),
    app.readModels.applicationsIn(demoCountryCodes),
    app.readModels.knownFacultyIds(),
  ]);
  return { institutions: institutions.length, applications: applications.length, faculty: faculty.length };
}

async function allCandidates(app: CampaignsApp, campaignId: string): Promise<Candidate[]> {
  const candidates: Candidate[] = [];
  let after: string | null = null;
  for (;;) {
    const page = await app.listCandidates(seedAdmin, campaignId, { first: 100, after });
    candidates.push(...page.nodes);
    if (!page.pageInfo.hasNextPage) return candidates;
    after = page.pageInfo.endCursor;
  }
}

async function ensureCampaign(
  app: CampaignsApp,
  mission: DemoMission,
  intake: string,
  missionIndex: number,
  facultyIds: readonly string[],
): Promise<{ campaign: Campaign; created: boolean }> {
  const existing = await app.listCampaigns(seedAdmin, {
    filter: { demo: true, countryCode: mission.countryCode, academicYear: intake },
    first: 100,
  });
  const found = existing.nodes.find((campaign) => campaign.name === demoCampaignName(mission, intake));
  if (found) return { campaign: found, created: false };
  const partners = await app.readModels.institutionsIn([mission.countryCode]);
  const input = demoCampaignInput(mission, intake, partners, demoMissionFaculty(facultyIds, missionIndex));
  return { campaign: await app.createCampaign(seedAdmin, input, { demo: true }), created: true };
}

/**
 * Interviews the candidates of a mission who were not interviewed yet: on site
 * during the mission (eight a day), completed with scores and a recommendation
 * when the slot is in the past. Candidates beyond the mission's days are left for
 * the office (video interviews, by hand).
 */
async function interviewCandidates(
  app: CampaignsApp,
  mission: DemoMission,
  campaign: Campaign,
  now: Date,
  progress: Progress,
) {
  const candidates = await allCandidates(app, campaign.id);
  const interviewsByCandidate = await app.interviewsOfCandidates(candidates);
  let slotIndex = [...interviewsByCandidate.values()].reduce((sum, list) => sum + list.length, 0);
  let scheduled = 0;
  let completed = 0;
  for (const candidate of candidates) {
    const application = await app.readModels.findApplication(candidate.applicationId);
    if (!application?.requiresInterview) continue;
    let interview = (interviewsByCandidate.get(candidate.id) ?? []).find(
      (held) => held.status !== "CANCELLED",
    );
    if (!interview) {
      if (
        application.status !== "SUBMITTED" ||
        campaign.facultyIds.length === 0 ||
        campaign.status === CampaignStatus.CLOSED
      )
        continue;
      const slot = demoSlot(mission, campaign.academicYear, slotIndex);
      if (!slot) break;
      slotIndex += 1;
      const panel =
        campaign.facultyIds.length >= 2
          ? [
              campaign.facultyIds[slotIndex % campaign.facultyIds.length]!,
              campaign.facultyIds[(slotIndex + 1) % campaign.facultyIds.length]!,
            ]
          : [...campaign.facultyIds];
      try {
        interview = await app.scheduleInterview(
          seedAdmin,
          {
            applicationId: candidate.applicationId,
            campaignId: campaign.id,
            mode: "ON_SITE",
            slot,
            panelFacultyIds: panel,
          },
          { demo: true },
        );
        scheduled += 1;
      } catch (error) {
        if (!isDomainError(error)) throw error;
        progress(`  ${candidate.applicationId}: not scheduled (${error.reason})`);
        continue;
      }
    }
    if (interview.status !== "SCHEDULED" || interview.slot.start > now) continue;
    const [scorer, ...others] = interview.panelFacultyIds as [string, ...string[]];
    const sheets = [scorer, ...others].map((member) => ({
      scores: demoScores(candidate.applicationId, member),
    }));
    for (const member of others) {
      interview = await app.scoreInterview(seedAdmin, {
        interviewId: interview.id,
        panelMemberId: member,
        scores: demoScores(candidate.applicationId, member),
      });
    }
    await app.completeInterview(seedAdmin, {
      interviewId: interview.id,
      panelMemberId: scorer,
      scores: demoScores(candidate.applicationId, scorer),
      recommendation: demoRecommendation(meanScore(sheets) ?? 0),
    });
    completed += 1;
  }
  return { candidates: candidates.length, scheduled, completed };
}

/**
 * Loads the demo campaigns: for each mission and intake, the campaign (created
 * once), opened; its candidates interviewed; closed once the mission is over.
 * Every step goes through the application's operations, so the completed
 * interviews' events reach the students service through the outbox.
 */
export async function loadDemoCampaigns(app: CampaignsApp, now: Date, progress: Progress): Promise<void> {
  const facultyIds = await app.readModels.knownFacultyIds();
  if (facultyIds.length === 0)
    progress(
      "no faculty known from the research service: missions get no panel, and no interview is scheduled",
    );
  const nominationYears = [
    ...new Set(
      (await app.readModels.applicationsIn(demoCountryCodes)).map((application) => application.academicYear),
    ),
  ];
  const intakes = demoIntakes(now, nominationYears);
  let missionIndex = 0;
  for (const intake of intakes) {
    for (const mission of demoMissions) {
      const ensured = await ensureCampaign(app, mission, intake, missionIndex, facultyIds);
      let campaign = ensured.campaign;
      missionIndex += 1;
      if (campaign.status === CampaignStatus.PLANNED)
        campaign = await app.openCampaign(seedAdmin, campaign.id);
      const figures = await interviewCandidates(app, mission, campaign, now, progress);
      const missionOver = new Date(`${campaign.endDate}T23:59:59Z`) < now;
      if (missionOver && campaign.status === CampaignStatus.OPEN)
        campaign = await app.closeCampaign(seedAdmin, campaign.id);
      progress(
        `${campaign.name}: ${ensured.created ? "created" : "already there"}, ${campaign.status}, ${figures.candidates} candidates, ` +
          `${figures.scheduled} interviews scheduled, ${figures.completed} completed`,
      );
    }
  }
}
