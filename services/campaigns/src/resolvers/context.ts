import DataLoader from "dataloader";
import { DomainError, ErrorKind } from "@intl/errors";
import type { BaseContext } from "@intl/subgraph";
import { createByIdLoader } from "@intl/subgraph";
import type { Campaign } from "../domain/campaign.ts";
import { CampaignsReason } from "../domain/errors.ts";
import type { Outcomes } from "../domain/campaignOutcomes.ts";
import type { CandidateStage } from "../domain/candidateStage.ts";
import type { Interview } from "../domain/interview.ts";
import type { Candidate } from "../models/candidateModel.ts";
import type { CampaignsApp } from "../application/campaignsApp.ts";

/** The per-request context of the campaigns subgraph: the base context, the app, and this request's DataLoaders. */
export interface CampaignsContext extends BaseContext {
  app: CampaignsApp;
  loaders: ReturnType<typeof createLoaders>;
}

const byCandidateId = { cacheKeyFn: (candidate: Candidate) => candidate.id };

function inKeyOrder<K, V>(keys: readonly K[], found: Map<K, V>, fallback: V): V[] {
  return keys.map((key) => found.get(key) ?? fallback);
}

/** One batch per field per request: candidates' stages, interviews, outcomes... never one query per node. */
function createLoaders(base: BaseContext, app: CampaignsApp) {
  const { viewer } = base;
  return {
    /** No access check: used under fields that checked the viewer's access already. */
    campaign: createByIdLoader<Campaign>((ids) => app.campaignsByIds(ids)),
    applicationInterviews: new DataLoader<string, Interview[]>(async (ids) =>
      inKeyOrder(ids, await app.interviewsOfApplications(viewer, ids), []),
    ),
    applicationCampaign: new DataLoader<string, Campaign | null>(async (ids) => {
      const pipelines = await app.pipelinesOfApplications(viewer, ids);
      const campaigns = new Map(
        (await app.campaignsByIds([...new Set([...pipelines.values()])])).map((campaign) => [
          campaign.id,
          campaign,
        ]),
      );
      return ids.map((id) => campaigns.get(pipelines.get(id) ?? "") ?? null);
    }),
    candidateStage: new DataLoader<Candidate, CandidateStage, string>(async (candidates) => {
      const stages = await app.stagesOf(candidates);
      return candidates.map((candidate) => stages.get(candidate.id) as CandidateStage);
    }, byCandidateId),
    candidateInterviews: new DataLoader<Candidate, Interview[], string>(async (candidates) => {
      const found = await app.interviewsOfCandidates(candidates);
      return candidates.map((candidate) => found.get(candidate.id) ?? []);
    }, byCandidateId),
    outcomes: new DataLoader<string, Outcomes | null>(async (ids) =>
      inKeyOrder(ids, await app.outcomesOf(viewer, ids), null),
    ),
  };
}

/**
 * The campaign a candidate belongs to, for the non-null `CampaignCandidate.campaign`: a candidate is
 * only ever added to an existing campaign, and campaigns are never deleted, so a miss is a broken
 * invariant, answered with a coded NOT_FOUND rather than a null the schema forbids.
 */
export async function referencedCampaign(
  context: { loaders: Pick<CampaignsContext["loaders"], "campaign"> },
  id: string,
): Promise<Campaign> {
  const campaign = await context.loaders.campaign.load(id);
  if (!campaign)
    throw new DomainError(ErrorKind.NOT_FOUND, CampaignsReason.CAMPAIGN_NOT_FOUND, `No campaign ${id}.`);
  return campaign;
}

export function campaignsContextBuilder(app: CampaignsApp) {
  return (base: BaseContext): CampaignsContext => ({ ...base, app, loaders: createLoaders(base, app) });
}
